using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Heard.Data.Model;
using Heard.Web.Features.Import;
using Heard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Tests;

public sealed class FunnelAndEqualityTests
{
    private const string Food = "Food & drink provision & facilities";
    private const string Staff = "Staff manner & personal attributes";

    // Trust RZZ's units for the funnel: positive of total, as in the analysis tests' worked example, plus a unit with
    // 3 responses whose percentage is suppressed. With it p0 = 668/773, φ = 8.3359311159, τ² = 0.02261781012 (worked out
    // by a short script of the reference formulas).
    private static readonly (string Unit, int Positive, int Total)[] FunnelUnits =
        [("Ward A", 45, 50), ("Ward B", 70, 100), ("Ward C", 160, 200), ("Ward D", 10, 20), ("Ward E", 380, 400), ("Ward F", 3, 3)];

    private sealed record Ids(int Rzz, int Ryy, int WardQ, int WardR, int WardA);

    /// <summary>
    /// Ward Q (trust RYY) has 100 responses: ethnicity white 81, asian 10, black 9; sex female 55, male 41, other 4;
    /// disability yes 10, no 90. White respondents: 60 very good, 10 neither, 11 very poor; the rest good. Comments on rows
    /// 0-4 are coded food, rows 5-7 staff. Ward R (also RYY) has 5 responses with no demographics.
    /// </summary>
    private static async Task<(WebHost Host, Ids Ids)> StartAsync(string provider)
    {
        var host = await WebHost.StartAsync(provider);
        var csv = new StringBuilder("response_id,date,trust_code,site_code,unit,setting,answer,mode,comment,sex,ethnicity,disability\n");
        var id = 0;
        foreach (var (unit, positive, total) in FunnelUnits)
            for (var i = 0; i < total; i++)
                csv.Append(CultureInfo.InvariantCulture, $"{++id},2026-09-{1 + i % 28:00},RZZ,RZZ01,{unit},inpatient,{(i < positive ? 1 : 4)},sms,,,,\n");
        for (var i = 0; i < 100; i++)
        {
            var ethnicity = i < 81 ? "white" : i < 91 ? "asian" : "black";
            var sex = i < 55 ? "female" : i < 96 ? "male" : "other";
            var answer = i < 60 ? 1 : i < 70 ? 3 : i < 81 ? 5 : 2;
            var comment = i < 5 ? "The food was cold" : i < 8 ? "Kind staff" : "";
            csv.Append(CultureInfo.InvariantCulture, $"{++id},2026-09-{1 + i % 28:00},RYY,RYY01,Ward Q,inpatient,{answer},sms,{comment},{sex},{ethnicity},{(i % 10 == 0 ? "yes" : "no")}\n");
        }
        for (var i = 0; i < 5; i++)
            csv.Append(CultureInfo.InvariantCulture, $"{++id},2026-09-0{1 + i},RYY,RYY01,Ward R,inpatient,1,sms,,,,\n");
        using (var files = new TempFiles())
            await new FeedbackImporter(host.Database.Target).ImportAsync(files.Write("fft.csv", csv.ToString()), new ImportOptions());

        await using var db = host.Database.Context();
        await db.CommentCodes.ExecuteDeleteAsync();
        foreach (var a in await db.FeedbackAnswers.Where(a => a.Text != null).ToListAsync())
            db.CommentCodes.Add(new CommentCode
            {
                FeedbackAnswerId = a.Id, FeedbackRecordId = a.FeedbackRecordId, Label = a.Text!.Contains("food", StringComparison.Ordinal) ? Food : Staff,
                SetAt = DateTime.UtcNow,
            });
        await db.SaveChangesAsync();
        var trusts = await db.Trusts.ToDictionaryAsync(t => t.OdsCode, t => t.Id);
        var units = await db.Units.ToDictionaryAsync(u => u.Name, u => u.Id);
        return (host, new Ids(trusts["RZZ"], trusts["RYY"], units["Ward Q"], units["Ward R"], units["Ward A"]));
    }


