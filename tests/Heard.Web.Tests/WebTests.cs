using System.Net;
using Heard.Data.Model;
using Heard.Web.Features.Import;
using Heard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Tests;

public sealed class WebTests
{
    private const string Fft = "response_id,date,trust_code,trust_name,site_code,site_name,unit,setting,answer,mode,comment\n" +
        "1,2026-09-03,RZZ,Test Trust,RZZ01,General,Ward 1,inpatient,1,sms,Lovely staff. Call me on 07700 900123\n" +
        "2,2026-10-03,RZZ,Test Trust,RZZ01,General,Ward 1,inpatient,2,sms,\n" +
        "3,2026-10-04,RZZ,Test Trust,RZZ01,General,Ward 1,inpatient,4,sms,Food was cold\n" +
        "4,2026-10-05,RZZ,Test Trust,RZZ01,General,Ward 2,inpatient,6,sms,\n" +
        "5,2026-10-05,RZZ,Test Trust,RZZ01,General,Ward 2,inpatient,,sms,no rating here\n" +
        "6,2026-10-05,RYY,Other Trust,RYY01,Other,Ward 9,inpatient,1,sms,Other trust comment\n";

    private static async Task<WebHost> StartWithDataAsync(string provider)
    {
        var host = await WebHost.StartAsync(provider);
        using var files = new TempFiles();
        await new FeedbackImporter(host.Database.Target).ImportAsync(files.Write("fft.csv", Fft), new ImportOptions());
        return host;
    }

    private static async Task<int> UnitId(WebHost host, string name)
    {
        await using var db = host.Database.Context();
        return await db.Units.Where(u => u.Name == name).Select(u => u.Id).SingleAsync();
    }

