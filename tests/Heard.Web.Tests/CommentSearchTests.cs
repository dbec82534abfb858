using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Heard.Data.Model;
using Heard.Web.Features.Import;
using Heard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Tests;

public sealed class CommentSearchTests
{
    private const string Fft = "response_id,date,trust_code,site_code,unit,setting,answer,mode,comment,comment_better\n" +
        "1,2026-09-03,RZZ,RZZ01,Ward 1,inpatient,1,sms,The nurses were waiting on me hand and foot,\n" +
        "2,2026-09-04,RZZ,RZZ01,Ward 1,inpatient,4,sms,I waited four hours in the corridor,Shorter waits\n" +
        "3,2026-09-05,RZZ,RZZ01,Ward 1,inpatient,5,sms,Long waiting time and the food was cold,\n" +
        "4,2026-09-06,RZZ,RZZ01,Ward 2,inpatient,2,sms,Food was lovely and hot,\n" +
        "5,2026-09-07,RZZ,RZZ01,Ward 2,inpatient,,sms,Parking was a nightmare; call 07700 900123,\n" +
        "6,2026-09-08,RYY,RYY01,Ward 9,inpatient,1,sms,Waiting was short at the other trust,\n";

    private static async Task<WebHost> StartAsync(string provider)
    {
        var host = await WebHost.StartAsync(provider);
        using var files = new TempFiles();
        await new FeedbackImporter(host.Database.Target).ImportAsync(files.Write("fft.csv", Fft), new ImportOptions());
        return host;
    }

