using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Features.Coding;
using Heard.Web.Features.Import;
using Heard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Tests;

/// <summary>The theme aggregates are a cache of the coded comments: every path that codes comments keeps them equal to a rebuild.</summary>
public sealed class ThemeAggregateTests
{
    private static readonly string[] Texts =
    [
        "The food was cold and the nurses were rude", "Lovely kind staff, thank you", "Waited five hours in A&E for a bed",
        "Parking was impossible and expensive", "Clean ward, good food", "Nobody explained my medication to me",
        "The doctor listened and explained everything", "Noisy at night, could not sleep", "", "Discharge took all day",
    ];

    private static string Csv(int rows, int offset = 0)
    {
        var csv = new StringBuilder("response_id,date,trust_code,site_code,unit,setting,answer,mode,comment\n");
        for (var i = 0; i < rows; i++)
        {
            var n = i + offset;
            csv.Append($"{n + 1},2026-{7 + n % 3:00}-{1 + n % 27:00},RZZ,RZZ01,Ward {1 + n % 3},{(n % 4 == 0 ? "outpatient" : "inpatient")},{1 + n % 5},sms,\"{Texts[n % Texts.Length]}\"\n");
        }
        return csv.ToString();
    }

    /// <summary>Both tables as kept, in an order that does not depend on the provider.</summary>
    private static async Task<string> SnapshotAsync(HeardDbContext db)
    {
        var themes = (await db.ThemeMonthly.AsNoTracking().ToListAsync())
            .Select(t => $"{t.UnitId}|{t.Month}|{t.Source}|{t.Setting}|{t.Label}|{t.TrustId}|{t.Category}|{t.Comments}|{t.SentimentCount}|{t.SentimentSum}|{t.Positive}|{t.Negative}")
            .Order(StringComparer.Ordinal);
        var coded = (await db.CodedMonthly.AsNoTracking().ToListAsync())
            .Select(t => $"{t.UnitId}|{t.Month}|{t.Source}|{t.Setting}|{t.TrustId}|{t.Coded}").Order(StringComparer.Ordinal);
        return string.Join('\n', themes) + "\n--\n" + string.Join('\n', coded);
    }

    private static async Task<(string Kept, string Rebuilt)> KeptAndRebuiltAsync(TestDatabase database)
    {
        await using var db = database.Context();
        var kept = await SnapshotAsync(db);
        await Heard.Web.Features.Fft.Aggregates.RebuildAsync(db);
        return (kept, await SnapshotAsync(db));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Importing_and_recoding_keep_the_theme_aggregates_equal_to_a_rebuild_from_the_raw_comments(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var files = new TempFiles();
        // Two files, the second adding to unit-months the first started, so increments meet existing rows.
        await new FeedbackImporter(database.Target).ImportAsync(files.Write("a.csv", Csv(60)), new ImportOptions());
        await new FeedbackImporter(database.Target).ImportAsync(files.Write("b.csv", Csv(45, offset: 60)), new ImportOptions());

        var (kept, rebuilt) = await KeptAndRebuiltAsync(database);
        Assert.Contains("|fft|inpatient|", kept);
        Assert.Equal(rebuilt, kept);

        // A person's code survives a recode; the model's codes are replaced: the increments take the old ones out.
        await using (var db = database.Context())
        {
            var answer = await db.FeedbackAnswers.FirstAsync(a => a.Text == Texts[3]);
            db.CommentCodes.Add(new CommentCode
            {
                FeedbackAnswerId = answer.Id, FeedbackRecordId = answer.FeedbackRecordId, Label = "Timeliness of care",
                Category = "Access to medical care & support", SetBy = "px", SetAt = DateTime.UtcNow,
            });
            // And codes a since-replaced model set, which the recode must take out of the figures entirely.
            var thanks = await db.FeedbackAnswers.Where(a => a.Text == Texts[1]).Select(a => a.Id).ToListAsync();
            foreach (var code in await db.CommentCodes.Where(c => thanks.Contains(c.FeedbackAnswerId)).ToListAsync())
                code.Label = "An old model's label";
            await db.SaveChangesAsync();
            await Heard.Web.Features.Fft.Aggregates.RebuildAsync(db);
            Assert.True(await db.ThemeMonthly.AnyAsync(t => t.Label == "An old model's label"));
        }
        await new Recoder(database.Target).RunAsync(null, all: true);
        (kept, rebuilt) = await KeptAndRebuiltAsync(database);
        Assert.DoesNotContain("An old model's label", kept);
        Assert.Contains("|Timeliness of care|", kept);
        Assert.Equal(rebuilt, kept);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_migration_fills_the_theme_aggregates_from_comments_already_coded(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var files = new TempFiles();
        await new FeedbackImporter(database.Target).ImportAsync(files.Write("a.csv", Csv(40)), new ImportOptions());
        await using var db = database.Context();
        var kept = await SnapshotAsync(db);

        // As on a database coded before 0006: empty tables, then the migration's own fill statements.
        await db.Database.ExecuteSqlRawAsync("DELETE FROM theme_monthly");
        await db.Database.ExecuteSqlRawAsync("DELETE FROM coded_monthly");
        var migration = Migrator.Available(database.Target.Provider).Single(m => m.Version == "0006");
        foreach (var statement in migration.Sql.Split(';').Select(s => s.Trim()).Where(s => s.Contains("INSERT INTO", StringComparison.Ordinal)))
            await db.Database.ExecuteSqlRawAsync(statement[statement.IndexOf("INSERT INTO", StringComparison.Ordinal)..]);

        Assert.NotEqual("\n--\n", kept);
        Assert.Equal(kept, await SnapshotAsync(db));
    }
}
