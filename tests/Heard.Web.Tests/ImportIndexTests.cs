using Heard.Data;
using Heard.Web.Features.Import;
using Heard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Tests;

/// <summary>Decision 8: a large import into a new SQLite database builds its secondary indexes at the end.</summary>
public sealed class ImportIndexTests
{
    private const string Header = "response_id,date,trust_code,trust_name,site_code,site_name,unit,setting,answer,mode,comment";

    private static string File_(int rows, string prefix = "R", int units = 3) =>
        Header + "\n" + string.Join("\n", Enumerable.Range(1, rows).Select(i =>
            $"{prefix}{i},2026-{1 + i % 9:00}-{1 + i % 27:00},RZZ,Test Trust,RZZ01,General,Ward {i % units},inpatient,{1 + i % 6},sms,{(i % 2 == 0 ? "Kind staff and a clean ward" : "")}")) + "\n";

    private static async Task<List<string>> IndexesAsync(TestDatabase db)
    {
        await using var ctx = db.Context();
        var conn = ctx.Database.GetDbConnection();
        await conn.OpenAsync(TestContext.Current.CancellationToken);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT name FROM sqlite_master WHERE type = 'index'";
        var names = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await r.ReadAsync(TestContext.Current.CancellationToken)) names.Add(r.GetString(0));
        return names;
    }

    private static IEnumerable<string> Deferred => DeferredImportIndexes.All.Select(i => i.Name);

    [Fact]
    public async Task Deferred_indexes_are_built_exactly_as_the_migrations_build_them()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        await using var ctx = db.Context();
        var conn = ctx.Database.GetDbConnection();
        await conn.OpenAsync(TestContext.Current.CancellationToken);
        foreach (var (name, sql) in DeferredImportIndexes.All)
        {
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = $"SELECT sql FROM sqlite_master WHERE type = 'index' AND name = '{name}'";
            Assert.Equal(sql, await cmd.ExecuteScalarAsync(TestContext.Current.CancellationToken) as string);
        }
    }

    [Fact]
    public async Task An_import_into_a_new_database_writes_without_the_deferred_indexes_and_ends_with_all_of_them()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        using var files = new TempFiles();
        var before = await IndexesAsync(db);
        var duringImport = new List<List<string>>();

        var result = await new FeedbackImporter(db.Target).ImportAsync(files.Write("fft.csv", File_(30)),
            new ImportOptions { ChunkSize = 10, Progress = _ => duringImport.Add(IndexesAsync(db).GetAwaiter().GetResult()) },
            TestContext.Current.CancellationToken);

        Assert.Equal(30L, result.Imported);
        Assert.All(duringImport.SkipLast(1), names => Assert.Empty(names.Intersect(Deferred)));
        Assert.Equal(before.Order(), (await IndexesAsync(db)).Order());
    }

    [Fact]
    public async Task An_import_into_a_database_already_holding_feedback_keeps_every_index_while_it_writes()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        using var files = new TempFiles();
        await new FeedbackImporter(db.Target).ImportAsync(files.Write("first.csv", File_(5, "A")), new ImportOptions(), TestContext.Current.CancellationToken);
        var duringImport = new List<List<string>>();

        await new FeedbackImporter(db.Target).ImportAsync(files.Write("second.csv", File_(30, "B")),
            new ImportOptions { ChunkSize = 10, Progress = _ => duringImport.Add(IndexesAsync(db).GetAwaiter().GetResult()) },
            TestContext.Current.CancellationToken);

        Assert.All(duringImport, names => Assert.Superset(Deferred.ToHashSet(), names.ToHashSet()));
    }

    [Fact]
    public async Task An_interrupted_import_into_a_new_database_puts_its_indexes_back_and_resumes_adding_each_row_once()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        using var files = new TempFiles();
        var path = files.Write("fft.csv", File_(50));
        using var cancel = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new FeedbackImporter(db.Target).ImportAsync(path,
            new ImportOptions { ChunkSize = 10, Progress = p => { if (p.Rows >= 20) cancel.Cancel(); } }, cancel.Token));
        Assert.Superset(Deferred.ToHashSet(), (await IndexesAsync(db)).ToHashSet());
        var resumed = await new FeedbackImporter(db.Target).ImportAsync(path, new ImportOptions { ChunkSize = 10 }, TestContext.Current.CancellationToken);

        Assert.True(resumed.Resumed);
        Assert.Equal((50L, 0L), (resumed.Imported, resumed.Duplicates));
        await using var ctx = db.Context();
        Assert.Equal(50, await ctx.Feedback.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(50, await ctx.ImportedRows.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(25, await ctx.FeedbackAnswers.CountAsync(TestContext.Current.CancellationToken));
        Assert.Superset(Deferred.ToHashSet(), (await IndexesAsync(db)).ToHashSet());
    }

    [Fact]
    public async Task Start_up_builds_the_indexes_an_import_that_died_part_way_left_out()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        await using (var ctx = db.Context())
        {
            var conn = ctx.Database.GetDbConnection();
            await conn.OpenAsync(TestContext.Current.CancellationToken);
            foreach (var name in Deferred)
            {
                await using var cmd = conn.CreateCommand();
                cmd.CommandText = $"DROP INDEX \"{name}\"";
                await cmd.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
            }
        }

        await Migrator.MigrateAsync(db.Target, TestContext.Current.CancellationToken);

        Assert.Superset(Deferred.ToHashSet(), (await IndexesAsync(db)).ToHashSet());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task New_units_named_across_several_chunks_are_each_created_once_with_their_own_code(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        using var files = new TempFiles();

        var result = await new FeedbackImporter(db.Target).ImportAsync(files.Write("fft.csv", File_(40, units: 25)),
            new ImportOptions { ChunkSize = 10 }, TestContext.Current.CancellationToken);

        Assert.Equal(40L, result.Imported);
        await using var ctx = db.Context();
        var units = await ctx.Units.ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(25, units.Count);
        Assert.Equal(25, units.Select(u => u.Name).Distinct().Count());
        Assert.Equal(25, units.Select(u => u.Code).Distinct().Count());
        Assert.Equal(25, await ctx.UnitVersions.CountAsync(TestContext.Current.CancellationToken));
        var perUnit = await ctx.Feedback.GroupBy(f => f.UnitId).Select(g => g.Count()).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(25, perUnit.Count);
    }
}
