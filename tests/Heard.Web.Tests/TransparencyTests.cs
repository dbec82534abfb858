using System.Net;
using Heard.Web.Features.Import;
using Heard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Tests;

public sealed class TransparencyTests
{
    // August 2026, inpatient, one site: Ward A 10 responses, Ward B 2 (first-level suppressed), Ward C 6 (the next
    // smallest, so second-level suppressed: counts hidden, percentages shown). Trust RYY is another trust, unpublished.
    private const string Fft = "response_id,date,trust_code,trust_name,site_code,unit,setting,answer,mode,comment,age_band\n" +
        "a1,2026-08-01,RZZ,Test Trust RZZ,RZZ01,Ward A,inpatient,1,sms,SECRET-COMMENT-ONE the nurse was kind,65-74\n" +
        "a2,2026-08-02,RZZ,Test Trust RZZ,RZZ01,Ward A,inpatient,1,sms,,65-74\n" +
        "a3,2026-08-03,RZZ,Test Trust RZZ,RZZ01,Ward A,inpatient,1,sms,,\n" +
        "a4,2026-08-04,RZZ,Test Trust RZZ,RZZ01,Ward A,inpatient,1,sms,,\n" +
        "a5,2026-08-05,RZZ,Test Trust RZZ,RZZ01,Ward A,inpatient,2,sms,,\n" +
        "a6,2026-08-06,RZZ,Test Trust RZZ,RZZ01,Ward A,inpatient,2,sms,,\n" +
        "a7,2026-08-07,RZZ,Test Trust RZZ,RZZ01,Ward A,inpatient,2,sms,,\n" +
        "a8,2026-08-08,RZZ,Test Trust RZZ,RZZ01,Ward A,inpatient,3,sms,,\n" +
        "a9,2026-08-09,RZZ,Test Trust RZZ,RZZ01,Ward A,inpatient,4,sms,,\n" +
        "a10,2026-08-10,RZZ,Test Trust RZZ,RZZ01,Ward A,inpatient,5,sms,,\n" +
        "b1,2026-08-11,RZZ,Test Trust RZZ,RZZ01,Ward B,inpatient,1,sms,SECRET-COMMENT-TWO call Jane Smith on 07700 900123,\n" +
        "b2,2026-08-12,RZZ,Test Trust RZZ,RZZ01,Ward B,inpatient,4,sms,,\n" +
        "c1,2026-08-13,RZZ,Test Trust RZZ,RZZ01,Ward C,inpatient,1,sms,,\n" +
        "c2,2026-08-14,RZZ,Test Trust RZZ,RZZ01,Ward C,inpatient,1,sms,,\n" +
        "c3,2026-08-15,RZZ,Test Trust RZZ,RZZ01,Ward C,inpatient,2,sms,,\n" +
        "c4,2026-08-16,RZZ,Test Trust RZZ,RZZ01,Ward C,inpatient,2,sms,,\n" +
        "c5,2026-08-17,RZZ,Test Trust RZZ,RZZ01,Ward C,inpatient,2,sms,,\n" +
        "c6,2026-08-18,RZZ,Test Trust RZZ,RZZ01,Ward C,inpatient,6,sms,,\n" +
        "c7,2026-09-01,RZZ,Test Trust RZZ,RZZ01,Ward C,inpatient,1,sms,,\n" +
        "y1,2026-07-19,RYY,Test Trust RYY,RYY01,Ward Y,inpatient,1,sms,,\n";

    private static async Task<WebHost> StartAsync(string provider, bool publish = true)
    {
        var host = await WebHost.StartAsync(provider);
        using var files = new TempFiles();
        await new FeedbackImporter(host.Database.Target).ImportAsync(files.Write("fft.csv", Fft), new ImportOptions());
        if (publish)
        {
            await using var db = host.Database.Context();
            (await db.Trusts.SingleAsync(t => t.OdsCode == "RZZ")).TransparencyPublic = true;
            await db.SaveChangesAsync();
        }
        return host;
    }