    private static JsonElement Unit(JsonElement view, string name) =>
        view.GetProperty("units").EnumerateArray().Single(u => u.GetProperty("name").GetString() == name);

    private static JsonElement Group(JsonElement view, string characteristic, string? group) =>
        view.GetProperty("characteristics").EnumerateArray().Single(c => c.GetProperty("characteristic").GetString() == characteristic)
            .GetProperty("groups").EnumerateArray().Single(g => (g.GetProperty("group").ValueKind == JsonValueKind.Null ? null : g.GetProperty("group").GetString()) == group);

    [Fact]
    public async Task OpenApi_document_describes_the_funnel_equality_and_population_endpoints()
    {
        await using var host = await WebHost.StartAsync("sqlite");
        var doc = await host.Client().GetStringAsync("/openapi/v1.json");
        Assert.Contains("FunnelPlot", doc, StringComparison.Ordinal);
        Assert.Contains("EqualityBreakdown", doc, StringComparison.Ordinal);
        Assert.Contains("PopulationImport", doc, StringComparison.Ordinal);
        Assert.Contains("adjustedPosition", doc, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Funnel_api_gives_the_target_limits_and_each_units_position(string provider)
    {
        var (host, ids) = await StartAsync(provider);
        await using var _ = host;
        await host.CreateUserAsync("px", Roles.PxAnalyst, (ScopeLevels.All, null));
        var client = await host.SignedInAsync("px");

        var view = await client.GetOkJsonAsync($"/api/funnel?trust={ids.Rzz}&months=3&measure=positive");

        Assert.Equal(773, view.GetProperty("responses").GetInt64());
        Assert.Equal(100.0 * 668 / 773, view.GetProperty("targetPercent").GetDouble(), 9);
        Assert.Equal(8.3359311159, view.GetProperty("phi").GetDouble(), 9);
        Assert.Equal(0.02261781012, view.GetProperty("tau2").GetDouble(), 10);
        Assert.Equal(6, view.GetProperty("units").GetArrayLength());
        var b = Unit(view, "Ward B");
        Assert.Equal(70.0, b.GetProperty("percent").GetDouble(), 9);
        Assert.Equal("below-99.8", b.GetProperty("position").GetString());
        Assert.Equal("within", b.GetProperty("adjustedPosition").GetString());
        Assert.Equal(79.04715744, b.GetProperty("limits").GetProperty("lower95").GetDouble(), 6);
        Assert.Equal(74.27172796, b.GetProperty("limits").GetProperty("lower998").GetDouble(), 6);
        Assert.Equal(59.67016041, b.GetProperty("adjustedLimits").GetProperty("lower95").GetDouble(), 6);
        Assert.Equal("below-95", Unit(view, "Ward C").GetProperty("position").GetString());
        Assert.Equal("below-95", Unit(view, "Ward D").GetProperty("adjustedPosition").GetString());
        Assert.Equal("above-99.8", Unit(view, "Ward E").GetProperty("position").GetString());
        Assert.Equal("within", Unit(view, "Ward A").GetProperty("position").GetString());
        // Three responses: on the funnel and in the target, but its percentage and position are not shown.
        var f = Unit(view, "Ward F");
        Assert.Equal(3, f.GetProperty("responses").GetInt64());
        Assert.True(f.GetProperty("suppressed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, f.GetProperty("percent").ValueKind);
        Assert.Equal(JsonValueKind.Null, f.GetProperty("position").ValueKind);

        var negative = await client.GetOkJsonAsync($"/api/funnel?trust={ids.Rzz}&months=3&measure=negative");
        Assert.Equal(100.0 * 105 / 773, negative.GetProperty("targetPercent").GetDouble(), 9);
        Assert.Equal(30.0, Unit(negative, "Ward B").GetProperty("percent").GetDouble(), 9);

        var bad = await client.GetAsync($"/api/funnel?trust={ids.Rzz}&months=5&measure=middling");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Funnel_page_draws_the_chart_and_lists_every_unit_under_the_comparison_warning(string provider)
    {
        var (host, ids) = await StartAsync(provider);
        await using var _ = host;
        await host.CreateUserAsync("px", Roles.PxAnalyst, (ScopeLevels.All, null));
        var client = await host.SignedInAsync("px");

        var response = await client.GetAsync($"/Funnel?trust={ids.Rzz}&months=3&limits=unadjusted");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = await WebHost.ParseAsync(response);
        Assert.Contains("not intended for league tables", doc.QuerySelector("#not-a-league-table")!.TextContent, StringComparison.Ordinal);
        var svg = doc.QuerySelector("svg.heard-funnel")!;
        Assert.Equal("img", svg.GetAttribute("role"));
        Assert.NotNull(svg.QuerySelector("title"));
        Assert.NotNull(svg.QuerySelector("desc"));
        var rows = doc.QuerySelectorAll("#funnel-units tbody tr");
        Assert.Equal(6, rows.Length);
        var wardB = rows.Single(r => r.QuerySelector("th")!.TextContent.Trim() == "Ward B");
        Assert.Equal("70.0%", wardB.QuerySelector("[data-figure=percent]")!.TextContent.Trim());
        Assert.Equal("below-99.8", wardB.QuerySelector("[data-position]")!.GetAttribute("data-position"));
        var wardF = rows.Single(r => r.QuerySelector("th")!.TextContent.Trim() == "Ward F");
        Assert.Equal("*", wardF.QuerySelector("[data-figure=percent]")!.TextContent.Trim());
        Assert.Equal("3", wardF.QuerySelector("[data-figure=responses]")!.TextContent.Trim());
        Assert.NotNull(doc.QuerySelector("a.nhsuk-header__navigation-link[href='/understand'][aria-current='page']"));
        var understand = await WebHost.ParseAsync(await client.GetAsync("/understand"));
        Assert.NotNull(understand.QuerySelector("main a.nhsuk-card__link[href='/Funnel']"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Equality_breakdown_suppresses_groups_under_ten_and_the_next_smallest_when_one_alone_is_hidden(string provider)
    {
        var (host, ids) = await StartAsync(provider);
        await using var _ = host;
        await host.CreateUserAsync("px", Roles.PxAnalyst, (ScopeLevels.All, null));
        var client = await host.SignedInAsync("px");

        var view = await client.GetOkJsonAsync($"/api/equality?unit={ids.WardQ}&months=3");

        Assert.Equal(100, view.GetProperty("responses").GetInt64());
        Assert.Equal(10, view.GetProperty("minimumGroupSize").GetInt32());
        // Disability: 10 and 90, both at or above the threshold.
        Assert.Equal(10, Group(view, "disability", "yes").GetProperty("responses").GetInt64());
        Assert.Equal(90, Group(view, "disability", "no").GetProperty("responses").GetInt64());
        // Ethnicity: black (9) is hidden alone, so asian (10) goes too; otherwise 100 − 81 − 10 = 9.
        var white = Group(view, "ethnicity", "white");
        Assert.Equal(81, white.GetProperty("responses").GetInt64());
        Assert.Equal(100.0 * 60 / 81, white.GetProperty("percentPositive").GetDouble(), 9);
        Assert.Equal(100.0 * 11 / 81, white.GetProperty("percentNegative").GetDouble(), 9);
        var themes = white.GetProperty("topThemes").EnumerateArray().ToList();
        Assert.Equal([Food, Staff], themes.Select(t => t.GetProperty("theme").GetString()));
        Assert.Equal([5L, 3L], themes.Select(t => t.GetProperty("respondents").GetInt64()));
        foreach (var hidden in new[] { Group(view, "ethnicity", "asian"), Group(view, "ethnicity", "black") })
        {
            Assert.True(hidden.GetProperty("suppressed").GetBoolean());
            Assert.Equal(JsonValueKind.Null, hidden.GetProperty("responses").ValueKind);
            Assert.Equal(JsonValueKind.Null, hidden.GetProperty("percentPositive").ValueKind);
            Assert.Equal(JsonValueKind.Null, hidden.GetProperty("topThemes").ValueKind);
        }
        // Sex: other (4) hidden, and male (41) with it, female shown.
        Assert.Equal(55, Group(view, "sex", "female").GetProperty("responses").GetInt64());
        Assert.True(Group(view, "sex", "male").GetProperty("suppressed").GetBoolean());
        Assert.True(Group(view, "sex", "other").GetProperty("suppressed").GetBoolean());
        Assert.DoesNotContain(view.GetProperty("characteristics").EnumerateArray(), c => c.GetProperty("characteristic").GetString() == "age_band");

        var page = await WebHost.ParseAsync(await client.GetAsync($"/Equality?unit={ids.WardQ}&months=3"));
        var ethnicity = page.QuerySelector("table[data-characteristic=ethnicity]")!;
        Assert.NotNull(ethnicity.QuerySelector("caption"));
        Assert.Equal("fewer than 10", ethnicity.QuerySelector("tr[data-group=black] [data-figure=responses]")!.TextContent.Trim());
        Assert.Equal("fewer than 10", ethnicity.QuerySelector("tr[data-group=asian] [data-figure=responses]")!.TextContent.Trim());
        Assert.Equal("81", ethnicity.QuerySelector("tr[data-group=white] [data-figure=responses]")!.TextContent.Trim());
        Assert.DoesNotContain(">9<", page.QuerySelector("main")!.InnerHtml, StringComparison.Ordinal);

        // Ward R alone has 5 responses: too few to break down at all.
        var small = await client.GetOkJsonAsync($"/api/equality?unit={ids.WardR}&months=3");
        Assert.True(small.GetProperty("tooFewToBreakDown").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Population_import_stores_good_rows_names_a_bad_row_and_flags_seldom_heard_groups(string provider)
    {
        var (host, ids) = await StartAsync(provider);
        await using var _ = host;
        await host.CreateUserAsync("px", Roles.PxAnalyst, (ScopeLevels.All, null));
        var client = await host.SignedInAsync("px");

        // Row 4 has a share over 1: nothing is stored, and the row is named.
        var bad = await client.PostAsync("/api/population", new StringContent(
            "code,characteristic,group,share,count\nRYY,ethnicity,white,0.6,\nRYY,ethnicity,Asian or Asian British,0.3,\nRYY,ethnicity,black,1.5,\n", Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        var problems = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(4, problems.Single().GetProperty("rowNumber").GetInt64());
        Assert.Equal("share", problems.Single().GetProperty("field").GetString());
        await using (var db = host.Database.Context())
            Assert.Equal(0, await db.PopulationProfiles.CountAsync());

        // Counts for sex, shares (a group named by its wording) for ethnicity.
        var good = await client.PostAsync("/api/population", new StringContent(
            "code,characteristic,group,share,count\nRYY,ethnicity,white,60%,\nRYY,ethnicity,Asian or Asian British,30%,\nRYY,ethnicity,black,10%,\n" +
            "RYY,sex,female,,500\nRYY,sex,male,,500\n", Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal(5, (await good.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("imported").GetInt32());

        var view = await client.GetOkJsonAsync($"/api/equality?unit={ids.WardQ}&months=3");
        Assert.Equal("RYY", view.GetProperty("trustName").GetString());
        Assert.Equal("RYY", view.GetProperty("populationProfileOf").GetString());
        var white = Group(view, "ethnicity", "white");
        Assert.Equal(0.81, white.GetProperty("respondentShare").GetDouble(), 9);
        Assert.Equal(0.6, white.GetProperty("populationShare").GetDouble(), 9);
        Assert.False(white.GetProperty("seldomHeard").GetBoolean());
        // Asian: 10 of 100 against 30%: ratio 0.33, z = −0.2 / √(0.21 / 100) = −4.36. Hidden, but still flagged.
        var asian = Group(view, "ethnicity", "asian");
        Assert.True(asian.GetProperty("seldomHeard").GetBoolean());
        Assert.Equal(JsonValueKind.Null, asian.GetProperty("respondentShare").ValueKind);
        Assert.Equal(0.3, asian.GetProperty("populationShare").GetDouble(), 9);
        Assert.Equal(0.5, Group(view, "sex", "female").GetProperty("populationShare").GetDouble(), 9);
        var equalityPage = await WebHost.ParseAsync(await client.GetAsync($"/Equality?unit={ids.WardQ}&months=3"));
        var table = equalityPage.QuerySelector("table[data-characteristic=ethnicity]")!;
        Assert.NotNull(table.QuerySelector("tr[data-group=asian] [data-flag=seldom-heard]"));
        Assert.Null(table.QuerySelector("tr[data-group=white] [data-flag=seldom-heard]"));
        Assert.Equal("81.0%", table.QuerySelector("tr[data-group=white] [data-figure=respondent-share]")!.TextContent.Trim());
        Assert.Equal("–", table.QuerySelector("tr[data-group=asian] [data-figure=respondent-share]")!.TextContent.Trim());

        // The page: preview with row numbers, then import.
        var form = await client.GetAsync("/Equality/Population");
        var token = await WebHost.AntiforgeryAsync(form);
        var preview = await client.PostAsync("/Equality/Population?handler=Preview", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Csv"] = "code,characteristic,group,share,count\nWard Q,disability,yes,,20\nWard Q,disability,no,,80\nNOPE,disability,yes,,1\n",
            ["__RequestVerificationToken"] = token,
        }));
        var doc = await WebHost.ParseAsync(preview);
        Assert.Contains("NOPE", doc.QuerySelector("#population-problems tr[data-row='4']")!.TextContent, StringComparison.Ordinal);
        Assert.Null(doc.QuerySelector("form[action*=Import] button"));

        var unitCode = await UnitCodeAsync(host, ids.WardQ);
        var ok = await client.PostAsync("/Equality/Population?handler=Preview", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Csv"] = $"code,characteristic,group,share,count\n{unitCode},disability,yes,,20\n{unitCode},disability,no,,80\n",
            ["__RequestVerificationToken"] = token,
        }));
        doc = await WebHost.ParseAsync(ok);
        Assert.Equal(2, doc.QuerySelectorAll("#population-preview tbody tr").Length);
        var imported = await client.PostAsync("/Equality/Population?handler=Import", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Csv"] = doc.QuerySelector("form input[name=Csv]")!.GetAttribute("value")!,
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        var unitView = await client.GetOkJsonAsync($"/api/equality?unit={ids.WardQ}&months=3");
        Assert.Equal("Ward Q", unitView.GetProperty("populationProfileOf").GetString());
        Assert.Equal(0.2, Group(unitView, "disability", "yes").GetProperty("populationShare").GetDouble(), 9);
    }

    private static async Task<string> UnitCodeAsync(WebHost host, int unitId)
    {
        await using var db = host.Database.Context();
        return await db.Units.Where(u => u.Id == unitId).Select(u => u.Code).SingleAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_ward_manager_of_another_unit_cannot_see_its_funnel_or_breakdown(string provider)
    {
        var (host, ids) = await StartAsync(provider);
        await using var _ = host;
        await host.CreateUserAsync("manager", Roles.WardManager, (ScopeLevels.Unit, ids.WardR));
        var client = await host.SignedInAsync("manager");

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/equality?unit={ids.WardQ}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Equality?unit={ids.WardQ}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/funnel?trust={ids.Rzz}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Funnel?trust={ids.Rzz}")).StatusCode);
        // Their own trust as far as they can see it: Ward R alone, never Ward Q's responses.
        var funnel = await client.GetOkJsonAsync("/api/funnel?months=3");
        Assert.Equal(["Ward R"], funnel.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("name").GetString()));
        var equality = await client.GetOkJsonAsync("/api/equality?months=3");
        Assert.Equal(5, equality.GetProperty("responses").GetInt64());
        // Population profiles are the PX team's to import.
        var post = await client.PostAsync("/api/population", new StringContent("code,characteristic,group,share\nRYY,sex,female,1\n", Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await client.GetAsync("/Equality/Population")).StatusCode);
    }
}