    private static async Task<int> TrustId(WebHost host, string code)
    {
        await using var db = host.Database.Context();
        return await db.Trusts.Where(t => t.OdsCode == code).Select(t => t.Id).SingleAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Pages_need_sign_in_and_the_api_answers_401(string provider)
    {
        await using var host = await WebHost.StartAsync(provider);
        var client = host.Client();

        var page = await client.GetAsync("/");
        var api = await client.GetAsync("/api/imports");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/Account/SignIn", page.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Dashboard_shows_fft_figures_with_dont_know_in_the_denominator(string provider)
    {
        await using var host = await StartWithDataAsync(provider);
        var trust = await TrustId(host, "RZZ");
        await host.CreateUserAsync("analyst", Roles.PxAnalyst, (ScopeLevels.Trust, trust));
        var client = await host.SignedInAsync("analyst");

        var doc = await WebHost.ParseAsync(await client.GetAsync($"/?trust={trust}&from=2026-10&to=2026-10"));

        // October: Good, Poor, Don't know = 3 responses; 1 positive = 33%, 1 negative = 33%; 1 no rating shown apart.
        Assert.Equal("3", doc.QuerySelector("[data-figure=responses]")!.TextContent.Trim());
        Assert.Equal("33%", doc.QuerySelector("[data-figure=positive]")!.TextContent.Trim());
        Assert.Equal("33%", doc.QuerySelector("[data-figure=negative]")!.TextContent.Trim());
        Assert.Contains("plus 1 with no rating given", doc.Body!.TextContent);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Ward_manager_sees_only_their_ward_and_comments_are_redacted(string provider)
    {
        await using var host = await StartWithDataAsync(provider);
        var ward1 = await UnitId(host, "Ward 1");
        var ward9 = await UnitId(host, "Ward 9");
        await host.CreateUserAsync("manager", Roles.WardManager, (ScopeLevels.Unit, ward1));
        var client = await host.SignedInAsync("manager");

        var own = await client.GetAsync($"/ward/{ward1}");
        var other = await client.GetAsync($"/ward/{ward9}");
        var september = await (await client.GetAsync($"/?unit={ward1}&from=2026-09&to=2026-10")).Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Contains("Lovely staff. Call me on [phone removed]", september);
        Assert.DoesNotContain("07700 900123", september);
        Assert.DoesNotContain("Other trust comment", september);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Unredacted_comments_are_audited_for_the_px_team(string provider)
    {
        await using var host = await StartWithDataAsync(provider);
        var trust = await TrustId(host, "RZZ");
        await host.CreateUserAsync("px", Roles.PxAnalyst, (ScopeLevels.Trust, trust));
        var client = await host.SignedInAsync("px");

        var html = await (await client.GetAsync($"/?trust={trust}&from=2026-09&to=2026-10")).Content.ReadAsStringAsync();

        Assert.Contains("07700 900123", html);
        await using var db = host.Database.Context();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.UserName == "px" && a.Action == "read-identifiable"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Commissioner_sees_aggregates_but_no_comments_and_cannot_import(string provider)
    {
        await using var host = await StartWithDataAsync(provider);
        await host.CreateUserAsync("icb", Roles.Commissioner, (ScopeLevels.All, null));
        var client = await host.SignedInAsync("icb");

        var html = await (await client.GetAsync("/?from=2026-09&to=2026-10")).Content.ReadAsStringAsync();
        var import = await client.GetAsync("/Import");

        Assert.Contains("Your role sees aggregate figures only", html);
        Assert.DoesNotContain("Food was cold", html);
        Assert.Equal(HttpStatusCode.Redirect, import.StatusCode);
        Assert.StartsWith("/Account/Denied", import.Headers.Location!.PathAndQuery);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Upload_previews_before_writing_then_imports_and_quarantines(string provider)
    {
        await using var host = await WebHost.StartAsync(provider);
        await host.CreateUserAsync("analyst", Roles.PxAnalyst, (ScopeLevels.All, null));
        var client = await host.SignedInAsync("analyst");
        var token = await WebHost.AntiforgeryAsync(await client.GetAsync("/Import"));
        var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("fft"), "Kind" },
            { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(Fft + "7,31/13/2026,RZZ,Test Trust,RZZ01,General,Ward 1,inpatient,1,sms,\n")), "Upload", "october.csv" },
        };

        var upload = await client.PostAsync("/Import", form);
        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        var previewUrl = upload.Headers.Location!.OriginalString;
        var preview = await client.GetAsync(previewUrl);
        var doc = await WebHost.ParseAsync(preview);

        Assert.Equal("7", doc.QuerySelector("[data-figure=rows]")!.TextContent.Trim());
        Assert.Contains("Ward 9", doc.Body!.TextContent);
        await using (var db = host.Database.Context())
            Assert.Equal(0, await db.Feedback.CountAsync());

        var start = await client.PostAsync(previewUrl, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await WebHost.AntiforgeryAsync(preview),
        }));
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var progressUrl = start.Headers.Location!.OriginalString;
        string progress = "";
        for (var i = 0; i < 100 && !progress.Contains("Import finished"); i++)
        {
            await Task.Delay(100);
            progress = await client.GetStringAsync(progressUrl);
        }
        var done = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(progress);
        Assert.Equal("6", done.QuerySelector("[data-figure=imported]")!.TextContent.Trim());
        Assert.StartsWith("1", done.QuerySelector("[data-figure=rejected]")!.TextContent.Trim());

        var quarantine = await client.GetStringAsync("/Import/Quarantine");
        Assert.Contains("date: &#x27;31/13/2026&#x27; is not a real date", quarantine);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_quarantined_row_can_be_corrected_and_resubmitted(string provider)
    {
        await using var host = await WebHost.StartAsync(provider);
        using var files = new TempFiles();
        await new FeedbackImporter(host.Database.Target).ImportAsync(
            files.Write("f.csv", "date,trust_code,site_code,unit,setting,answer\n31/13/2026,RZZ,RZZ01,Ward 1,inpatient,excellent\n"), new ImportOptions());
        await host.CreateUserAsync("analyst", Roles.PxAnalyst, (ScopeLevels.All, null));
        var client = await host.SignedInAsync("analyst");
        long rowId;
        await using (var db = host.Database.Context())
            rowId = await db.ImportedRows.Select(r => r.Id).SingleAsync();
        var page = await client.GetAsync($"/Import/Correct/{rowId}");
        var token = await WebHost.AntiforgeryAsync(page);

        var stillWrong = await client.PostAsync($"/Import/Correct/{rowId}?handler=Resubmit", new FormUrlEncodedContent(
            new[] { ("__RequestVerificationToken", token) }.Concat(new[] { "13/12/2026", "RZZ", "RZZ01", "Ward 1", "inpatient", "excellent" }.Select(v => ("Values", v)))
                .Select(p => new KeyValuePair<string, string>(p.Item1, p.Item2))));
        var fixedRow = await client.PostAsync($"/Import/Correct/{rowId}?handler=Resubmit", new FormUrlEncodedContent(
            new[] { ("__RequestVerificationToken", token) }.Concat(new[] { "13/12/2026", "RZZ", "RZZ01", "Ward 1", "inpatient", "Very good" }.Select(v => ("Values", v)))
                .Select(p => new KeyValuePair<string, string>(p.Item1, p.Item2))));

        Assert.Contains("answer: &#x27;excellent&#x27;", await stillWrong.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, fixedRow.StatusCode);
        await using var check = host.Database.Context();
        var row = await check.ImportedRows.SingleAsync();
        Assert.Equal(RowStatuses.Resubmitted, row.Status);
        Assert.Equal("31/13/2026,RZZ,RZZ01,Ward 1,inpatient,excellent", row.RawText);
        Assert.Equal("analyst", row.CorrectedBy);
        Assert.Equal(1, (await check.Feedback.SingleAsync()).FftAnswer);
        Assert.Equal(1L, (await check.FftMonthly.SingleAsync()).VeryGood);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Rebuilt_aggregates_match_those_kept_on_import(string provider)
    {
        await using var host = await StartWithDataAsync(provider);
        await using var db = host.Database.Context();
        var kept = await db.FftMonthly.AsNoTracking().OrderBy(m => m.UnitId).ThenBy(m => m.Month).ToListAsync();

        await Heard.Web.Features.Fft.Aggregates.RebuildAsync(db);

        var rebuilt = await db.FftMonthly.AsNoTracking().OrderBy(m => m.UnitId).ThenBy(m => m.Month).ToListAsync();
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(kept), System.Text.Json.JsonSerializer.Serialize(rebuilt));
        Assert.Equal(4, kept.Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Fft_return_page_and_api_give_the_same_suppressed_return_within_scope(string provider)
    {
        await using var host = await StartWithDataAsync(provider);
        var trust = await TrustId(host, "RZZ");
        await host.CreateUserAsync("analyst", Roles.PxAnalyst, (ScopeLevels.Trust, trust));
        var client = await host.SignedInAsync("analyst");

        var csv = await client.GetStringAsync("/Fft/Return?handler=Csv&Month=2026-10&Setting=inpatient&Level=ward");
        var api = await client.GetStringAsync("/api/fft/return?month=2026-10&setting=inpatient&level=ward");

        var lines = csv.Trim().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        // Ward 1: Good + Poor = 2 responses; Ward 2: Don't know only. Both 1-4: first level. RYY is out of scope.
        Assert.Equal(3, lines.Length);
        Assert.StartsWith(",RZZ,Test Trust,RZZ01,General,Ward 1,2,,*,*", lines[1]);
        Assert.StartsWith(",RZZ,Test Trust,RZZ01,General,Ward 2,1,,*,*", lines[2]);
        Assert.Contains("Ward 1", api);
        Assert.DoesNotContain("RYY", api);
    }

    [Fact]
    public async Task OpenApi_document_describes_the_machine_endpoints()
    {
        await using var host = await WebHost.StartAsync("sqlite");
        var doc = await host.Client().GetStringAsync("/openapi/v1.json");
        Assert.Contains("ImportFile", doc);
        Assert.Contains("FftReturn", doc);
    }

    [Fact]
    public async Task Api_rejects_a_bad_return_request_naming_each_field()
    {
        await using var host = await WebHost.StartAsync("sqlite");
        await host.CreateUserAsync("analyst", Roles.PxAnalyst, (ScopeLevels.All, null));
        var client = await host.SignedInAsync("analyst");
        var response = await client.GetAsync("/api/fft/return?month=2026-13&setting=wards&level=icb");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("month", body);
        Assert.Contains("setting", body);
        Assert.Contains("level", body);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Contact_details_are_kept_apart_and_shown_only_to_roles_that_need_them_with_an_audit(string provider)
    {
        await using var host = await WebHost.StartAsync(provider);
        using var files = new TempFiles();
        await new FeedbackImporter(host.Database.Target).ImportAsync(files.Write("f.csv",
            "response_id,date,trust_code,site_code,unit,setting,answer,comment,consent_to_publish,consent_to_contact,contact_name,contact_phone,age_band,first_language\n" +
            "C1,2026-10-02,RZZ,RZZ01,Ward 1,inpatient,4,Nurse Jo Smith ignored the call bell,no,yes,Pat Example,07700 900456,65-74,Polish\n"), new ImportOptions());
        long id;
        int unit;
        await using (var db = host.Database.Context())
        {
            var f = await db.Feedback.SingleAsync();
            (id, unit) = (f.Id, f.UnitId);
            Assert.Equal((false, true), (f.ConsentToPublish, f.ConsentToContact));
            Assert.Contains("Polish", f.DemographicsJson);
            Assert.Equal("07700 900456", (await db.ContactDetails.SingleAsync()).Phone);
        }
        await host.CreateUserAsync("px", Roles.PxAnalyst, (ScopeLevels.All, null));
        await host.CreateUserAsync("manager", Roles.WardManager, (ScopeLevels.Unit, unit));

        var asPx = await (await host.SignedInAsync("px")).GetStringAsync($"/feedback/{id}");
        var asManager = await (await host.SignedInAsync("manager")).GetStringAsync($"/feedback/{id}");

        Assert.Contains("07700 900456", asPx);
        Assert.Contains("Nurse Jo Smith", asPx);
        Assert.DoesNotContain("07700 900456", asManager);
        Assert.DoesNotContain("Pat Example", asManager);
        Assert.Contains("Nurse [name removed] ignored the call bell", asManager);
        await using var check = host.Database.Context();
        Assert.Equal(1, await check.AuditEntries.CountAsync(a => a.UserName == "px" && a.Action == "read-identifiable" && a.EntityId == id.ToString()));
        Assert.Equal(0, await check.AuditEntries.CountAsync(a => a.UserName == "manager" && a.Action == "read-identifiable"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_consent_answer_that_is_not_yes_or_no_is_quarantined(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        using var files = new TempFiles();
        var r = await new FeedbackImporter(db.Target).ImportAsync(files.Write("f.csv",
            "date,trust_code,site_code,unit,setting,answer,consent_to_publish\n2026-10-02,RZZ,RZZ01,Ward 1,inpatient,1,maybe\n"), new ImportOptions());
        Assert.Equal(1L, r.Rejected);
        await using var ctx = db.Context();
        Assert.Equal("consent_to_publish: 'maybe' is not yes or no", (await ctx.ImportedRows.SingleAsync()).Reason);
    }
}