    private static async Task<Dictionary<string, Dictionary<string, string>>> CsvRowsAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l => l.Split(',')).ToDictionary(
            cells => $"{cells[0]} {cells[3]} {(cells[9].Length > 0 ? cells[9] : cells[7].Length > 0 ? cells[7] : cells[5])}",
            cells => header.Zip(cells).ToDictionary(p => p.First, p => p.Second));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Transparency_page_suppresses_small_units_as_the_national_return_does_and_the_trust_total_counts_every_response(string provider)
    {
        await using var host = await StartAsync(provider);
        var client = host.Client();

        var page = await client.GetAsync("/transparency/rzz?month=2026-08");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.False(page.Headers.Contains("Set-Cookie"), "the transparency page set a cookie");
        Assert.Contains("no-store", page.Headers.CacheControl?.ToString());
        var doc = await WebHost.ParseAsync(page);
        Assert.Null(doc.QuerySelector("input[name=__RequestVerificationToken]"));
        Assert.DoesNotContain("/Account/SignIn", doc.Body!.InnerHtml);
        string Figure(string level, string name, string figure) =>
            doc.QuerySelectorAll($"table[data-setting=inpatient] tr[data-level={level}]")
                .Single(r => r.QuerySelector("th")!.TextContent.Contains(name))
                .QuerySelector($"[data-figure={figure}]")!.TextContent.Trim();

        // Trust: 18 responses, (7 + 1 + 5) / 18 = 72.2% positive, (2 + 1 + 0) / 18 = 16.7% negative.
        Assert.Equal("18", Figure("trust", "Whole trust", "responses"));
        Assert.Equal("72%", Figure("trust", "Whole trust", "positive"));
        Assert.Equal("17%", Figure("trust", "Whole trust", "negative"));
        Assert.Equal("10", Figure("unit", "Ward A", "responses"));
        Assert.Equal("70%", Figure("unit", "Ward A", "positive"));
        Assert.Equal("20%", Figure("unit", "Ward A", "negative"));
        Assert.Equal("2", Figure("unit", "Ward B", "responses"));
        Assert.Equal("*", Figure("unit", "Ward B", "positive"));
        Assert.Equal("*", Figure("unit", "Ward B", "negative"));
        // Second level hides Ward C's counts, not its percentages: 5 / 6 = 83.3%.
        Assert.Equal("83%", Figure("unit", "Ward C", "positive"));
        Assert.DoesNotContain("SECRET-COMMENT", doc.Body.TextContent);
        Assert.DoesNotContain("Ward Y", doc.Body.TextContent);
        Assert.NotNull(doc.QuerySelector("caption"));
        Assert.Contains("total_responses", doc.Body.TextContent); // the data dictionary
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Open_data_csv_applies_the_same_suppression_and_never_holds_free_text(string provider)
    {
        await using var host = await StartAsync(provider);
        var client = host.Client();

        var response = await client.GetAsync("/transparency/RZZ/fft.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("SECRET-COMMENT", text);
        Assert.DoesNotContain("07700", text);
        Assert.DoesNotContain("65-74", text);
        Assert.DoesNotContain("RYY", text);
        Assert.StartsWith("month,setting,setting_name,level,trust_code,trust_name,site_code,site_name,unit_code,unit_name,total_responses,", text);

        var rows = await CsvRowsAsync(response);
        var trust = rows["2026-08 trust Test Trust RZZ"];
        Assert.Equal(("18", "72", "17", "7", "no"), (trust["total_responses"], trust["percentage_positive"], trust["percentage_negative"], trust["very_good"], trust["suppressed"]));
        var b = rows["2026-08 unit Ward B"];
        Assert.Equal(("2", "*", "*", "*", "*", "yes"), (b["total_responses"], b["percentage_positive"], b["percentage_negative"], b["very_good"], b["poor"], b["suppressed"]));
        var c = rows["2026-08 unit Ward C"];
        Assert.Equal(("6", "83", "0", "*", "yes"), (c["total_responses"], c["percentage_positive"], c["percentage_negative"], c["good"], c["suppressed"]));
        var a = rows["2026-08 unit Ward A"];
        Assert.Equal(("10", "4", "3", "1", "1", "no"), (a["total_responses"], a["very_good"], a["good"], a["poor"], a["very_poor"], a["suppressed"]));
        // September: Ward C alone, one response: suppressed, and so is the site and trust row above it (1 response).
        var september = rows["2026-09 unit Ward C"];
        Assert.Equal(("1", "*"), (september["total_responses"], september["percentage_positive"]));
        Assert.Equal("*", rows["2026-09 trust Test Trust RZZ"]["percentage_positive"]);

        // One unit and month: the suppression is the whole trust's, not worked out again on the slice.
        var unitCode = rows["2026-08 unit Ward C"]["unit_code"];
        var slice = await CsvRowsAsync(await client.GetAsync($"/transparency/RZZ/fft.csv?month=2026-08&unit={unitCode}"));
        Assert.Equal(3, slice.Count); // trust, site, Ward C
        Assert.Equal("*", slice["2026-08 unit Ward C"]["very_good"]);
        Assert.Equal("18", slice["2026-08 trust Test Trust RZZ"]["total_responses"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_trust_that_has_not_published_has_no_page_and_no_open_data(string provider)
    {
        await using var host = await StartAsync(provider, publish: false);
        var client = host.Client();
        foreach (var path in new[] { "/transparency/RZZ", "/transparency/RZZ/fft.csv", "/transparency/RYY", "/transparency/NOPE", "/transparency/NOPE/fft.csv" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("Test Trust", await response.Content.ReadAsStringAsync());
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_administrator_switches_the_transparency_page_on_from_the_trust_page(string provider)
    {
        await using var host = await StartAsync(provider, publish: false);
        await host.CreateUserAsync("px", Heard.Data.Model.Roles.PxAdministrator, (Heard.Data.Model.ScopeLevels.All, null));
        var client = await host.SignedInAsync("px");
        int trustId;
        await using (var db = host.Database.Context())
            trustId = (await db.Trusts.SingleAsync(t => t.OdsCode == "RZZ")).Id;
        var form = await client.GetAsync($"/Organisation/Trusts/Edit/{trustId}");
        var doc = await WebHost.ParseAsync(form);
        Assert.False(doc.QuerySelector("#Input_TransparencyPublic")!.HasAttribute("checked"));
        var saved = await client.PostAsync($"/Organisation/Trusts/Edit/{trustId}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await WebHost.AntiforgeryAsync(form),
            ["Input.OdsCode"] = "RZZ", ["Input.Name"] = "Test Trust RZZ", ["Input.TransparencyPublic"] = "true",
        }));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Client().GetAsync("/transparency/RZZ")).StatusCode);
    }

    private static async Task<int> TrustIdAsync(WebHost host, string ods)
    {
        await using var db = host.Database.Context();
        return (await db.Trusts.SingleAsync(t => t.OdsCode == ods)).Id;
    }

    private static string Tables(AngleSharp.Html.Dom.IHtmlDocument doc) =>
        string.Join("\n", doc.QuerySelectorAll("table[data-setting] tr").Select(r =>
            r.GetAttribute("data-unit") + ":" + string.Join("|", r.QuerySelectorAll("th, td").Select(c => c.TextContent.Trim()))));

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Staff_preview_shows_exactly_what_would_be_published_under_a_not_published_banner(string provider)
    {
        await using var host = await StartAsync(provider, publish: false);
        var rzz = await TrustIdAsync(host, "RZZ");
        await host.CreateUserAsync("analyst", Heard.Data.Model.Roles.PxAnalyst, (Heard.Data.Model.ScopeLevels.Trust, rzz));
        var analyst = await host.SignedInAsync("analyst");

        var organisation = await WebHost.ParseAsync(await analyst.GetAsync("/Organisation"));
        Assert.Equal("/transparency/RZZ/preview", organisation.QuerySelector("a[data-transparency-preview]")!.GetAttribute("href"));
        var preview = await WebHost.ParseAsync(await analyst.GetAsync("/transparency/RZZ/preview?month=2026-08&setting=inpatient"));
        Assert.Contains("Preview — not published", preview.QuerySelector("[data-preview-banner]")!.TextContent);
        Assert.Single(preview.QuerySelectorAll("h1"));
        Assert.Equal("18", preview.QuerySelector("tr[data-level=trust] [data-figure=responses]")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client().GetAsync("/transparency/RZZ")).StatusCode);

        // Once switched on, the public page shows the same rows and figures, with no banner.
        await using (var db = host.Database.Context())
        {
            (await db.Trusts.SingleAsync(t => t.Id == rzz)).TransparencyPublic = true;
            await db.SaveChangesAsync();
        }
        var published = await WebHost.ParseAsync(await host.Client().GetAsync("/transparency/RZZ?month=2026-08&setting=inpatient"));
        Assert.Null(published.QuerySelector("[data-preview-banner]"));
        Assert.NotEmpty(Tables(published));
        Assert.Equal(Tables(published), Tables(preview));
        Assert.Equal(published.QuerySelector("main h1")!.TextContent, preview.QuerySelector("main h1")!.TextContent);

        // The administrator's transparency setting links to the preview.
        await host.CreateUserAsync("px", Heard.Data.Model.Roles.PxAdministrator, (Heard.Data.Model.ScopeLevels.All, null));
        var settings = await WebHost.ParseAsync(await (await host.SignedInAsync("px")).GetAsync($"/Organisation/Trusts/Edit/{rzz}"));
        Assert.Equal("/transparency/RZZ/preview", settings.QuerySelector("a[data-transparency-preview]")!.GetAttribute("href"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Staff_preview_is_forbidden_to_other_roles_and_hidden_outside_the_PX_teams_scope(string provider)
    {
        await using var host = await StartAsync(provider, publish: false);
        var rzz = await TrustIdAsync(host, "RZZ");
        var ryy = await TrustIdAsync(host, "RYY");
        foreach (var (role, i) in Heard.Data.Model.Roles.All.Except([Heard.Data.Model.Roles.PxAdministrator, Heard.Data.Model.Roles.PxAnalyst]).Select((r, i) => (r, i)))
        {
            var name = $"user{i}";
            await host.CreateUserAsync(name, role, (Heard.Data.Model.ScopeLevels.All, null));
            var denied = await (await host.SignedInAsync(name)).GetAsync("/transparency/RZZ/preview");
            Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
            Assert.Contains("/Account/Denied", denied.Headers.Location!.OriginalString);
        }
        // Signed out: to sign in, never the preview.
        var anonymous = await host.Client().GetAsync("/transparency/RZZ/preview");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/Account/SignIn", anonymous.Headers.Location!.ToString());
        // The PX team of another trust, or of one ward of this one, gets 404.
        await host.CreateUserAsync("other", Heard.Data.Model.Roles.PxAdministrator, (Heard.Data.Model.ScopeLevels.Trust, ryy));
        Assert.Equal(HttpStatusCode.NotFound, (await (await host.SignedInAsync("other")).GetAsync("/transparency/RZZ/preview")).StatusCode);
        int wardA;
        await using (var db = host.Database.Context())
            wardA = await db.Units.Where(u => u.Name == "Ward A").Select(u => u.Id).SingleAsync();
        await host.CreateUserAsync("ward", Heard.Data.Model.Roles.PxAnalyst, (Heard.Data.Model.ScopeLevels.Unit, wardA));
        Assert.Equal(HttpStatusCode.NotFound, (await (await host.SignedInAsync("ward")).GetAsync("/transparency/RZZ/preview")).StatusCode);
        await host.CreateUserAsync("mine", Heard.Data.Model.Roles.PxAnalyst, (Heard.Data.Model.ScopeLevels.Trust, rzz));
        Assert.Equal(HttpStatusCode.OK, (await (await host.SignedInAsync("mine")).GetAsync("/transparency/RZZ/preview")).StatusCode);
    }
}
