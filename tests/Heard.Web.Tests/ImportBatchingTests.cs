using System.Globalization;
using Heard.Web.Features.Import;
using Heard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Tests;

/// <summary>
/// PostgreSQL writes an import a chunk at a time (PostgresChunkWriter), SQLite a row at a time (StoreWriter): the same
/// files must leave the same rows, outcomes, codes, alerts and aggregates in both, however the rows fall into chunks.
/// </summary>
public sealed class ImportBatchingTests
{
    private const string Header = "response_id,date,icb_code,trust_code,trust_name,site_code,site_name,unit,first_speciality,second_speciality,setting,answer,mode,comment";

    private static string Row(string id, string unit = "Ward 1", string answer = "1", string comment = "", string date = "2026-10-01", string mode = "sms") =>
        $"{id},{date},QZZ,RZZ,Test Trust,RZZ01,General,{unit},General Medicine,,inpatient,{answer},{mode},{comment}";

    // With chunks of 4: R3 twice in the first chunk, R5 in the second and the fourth, the identical row S twice in the
    // first chunk, once in the second and twice in the fourth, T in the third only; a bad date and an unknown answer.
    private static readonly string[] Rows =
    [
        Row("R1", comment: "Kind nurses and a clean ward"),
        Row("", unit: "Ward 2", answer: "2", comment: "Food was cold"),
        Row("R3", answer: "4", comment: "Waited four hours to be seen"),
        Row("", unit: "Ward 2", answer: "2", comment: "Food was cold"),
        Row("R3", answer: "1", comment: "A different row with the same response id"),
        Row("R5", unit: "Ward 3", answer: "5", comment: "My mum was left in soiled sheets for hours"),
        Row("", unit: "Ward 2", answer: "2", comment: "Food was cold"),
        Row("R8", date: "2026-10-40"),
        Row("", unit: "Ward 3", answer: "", mode: "telephone"),
        Row("R10", unit: "Ward 2", answer: "3", comment: "Staff were rude and the toilets were dirty"),
        Row("R11", unit: "Ward 1", answer: "9"),
        Row("R12", date: "2026-11-02", answer: "6", mode: "online", comment: "I have been feeling suicidal and nobody asked"),
        Row("R5", unit: "Ward 3", answer: "5", comment: "My mum was left in soiled sheets for hours"),
        Row("", unit: "Ward 2", answer: "2", comment: "Food was cold"),
        Row("R15", unit: "Ward 1", date: "2026-11-03", comment: "Lovely staff who explained everything"),
        Row("", unit: "Ward 2", answer: "2", comment: "Food was cold"),
    ];

    private static string File_(IEnumerable<string> rows) => Header + "\n" + string.Join("\n", rows) + "\n";

    private static Task<ImportResult> Import(TestDatabase db, string path, int chunkSize, string kind = ImportKinds.Fft) =>
        new FeedbackImporter(db.Target).ImportAsync(path, new ImportOptions { ChunkSize = chunkSize, Kind = kind });

