using System.Text;
using Heard.Data.Model;
using Heard.Web.Features.Import;
using Heard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Tests;

public sealed class ImportTests
{
    private const string Header = "response_id,date,icb_code,trust_code,trust_name,site_code,site_name,unit,first_speciality,second_speciality,setting,answer,mode,comment";

    private static string Row(string id, string date = "2026-10-01", string unit = "Ward 1", string answer = "1", string mode = "sms", string comment = "", string setting = "inpatient") =>
        $"{id},{date},QZZ,RZZ,Test Trust,RZZ01,General,{unit},General Medicine,,{setting},{answer},{mode},{comment}";

    private static string File_(params string[] rows) => Header + "\n" + string.Join("\n", rows) + "\n";

    private static async Task<ImportResult> Import(TestDatabase db, string path, ImportOptions? options = null, CancellationToken ct = default) =>
        await new FeedbackImporter(db.Target).ImportAsync(path, options ?? new ImportOptions(), ct);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Valid_rows_are_stored_with_their_comments_and_the_verbatim_row(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        using var files = new TempFiles();
        var path = files.Write("fft.csv", File_(Row("1", comment: "\"Kind staff, clean ward\""), Row("2", answer: "Very poor", mode: "paper-discharge")));

        var result = await Import(db, path);

        Assert.Equal((2L, 0L, 0L), (result.Imported, result.Rejected, result.Duplicates));
        await using var ctx = db.Context();
        var feedback = await ctx.Feedback.Include(f => f.Answers).OrderBy(f => f.ExternalId).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal([1, 5], feedback.Select(f => f.FftAnswer));
        Assert.Equal("Kind staff, clean ward", Assert.Single(feedback[0].Answers).Text);
        var raw = await ctx.ImportedRows.Where(r => r.FeedbackRecordId == feedback[0].Id).SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(Row("1", comment: "\"Kind staff, clean ward\""), raw.RawText);
        var monthly = await ctx.FftMonthly.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal((1L, 1L, 1L, 1L), (monthly.VeryGood, monthly.VeryPoor, monthly.ModeSms, monthly.ModePaperDischarge));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Wrong_header_names_the_missing_columns(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        using var files = new TempFiles();
        var path = files.Write("bad.csv", "id,when,trust_code,site_code,ward,answer\n1,2026-10-01,RZZ,RZZ01,Ward 1,1\n");

        var e = await Assert.ThrowsAsync<ImportHeaderException>(() => Import(db, path));

        Assert.Contains("date", e.Message);
        Assert.Contains("unit", e.Message);
        Assert.DoesNotContain("trust_code,", e.Message.Split("(found")[0]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Impossible_dates_and_unknown_answers_are_quarantined_with_row_and_field(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        using var files = new TempFiles();
        var path = files.Write("fft.csv", File_(Row("1"), Row("2", date: "31/13/2026"), Row("3", answer: "7"), Row("4", answer: "excellent"), Row("5", mode: "pigeon")));
        var rejects = new StringWriter();

        var result = await Import(db, path, new ImportOptions { RejectsWriter = rejects });

        Assert.Equal((1L, 4L), (result.Imported, result.Rejected));
        await using var ctx = db.Context();
        var quarantined = await ctx.ImportedRows.Where(r => r.Status == RowStatuses.Rejected).OrderBy(r => r.RowNumber).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal([3L, 4L, 5L, 6L], quarantined.Select(r => r.RowNumber));
        Assert.StartsWith("date: '31/13/2026' is not a real date", quarantined[0].Reason);
        Assert.StartsWith("answer: '7'", quarantined[1].Reason);
        Assert.StartsWith("answer: 'excellent'", quarantined[2].Reason);
        Assert.StartsWith("mode: 'pigeon'", quarantined[3].Reason);
        Assert.Equal(Row("4", answer: "excellent"), quarantined[2].RawText);
        var lines = rejects.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("rejected_row,rejected_reason," + Header, lines[0]);
        Assert.StartsWith("3,date: '31/13/2026' is not a real date", lines[1]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Reimporting_the_same_file_adds_nothing(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        using var files = new TempFiles();
        // Two identical rows without a response id are two patients; both are kept, once.
        var path = files.Write("fft.csv", File_(Row("1"), Row("2"), Row("", answer: "2"), Row("", answer: "2")));

        var first = await Import(db, path);
        var second = await Import(db, path);

        Assert.Equal((4L, 0L), (first.Imported, first.Duplicates));
        Assert.Equal((0L, 4L), (second.Imported, second.Duplicates));
        await using var ctx = db.Context();
        Assert.Equal(4, await ctx.Feedback.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(4L, (await ctx.FftMonthly.SingleAsync(TestContext.Current.CancellationToken)).VeryGood + 2);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_same_response_twice_is_a_duplicate_not_a_second_response(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        using var files = new TempFiles();
        var path = files.Write("fft.csv", File_(Row("A1"), Row("A1", answer: "2")));

        var result = await Import(db, path);

        Assert.Equal((1L, 1L), (result.Imported, result.Duplicates));
        await using var ctx = db.Context();
        var dup = await ctx.ImportedRows.SingleAsync(r => r.Status == RowStatuses.Duplicate, TestContext.Current.CancellationToken);
        Assert.Equal(3L, dup.RowNumber);
        Assert.Contains("A1", dup.Reason);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Unknown_unit_is_created_by_default_or_rejected_with_an_offer_to_map(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        using var files = new TempFiles();
        var path = files.Write("fft.csv", File_(Row("1", unit: "Ward 1")));
        await Import(db, path);
        var other = files.Write("fft2.csv", File_(Row("2", unit: "Ward 99")));

        var result = await Import(db, other, new ImportOptions { CreateUnknownUnits = false });

        Assert.Equal(1L, result.Rejected);
        await using var ctx = db.Context();
        var reason = (await ctx.ImportedRows.SingleAsync(r => r.Status == RowStatuses.Rejected, TestContext.Current.CancellationToken)).Reason;
        Assert.Contains("'Ward 99' is not a known unit at site RZZ01", reason);
        Assert.Contains("map the name to an existing unit", reason);
        Assert.Equal(["Ward 1"], await ctx.Units.Select(u => u.Name).ToListAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Windows_1252_file_with_a_bom_keeps_its_pound_signs_and_curly_quotes(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        using var files = new TempFiles();
        var text = File_(Row("1", comment: "Parking cost £4 – it\u2019s too much"));
        var latin = Encoding.Latin1.GetBytes(text.Replace('\u2019', '\0').Replace('\u2013', '\u0001'));
        latin = latin.Select(b => b == 0 ? (byte)0x92 : b == 1 ? (byte)0x96 : b).ToArray();
        var path = files.WriteBytes("cp1252.csv", [0xEF, 0xBB, 0xBF, .. latin]);

        var result = await Import(db, path);

        Assert.Equal(1L, result.Imported);
        await using var ctx = db.Context();
        Assert.Equal("Parking cost £4 – it\u2019s too much", (await ctx.FeedbackAnswers.SingleAsync(TestContext.Current.CancellationToken)).Text);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Interrupted_import_resumes_and_adds_each_row_exactly_once(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        using var files = new TempFiles();
        var rows = Enumerable.Range(1, 50).Select(i => Row(i % 5 == 0 ? "" : $"R{i}", answer: (1 + i % 6).ToString(), comment: $"comment {i % 5}")).ToArray();
        var path = files.Write("fft.csv", File_(rows));
        using var cancel = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Import(db, path,
            new ImportOptions { ChunkSize = 10, Progress = p => { if (p.Rows >= 20) cancel.Cancel(); } }, cancel.Token));
        await using (var ctx = db.Context())
            Assert.Equal(20, await ctx.Feedback.CountAsync(TestContext.Current.CancellationToken));
        var resumed = await Import(db, path, new ImportOptions { ChunkSize = 10 });

        Assert.True(resumed.Resumed);
        Assert.Equal((50L, 0L), (resumed.Imported, resumed.Duplicates));
        await using var check = db.Context();
        Assert.Equal(50, await check.Feedback.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(50, await check.ImportedRows.CountAsync(TestContext.Current.CancellationToken));
        var monthly = await check.FftMonthly.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(50L, monthly.VeryGood + monthly.Good + monthly.Neither + monthly.Poor + monthly.VeryPoor + monthly.DontKnow);
    }

    [Fact]
    public async Task A_2_GB_file_that_is_not_csv_is_refused_quickly_with_flat_memory()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        using var files = new TempFiles();
        var path = files.Path_("huge.csv");
        await using (var fs = File.Create(path))
            fs.SetLength(2L * 1024 * 1024 * 1024);
        var before = GC.GetTotalMemory(true);

        var e = await Assert.ThrowsAsync<ImportHeaderException>(() => Import(db, path));

        Assert.Contains("not a CSV header", e.Message);
        Assert.True(GC.GetTotalMemory(false) - before < 64L * 1024 * 1024);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task No_rating_given_is_kept_and_counted_apart_from_responses(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        using var files = new TempFiles();
        var path = files.Write("fft.csv", File_(Row("1", answer: ""), Row("2", answer: "Poor")));

        var result = await Import(db, path);

        Assert.Equal(2L, result.Imported);
        await using var ctx = db.Context();
        var m = await ctx.FftMonthly.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal((1L, 1L, 1L), (m.NoRating, m.Poor, m.ModeSms));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Eligible_counts_import_and_a_corrected_count_replaces_the_old_one(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        using var files = new TempFiles();
        await Import(db, files.Write("fft.csv", File_(Row("1"))));
        var first = files.Write("e1.csv", "month,setting,trust_code,site_code,unit,count\n2026-10,inpatient,RZZ,RZZ01,Ward 1,40\n2026-10,inpatient,RZZ,,,400\n2026-13,inpatient,RZZ,,,1\n");
        var second = files.Write("e2.csv", "month,setting,trust_code,site_code,unit,count\n2026-10,inpatient,RZZ,RZZ01,Ward 1,45\n");

        var r1 = await Import(db, first, new ImportOptions { Kind = ImportKinds.Eligible });
        var r2 = await Import(db, second, new ImportOptions { Kind = ImportKinds.Eligible });

        Assert.Equal((2L, 1L), (r1.Imported, r1.Rejected));
        Assert.Equal(1L, r2.Imported);
        await using var ctx = db.Context();
        Assert.Equal([45L, 400L], await ctx.EligibleCounts.OrderBy(e => e.Count).Select(e => e.Count).ToListAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Complaints_import_as_another_file_kind_with_their_own_details_and_no_schema_change(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        using var files = new TempFiles();
        var path = files.Write("complaints.csv",
            "reference,date,trust_code,site_code,unit,description,subjects,outcome\n" +
            "C-101,2026-10-02,RZZ,RZZ01,Ward 1,Discharge was rushed,admissions and discharges|communications,upheld\n" +
            "C-102,2026-10-40,RZZ,RZZ01,Ward 1,Bad date,patient care,open\n" +
            "C-101,2026-10-02,RZZ,RZZ01,Ward 1,Discharge was rushed,admissions and discharges|communications,upheld\n");

        var result = await Import(db, path, new ImportOptions { Kind = "complaint" });

        Assert.Equal((1L, 1L, 1L), (result.Imported, result.Rejected, result.Duplicates));
        await using var ctx = db.Context();
        var complaint = await ctx.Feedback.Include(f => f.Answers).SingleAsync();
        Assert.Equal((FeedbackSources.Complaint, "C-101", (int?)null), (complaint.Source, complaint.ExternalId, complaint.FftAnswer));
        Assert.Contains("\"outcome\":\"upheld\"", complaint.DetailsJson);
        Assert.Equal("Discharge was rushed", Assert.Single(complaint.Answers).Text);
        var monthly = await ctx.SourceMonthly.SingleAsync();
        Assert.Equal((FeedbackSources.Complaint, 202610, 1L), (monthly.Source, monthly.Month, monthly.Records));
        Assert.Empty(await ctx.FftMonthly.ToListAsync());
    }
}