    private static async Task<List<string>> SearchAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/comments?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return json.GetProperty("comments").EnumerateArray().Select(c => c.GetProperty("text").GetString()!).ToList();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Search_stems_words_and_handles_phrases_and_boolean_operators(string provider)
    {
        await using var host = await StartAsync(provider);
        await host.CreateUserAsync("px", Roles.PxAnalyst, (ScopeLevels.All, null));
        var client = await host.SignedInAsync("px");

        // "wait" finds waiting, waited and waits, on both engines.
        var wait = await SearchAsync(client, "q=wait");
        Assert.Equal(5, wait.Count);
        Assert.Contains("I waited four hours in the corridor", wait);
        Assert.Contains("Shorter waits", wait);

        Assert.Equal(["Long waiting time and the food was cold"], await SearchAsync(client, "q=%22waiting%20time%22"));
        Assert.Equal(["Long waiting time and the food was cold"], await SearchAsync(client, "q=food%20AND%20cold"));
        Assert.Equal(2, (await SearchAsync(client, "q=food%20OR%20parking")).Count - 1);
        Assert.Equal(["Food was lovely and hot"], await SearchAsync(client, "q=food%20NOT%20cold"));
        Assert.Equal(["Food was lovely and hot"], await SearchAsync(client, "q=food%20-cold"));
        Assert.Equal(3, (await SearchAsync(client, "q=nurs*%20OR%20corrid*%20OR%20hot")).Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Search_filters_by_unit_date_and_answer_within_scope_and_redacts_for_ward_staff(string provider)
    {
        await using var host = await StartAsync(provider);
        int ward1, ward2;
        await using (var db = host.Database.Context())
        {
            ward1 = await db.Units.Where(u => u.Name == "Ward 1").Select(u => u.Id).SingleAsync();
            ward2 = await db.Units.Where(u => u.Name == "Ward 2").Select(u => u.Id).SingleAsync();
        }
        await host.CreateUserAsync("manager", Roles.WardManager, (ScopeLevels.Unit, ward2));
        var manager = await host.SignedInAsync("manager");
        await host.CreateUserAsync("px", Roles.PxAnalyst, (ScopeLevels.All, null));
        var px = await host.SignedInAsync("px");

        // The ward manager sees only Ward 2, with the phone number hidden; the other trust's "waiting" never shows.
        Assert.Equal(["Parking was a nightmare; call [phone removed]", "Food was lovely and hot"], await SearchAsync(manager, ""));
        Assert.Empty(await SearchAsync(manager, "q=waiting"));
        Assert.Equal(["Parking was a nightmare; call [phone removed]"], await SearchAsync(manager, "answer=0"));

        Assert.Equal(["I waited four hours in the corridor", "Shorter waits"], (await SearchAsync(px, $"q=wait&unit={ward1}&answer=4")).Order().ToList());
        Assert.Equal(["The nurses were waiting on me hand and foot"], await SearchAsync(px, $"q=wait&unit={ward1}&from=2026-09-01&to=2026-09-03"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_search_that_cannot_be_run_is_explained_on_the_page_and_by_the_api(string provider)
    {
        await using var host = await StartAsync(provider);
        await host.CreateUserAsync("px", Roles.PxAnalyst, (ScopeLevels.All, null));
        var client = await host.SignedInAsync("px");

        var page = await (await client.GetAsync("/Comments?q=food%20OR&from=2026-13-01")).Content.ReadAsStringAsync();
        var api = await client.GetAsync("/api/comments?q=NOT%20food&sentiment=9");

        Assert.Contains("OR needs a word on each side", page);
        Assert.Contains("Enter the start date as a real date", page);
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        var body = await api.Content.ReadAsStringAsync();
        Assert.Contains("Add a word to search for", body);
        Assert.Contains("sentiment must be 1", body);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Commissioners_cannot_search_comments(string provider)
    {
        await using var host = await StartAsync(provider);
        await host.CreateUserAsync("commissioner", Roles.Commissioner, (ScopeLevels.All, null));
        var client = await host.SignedInAsync("commissioner");

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/comments?q=food")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Comments?q=food")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Export_writes_every_match_as_csv_redacted_for_ward_staff_and_audited_for_the_px_team(string provider)
    {
        await using var host = await StartAsync(provider);
        int ward2;
        await using (var db = host.Database.Context())
            ward2 = await db.Units.Where(u => u.Name == "Ward 2").Select(u => u.Id).SingleAsync();
        await host.CreateUserAsync("manager", Roles.WardManager, (ScopeLevels.Unit, ward2));
        await host.CreateUserAsync("px", Roles.PxAnalyst, (ScopeLevels.All, null));
        var manager = await host.SignedInAsync("manager");
        var px = await host.SignedInAsync("px");

        var response = await px.GetAsync("/api/comments/export.csv?q=wait");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("feedback_id,date,unit,source,fft_answer,question,comment,sentiment,themes", lines[0]);
        // Five answers mention waiting, newest first; the comment and its answer wording come through whole.
        Assert.Equal(6, lines.Length);
        Assert.Contains(",2026-09-08,Ward 9,", lines[1]);
        Assert.Contains(lines, l => l.Contains(",2026-09-04,Ward 1,Friends and Family Test,Poor,", StringComparison.Ordinal)
            && l.Contains(",I waited four hours in the corridor,", StringComparison.Ordinal));

        var managerCsv = await (await manager.GetAsync("/api/comments/export.csv")).Content.ReadAsStringAsync();
        Assert.Contains("Parking was a nightmare; call [phone removed]", managerCsv);
        Assert.DoesNotContain("07700", managerCsv);
        Assert.DoesNotContain("Ward 1", managerCsv);

        await using (var db = host.Database.Context())
            Assert.Contains(await db.AuditEntries.Select(a => a.Detail).ToListAsync(), d => d != null && d.Contains("comment export 'wait': 5 unredacted comments"));

        // The search page offers the same search as a download.
        var page = await (await px.GetAsync("/Comments?q=wait")).Content.ReadAsStringAsync();
        Assert.Contains("/api/comments/export.csv?q=wait", System.Net.WebUtility.HtmlDecode(page));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Search_lists_newest_first_when_older_comments_arrive_later_and_date_ranges_still_apply(string provider)
    {
        await using var host = await StartAsync(provider);
        using (var files = new TempFiles())
            await new FeedbackImporter(host.Database.Target).ImportAsync(files.Write("older.csv",
                "response_id,date,trust_code,site_code,unit,setting,answer,mode,comment\n" +
                "90,2025-01-15,RZZ,RZZ01,Ward 1,inpatient,2,sms,Waiting for a bed all night in January\n" +
                "91,2026-12-01,RZZ,RZZ01,Ward 1,inpatient,2,sms,Waiting in December was short\n"), new ImportOptions());
        await host.CreateUserAsync("px", Roles.PxAnalyst, (ScopeLevels.All, null));
        var client = await host.SignedInAsync("px");

        var all = await SearchAsync(client, "q=wait");
        Assert.Equal(7, all.Count);
        Assert.Equal("Waiting in December was short", all[0]);
        Assert.Equal("Waiting for a bed all night in January", all[^1]);
        Assert.Equal(["Waiting for a bed all night in January"], await SearchAsync(client, "q=wait&from=2025-01-15&to=2025-01-15"));
        Assert.Equal(["Waiting was short at the other trust", "Long waiting time and the food was cold"],
            await SearchAsync(client, "q=wait&from=2026-09-05&to=2026-09-08"));
    }

    /// <summary>
    /// Ward 1 holds one more page of "staff" comments than the count reaches, ten a day from 2020-01-01 in file order (so
    /// comment i is the i-th newest from the end), every 250th also mentioning parking; Ward 2's are all newer.
    /// </summary>
    private static async Task<(WebHost Host, int Ward1)> StartWithMoreThanTheCountCapAsync(string provider)
    {
        var host = await WebHost.StartAsync(provider);
        var csv = new System.Text.StringBuilder("response_id,date,trust_code,site_code,unit,setting,answer,mode,comment\n");
        for (var i = 0; i < BusyWardComments; i++)
            csv.Append($"w{i},{new DateOnly(2020, 1, 1).AddDays(i / 10):yyyy-MM-dd},RZZ,RZZ01,Ward 1,inpatient,1,sms,Staff were kind{(i % 250 == 0 ? " and parking was easy" : "")} (comment {i})\n");
        for (var j = 0; j < 40; j++)
            csv.Append($"x{j},{new DateOnly(2024, 1, 1).AddDays(j):yyyy-MM-dd},RZZ,RZZ01,Ward 2,inpatient,1,sms,Staff on Ward 2 and parking (other {j})\n");
        using (var files = new TempFiles())
            await new FeedbackImporter(host.Database.Target).ImportAsync(files.Write("busy.csv", csv.ToString()), new ImportOptions());
        await using var db = host.Database.Context();
        return (host, await db.Units.Where(u => u.Name == "Ward 1").Select(u => u.Id).SingleAsync());
    }

    private const int BusyWardComments = Heard.Web.Features.Comments.CommentSearch.CountCap + 30;

    private static async Task<(long Total, bool Capped, int Page, List<string> Texts)> PageAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/comments?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (json.GetProperty("total").GetInt64(), json.GetProperty("totalIsCapped").GetBoolean(), json.GetProperty("page").GetInt32(),
            json.GetProperty("comments").EnumerateArray().Select(c => c.GetProperty("text").GetString()!).ToList());
    }

    private static void AssertPage(long total, bool capped, int page, List<string> texts, (long Total, bool Capped, int Page, List<string> Texts) actual)
    {
        Assert.Equal((total, capped, page), (actual.Total, actual.Capped, actual.Page));
        Assert.Equal(texts, actual.Texts);
    }

    private static List<string> Ward1Comments(params int[] numbers) =>
        numbers.Select(i => $"Staff were kind{(i % 250 == 0 ? " and parking was easy" : "")} (comment {i})").ToList();

    private static int[] Descending(int from, int count, int step = 1) => Enumerable.Range(0, count).Select(k => from - k * step).ToArray();

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_ward_manager_sees_more_than_the_count_cap_as_a_lower_bound_and_pages_newest_first_within_the_ward(string provider)
    {
        var (host, ward1) = await StartWithMoreThanTheCountCapAsync(provider);
        await using var _ = host;
        await host.CreateUserAsync("manager", Roles.WardManager, (ScopeLevels.Unit, ward1));
        var manager = await host.SignedInAsync("manager");
        await host.CreateUserAsync("px", Roles.PxAnalyst, (ScopeLevels.All, null));
        var px = await host.SignedInAsync("px");
        var last = BusyWardComments - 1;

        // 10,030 match in the ward: the count stops at 10,000 and says it is a lower bound; Ward 2's newer comments never show.
        AssertPage(10_000L, true, 1, Ward1Comments(Descending(last, 25)), await PageAsync(manager, "q=staff"));
        AssertPage(10_000L, true, 2, Ward1Comments(Descending(last - 25, 25)), await PageAsync(manager, "q=staff&page=2"));
        // The last page the count reaches is the 400th, holding the 9,976th to 10,000th newest; later pages show it too.
        AssertPage(10_000L, true, 400, Ward1Comments(Descending(last - 9_975, 25)), await PageAsync(manager, "q=staff&page=400"));
        Assert.Equal(400, (await PageAsync(manager, "q=staff&page=401")).Page);
        var page = await (await manager.GetAsync("/Comments?q=staff")).Content.ReadAsStringAsync();
        Assert.Contains("More than 10,000 comments", page);
        Assert.Contains("Page 2 of 400", page);

        // Below the cap the count is exact and the last page holds the rest: 41 of the ward's comments mention parking.
        AssertPage(41L, false, 1, Ward1Comments(Descending(10_000, 25, 250)), await PageAsync(manager, "q=parking"));
        AssertPage(41L, false, 2, Ward1Comments(Descending(3_750, 16, 250)), await PageAsync(manager, "q=parking&page=2"));
        AssertPage(41L, false, 2, Ward1Comments(Descending(3_750, 16, 250)), await PageAsync(px, $"q=parking&unit={ward1}&page=2"));
        var exact = await (await manager.GetAsync("/Comments?q=parking")).Content.ReadAsStringAsync();
        Assert.Contains("41 comments", exact);
        Assert.DoesNotContain("More than", exact);

        // The export walks the same way: every one of the ward's parking comments, newest first.
        var csv = (await (await manager.GetAsync("/api/comments/export.csv?q=parking")).Content.ReadAsStringAsync())
            .TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(42, csv.Length);
        Assert.Contains("(comment 10000)", csv[1]);
        Assert.Contains("(comment 0)", csv[^1]);

        // Within a date range the ward's pages follow the same order: 2020-01-03 holds comments 20 to 29.
        AssertPage(10L, false, 1, Ward1Comments(Descending(29, 10)), await PageAsync(manager, "q=staff&from=2020-01-03&to=2020-01-03"));
        // The whole trust is counted the same way, newest (Ward 2) first.
        var trust = await PageAsync(px, "q=staff");
        Assert.Equal((10_000L, true), (trust.Total, trust.Capped));
        Assert.Equal("Staff on Ward 2 and parking (other 39)", trust.Texts[0]);
    }

    [Fact]
    public async Task Search_key_day_is_the_day_number_sqlite_computes()
    {
        await using var conn = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
        await conn.OpenAsync();
        foreach (var day in new[] { new DateOnly(1970, 1, 1), new DateOnly(2024, 2, 29), new DateOnly(2026, 11, 29), new DateOnly(2099, 12, 31) })
        {
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = $"SELECT CAST(julianday('{day:yyyy-MM-dd}') AS INTEGER) - 2440000";
            Assert.Equal(Convert.ToInt64(await cmd.ExecuteScalarAsync()), Heard.Web.Features.Comments.CommentSearch.SearchKeyDay(day));
        }
    }
}