    [Fact]
    public async Task Duplicates_within_and_across_chunks_leave_the_same_store_on_both_databases()
    {
        await using var postgres = await TestDatabase.CreateAsync("postgres");
        await using var sqlite = await TestDatabase.CreateAsync("sqlite");
        using var files = new TempFiles();
        var path = files.Write("fft.csv", File_(Rows));
        // Another file holding the identical row S three times: every copy is already held, by the first file.
        var again = files.Write("again.csv", File_([Rows[1], Rows[1], Rows[1], Row("R20")]));

        var fromPostgres = new List<ImportResult>();
        var fromSqlite = new List<ImportResult>();
        foreach (var (db, results) in new[] { (postgres, fromPostgres), (sqlite, fromSqlite) })
        {
            results.Add(await Import(db, path, chunkSize: 4));
            results.Add(await Import(db, path, chunkSize: 3));
            results.Add(await Import(db, again, chunkSize: 2));
        }

        // 16 rows: 2 rejected, R3 and R5 once each a duplicate, S five times and the no-rating row stored.
        Assert.Equal((12L, 2L, 2L), (fromPostgres[0].Imported, fromPostgres[0].Rejected, fromPostgres[0].Duplicates));
        Assert.Equal((0L, 2L, 14L), (fromPostgres[1].Imported, fromPostgres[1].Rejected, fromPostgres[1].Duplicates));
        Assert.Equal((1L, 0L, 3L), (fromPostgres[2].Imported, fromPostgres[2].Rejected, fromPostgres[2].Duplicates));
        Assert.Equal(Outcomes(fromSqlite), Outcomes(fromPostgres));
        var expected = await SnapshotAsync(sqlite);
        Assert.Equal(expected, await SnapshotAsync(postgres));
        // S five times under five keys, and the row with no rating.
        Assert.Equal(6, expected.Count(line => line.StartsWith("feedback fft row:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_resumed_postgres_import_stores_what_an_uninterrupted_sqlite_import_does()
    {
        await using var postgres = await TestDatabase.CreateAsync("postgres");
        await using var sqlite = await TestDatabase.CreateAsync("sqlite");
        using var files = new TempFiles();
        var path = files.Write("fft.csv", File_(Rows));
        using var cancel = new CancellationTokenSource();

        // Stopped after two chunks of three: S has been stored twice, and three more copies follow.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new FeedbackImporter(postgres.Target).ImportAsync(path,
            new ImportOptions { ChunkSize = 3, Progress = p => { if (p.Rows >= 6) cancel.Cancel(); } }, cancel.Token));
        var resumed = await Import(postgres, path, chunkSize: 5);
        var whole = await Import(sqlite, path, chunkSize: 20_000);

        Assert.True(resumed.Resumed);
        Assert.Equal((whole.Imported, whole.Rejected, whole.Duplicates, whole.Rows), (resumed.Imported, resumed.Rejected, resumed.Duplicates, resumed.Rows));
        Assert.Equal(await SnapshotAsync(sqlite), await SnapshotAsync(postgres));
    }

    [Fact]
    public async Task Complaints_repeated_within_and_across_chunks_leave_the_same_store_on_both_databases()
    {
        await using var postgres = await TestDatabase.CreateAsync("postgres");
        await using var sqlite = await TestDatabase.CreateAsync("sqlite");
        using var files = new TempFiles();
        const string complaint = "C-1,2026-10-02,RZZ,RZZ01,Ward 1,Discharge was rushed,communications,upheld";
        const string unreferenced = ",2026-10-03,RZZ,RZZ01,Ward 2,The staff shouted at him and hit him,patient care,open";
        var path = files.Write("complaints.csv", "reference,date,trust_code,site_code,unit,description,subjects,outcome\n" + string.Join("\n",
            complaint, unreferenced, unreferenced, "C-2,2026-10-40,RZZ,RZZ01,Ward 1,Bad date,x,open", complaint,
            "C-3,2026-11-05,RZZ,RZZ01,Ward 2,,admissions,closed", unreferenced) + "\n");

        var results = new[] { await Import(postgres, path, chunkSize: 2, kind: "complaint"), await Import(sqlite, path, chunkSize: 2, kind: "complaint") };

        Assert.Equal((3L, 1L, 3L), (results[0].Imported, results[0].Rejected, results[0].Duplicates));
        Assert.Equal(Outcomes([results[1]]), Outcomes([results[0]]));
        Assert.Equal(await SnapshotAsync(sqlite), await SnapshotAsync(postgres));
    }

    private static List<string> Outcomes(IEnumerable<ImportResult> results) =>
        results.Select(r => $"{r.Imported} {r.Rejected} {r.Duplicates} {r.Rows} {r.SafeguardingAlerts}").ToList();

    /// <summary>Everything an import writes, as lines that do not depend on the database (ids become keys).</summary>
    private static async Task<List<string>> SnapshotAsync(TestDatabase db)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var ctx = db.Context();
        var lines = new List<string>();
        var feedback = await ctx.Feedback.AsNoTracking().ToListAsync(ct);
        var keyOf = feedback.ToDictionary(f => f.Id, f => $"{f.Source} {f.DedupeKey}");
        lines.AddRange(feedback.Select(f => $"feedback {f.Source} {f.DedupeKey} unit={f.UnitId} site={f.SiteId} {f.Setting} {f.Mode} {f.ReceivedOn:yyyy-MM-dd} " +
            $"{f.Month} {f.FftAnswer} {f.ExternalId} {f.DetailsJson} {f.DemographicsJson} {f.ConsentToPublish} {f.ConsentToContact}"));
        var answers = await ctx.FeedbackAnswers.AsNoTracking().ToListAsync(ct);
        var answerOf = answers.ToDictionary(a => a.Id, a => $"{keyOf[a.FeedbackRecordId]} {a.QuestionKey}");
        lines.AddRange(answers.Select(a => $"answer {answerOf[a.Id]} {a.Rating} {a.Text} {a.Sentiment} {F(a.SentimentConfidence)} {a.TextModelId} {F(a.Certainty)}"));
        lines.AddRange((await ctx.CommentCodes.AsNoTracking().ToListAsync(ct)).Select(c =>
            $"code {answerOf[c.FeedbackAnswerId]} {keyOf[c.FeedbackRecordId]} {c.Label} {c.Category} {F(c.Confidence)} {c.TextModelId} {c.SetBy} {c.RemovedAt}"));
        lines.AddRange((await ctx.SafeguardingAlerts.AsNoTracking().ToListAsync(ct)).Select(a =>
            $"alert {answerOf[a.FeedbackAnswerId]} {keyOf[a.FeedbackRecordId]} trust={a.TrustId} unit={a.UnitId} {a.Category} {a.Severity} {a.MatchedText} {a.MatchStart} {a.LeadUserId}"));
        lines.AddRange((await ctx.ImportedRows.AsNoTracking().ToListAsync(ct)).Select(r =>
            $"row {r.ImportBatchId} {r.RowNumber:D4} {r.Status} {r.Reason} {(r.FeedbackRecordId is long f ? keyOf[f] : "-")} {r.RawText}"));
        lines.AddRange((await ctx.FftMonthly.AsNoTracking().ToListAsync(ct)).Select(m =>
            $"fft_monthly {m.UnitId} {m.SiteId} {m.Month} {m.Setting} {m.TrustId} {m.VeryGood} {m.Good} {m.Neither} {m.Poor} {m.VeryPoor} {m.DontKnow} {m.NoRating} " +
            $"{m.ModeSms} {m.ModeElectronicDischarge} {m.ModeElectronicHome} {m.ModePaperDischarge} {m.ModePaperHome} {m.ModeTelephone} {m.ModeOnline} {m.ModeOther} {m.Comments}"));
        lines.AddRange((await ctx.SourceMonthly.AsNoTracking().ToListAsync(ct)).Select(m => $"source_monthly {m.UnitId} {m.Month} {m.Source} {m.TrustId} {m.Records}"));
        lines.AddRange((await ctx.ThemeMonthly.AsNoTracking().ToListAsync(ct)).Select(m =>
            $"theme_monthly {m.UnitId} {m.Month} {m.Source} {m.Setting} {m.Label} {m.TrustId} {m.Category} {m.Comments} {m.SentimentCount} {m.SentimentSum} {m.Positive} {m.Negative}"));
        lines.AddRange((await ctx.CodedMonthly.AsNoTracking().ToListAsync(ct)).Select(m => $"coded_monthly {m.UnitId} {m.Month} {m.Source} {m.Setting} {m.TrustId} {m.Coded}"));
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static string F(float? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "-";
}
