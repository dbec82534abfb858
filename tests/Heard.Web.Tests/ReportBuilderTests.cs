using System.Net;
using DocumentFormat.OpenXml.Packaging;
using Heard.Data.Model;
using Heard.Web.Features.Reports;
using Heard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Tests;

public sealed class ReportBuilderTests
{
    private static async Task<HttpClient> SignInAsync(WebHost host, string name, string role, params (string Level, int? Id)[] scopes)
    {
        await host.CreateUserAsync(name, role, scopes);
        return await host.SignedInAsync(name);
    }

    private static async Task<HttpResponseMessage> PostBuilderAsync(HttpClient client, string handler, IEnumerable<(string Key, string Value)> fields)
    {
        var form = fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)).ToList();
        form.Add(new("__RequestVerificationToken", await WebHost.AntiforgeryAsync(await client.GetAsync("/Reports/Builder"))));
        return await client.PostAsync($"/Reports/Builder?handler={handler}", new FormUrlEncodedContent(form));
    }

    private static IEnumerable<(string, string)> Choices(string organisation, string name, string[] sources, string[] sections, string period = "quarterly",
        string month = "2026-07") =>
        new[] { ("Organisation", organisation), ("Period", period), ("Month", month), ("Name", name) }
            .Concat(sources.Select(s => ("Sources", s))).Concat(sections.Select(s => ("Sections", s)));

    private static async Task<ReportTemplate> SavedAsync(WebHost host, string name)
    {
        await using var db = host.Database.Context();
        return await db.ReportTemplates.AsNoTracking().SingleAsync(t => t.Name == name);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_template_saves_and_reopens_in_the_builder_with_its_choices(string provider)
    {
        var (host, org) = await BoardReportTests.StartAsync(provider);
        await using var _ = host;
        var px = await SignInAsync(host, "px", Roles.PxAnalyst, (ScopeLevels.All, null));
        var saved = await PostBuilderAsync(px, "save",
            Choices($"division-{org.Surgery}", "Surgery quarterly", [FeedbackSources.Fft, FeedbackSources.Complaint], ["spc", "sources"]));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var template = await SavedAsync(host, "Surgery quarterly");
        Assert.Equal((org.Trust, org.Surgery, "quarterly", "fft,complaint", "spc,sources", "px"),
            (template.TrustId, template.DivisionId, template.Period, template.Sources, template.Sections, template.Owner));
        Assert.Equal(32, template.ShareToken.Length);

        var page = await WebHost.ParseAsync(await px.GetAsync($"/Reports/Builder?template={template.Id}"));
        Assert.Equal($"division-{org.Surgery}", page.QuerySelector("#Organisation option[selected]")!.GetAttribute("value"));
        Assert.Equal("quarterly", page.QuerySelector("#Period option[selected]")!.GetAttribute("value"));
        Assert.Equal(["fft", "complaint"], page.QuerySelectorAll("input[name=Sources][checked]").Select(i => i.GetAttribute("value")!));
        Assert.Equal(["spc", "sources"], page.QuerySelectorAll("input[name=Sections][checked]").Select(i => i.GetAttribute("value")!));
        Assert.Equal("Surgery quarterly", page.QuerySelector("#Name")!.GetAttribute("value"));

        var list = await WebHost.ParseAsync(await px.GetAsync("/Reports/Templates"));
        Assert.Equal(ReportTemplates.Link(template.ShareToken), list.QuerySelector($"tr[data-template='{template.Id}'] a[data-share-link]")!.GetAttribute("href"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_shared_link_shows_only_the_chosen_sections_with_the_board_reports_figures(string provider)
    {
        var (host, org) = await BoardReportTests.StartAsync(provider);
        await using var _ = host;
        var px = await SignInAsync(host, "px", Roles.PxAnalyst, (ScopeLevels.All, null));
        await PostBuilderAsync(px, "save", Choices($"trust-{org.Trust}", "Trust SPC and complaints", [FeedbackSources.Fft, FeedbackSources.Complaint], ["spc", "sources"]));
        var template = await SavedAsync(host, "Trust SPC and complaints");

        // Someone else at the trust with the board report's access opens the link for the quarter to September.
        var board = await SignInAsync(host, "board", Roles.BoardMember, (ScopeLevels.Trust, org.Trust));
        var shared = await WebHost.ParseAsync(await board.GetAsync(ReportTemplates.Link(template.ShareToken) + "?month=2026-07"));
        Assert.Equal(["spc", "sources"], shared.QuerySelectorAll("section[data-section]").Select(s => s.GetAttribute("data-section")!));
        Assert.Null(shared.QuerySelector("#themes-heading"));

        var report = await WebHost.ParseAsync(await board.GetAsync($"/Reports/Board?trust={org.Trust}&period=quarterly&month=2026-07"));
        Assert.Equal(report.QuerySelector("#report-title")!.TextContent, shared.QuerySelector("#report-title")!.TextContent);
        string Rows(AngleSharp.Html.Dom.IHtmlDocument d, string table) =>
            string.Join("\n", d.QuerySelectorAll($"#{table} tbody tr").Select(r => string.Join("|", r.QuerySelectorAll("th, td").Select(c => c.TextContent.Trim()))));
        Assert.Equal(Rows(report, "spc-summary"), Rows(shared, "spc-summary"));
        Assert.Equal(Rows(report, "sources"), Rows(shared, "sources"));
        Assert.Equal("2", shared.QuerySelector("#sources tr[data-source=complaint] [data-figure=records]")!.TextContent);

        // Its Word download holds the same sections, and the sources list only theirs.
        var docx = await board.GetAsync(ReportTemplates.Link(template.ShareToken) + "?month=2026-07&handler=docx");
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        using (var word = WordprocessingDocument.Open(new MemoryStream(await docx.Content.ReadAsByteArrayAsync()), false))
        {
            var text = word.MainDocumentPart!.Document!.Body!.InnerText;
            Assert.Contains("FFT by setting: SPC summary", text);
            Assert.Contains("Complaints, PALS and other feedback", text);
            Assert.DoesNotContain("Themes that changed", text);
            Assert.DoesNotContain("Patient story", text);
        }

        // Without FFT among its sources, a template leaves out the FFT sections even when chosen.
        await PostBuilderAsync(px, "save", Choices($"trust-{org.Trust}", "Complaints only", [FeedbackSources.Complaint], ["summary", "sources"]));
        var complaints = await WebHost.ParseAsync(await board.GetAsync(ReportTemplates.Link((await SavedAsync(host, "Complaints only")).ShareToken) + "?month=2026-07"));
        Assert.Equal(["sources"], complaints.QuerySelectorAll("section[data-section]").Select(s => s.GetAttribute("data-section")!));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task People_without_scope_over_the_whole_trust_get_404_on_the_shared_link_and_only_the_owner_deletes(string provider)
    {
        var (host, org) = await BoardReportTests.StartAsync(provider);
        await using var _ = host;
        await host.ImportCsvAsync(Seeding.FftHeader + "X1,2026-09-08,RYY,RYY01,Ward 9,inpatient,1,sms\n");
        var other = await host.TrustIdAsync("RYY");
        var px = await SignInAsync(host, "px", Roles.PxAnalyst, (ScopeLevels.Trust, org.Trust));
        await PostBuilderAsync(px, "save", Choices($"trust-{org.Trust}", "Trust report", [FeedbackSources.Fft], ["summary"]));
        var link = ReportTemplates.Link((await SavedAsync(host, "Trust report")).ShareToken);
        Assert.Equal(HttpStatusCode.OK, (await px.GetAsync(link)).StatusCode);

        var elsewhere = await SignInAsync(host, "elsewhere", Roles.PxAnalyst, (ScopeLevels.Trust, other));
        Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.GetAsync(link)).StatusCode);
        var lead = await SignInAsync(host, "medlead", Roles.DivisionLead, (ScopeLevels.Division, org.Medicine));
        Assert.Equal(HttpStatusCode.NotFound, (await lead.GetAsync(link)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await px.GetAsync("/Reports/Template/not-a-token")).StatusCode);
        Assert.Empty((await WebHost.ParseAsync(await elsewhere.GetAsync("/Reports/Templates"))).QuerySelectorAll("#templates tr[data-template]"));

        var id = (await SavedAsync(host, "Trust report")).Id;
        var board = await SignInAsync(host, "board", Roles.BoardMember, (ScopeLevels.Trust, org.Trust));
        Assert.Equal(HttpStatusCode.NotFound, (await DeleteAsync(board, id)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await DeleteAsync(px, id)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await px.GetAsync(link)).StatusCode);
    }

    private static async Task<HttpResponseMessage> DeleteAsync(HttpClient client, long id)
    {
        var token = await WebHost.AntiforgeryAsync(await client.GetAsync("/Reports/Builder"));
        return await client.PostAsync($"/Reports/Templates?handler=Delete&id={id}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Validation_errors_name_the_field_that_is_wrong(string provider)
    {
        var (host, org) = await BoardReportTests.StartAsync(provider);
        await using var _ = host;
        var px = await SignInAsync(host, "px", Roles.PxAnalyst, (ScopeLevels.All, null));

        var preview = await PostBuilderAsync(px, "preview", Choices($"trust-{org.Trust}", "", [FeedbackSources.Fft], [], month: "2026-13"));
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var page = await WebHost.ParseAsync(preview);
        Assert.Equal(["#Month", "#Sections"], page.QuerySelectorAll(".nhsuk-error-summary__list a").Select(a => a.GetAttribute("href")!));
        Assert.Equal("Error: Select at least one section to include", page.QuerySelector("#Sections-error")!.TextContent);
        Assert.Null(page.QuerySelector("section[data-section]"));

        var save = await WebHost.ParseAsync(await PostBuilderAsync(px, "save", Choices($"trust-{org.Trust}", " ", [], ["spc"], period: "weekly")));
        Assert.Equal(["#Period", "#Sources", "#Name"], save.QuerySelectorAll(".nhsuk-error-summary__list a").Select(a => a.GetAttribute("href")!));
        var fftOnly = await WebHost.ParseAsync(await PostBuilderAsync(px, "save", Choices($"trust-{org.Trust}", "No FFT", [FeedbackSources.Complaint], ["spc", "equality"])));
        Assert.Equal(["#Sections"], fftOnly.QuerySelectorAll(".nhsuk-error-summary__list a").Select(a => a.GetAttribute("href")!));
        await using var db = host.Database.Context();
        Assert.Equal(0, await db.ReportTemplates.CountAsync());

        // A shared link asked for a month that is not one says so on the month field.
        await PostBuilderAsync(px, "save", Choices($"trust-{org.Trust}", "Monthly", [FeedbackSources.Fft], ["spc"], period: "monthly"));
        var bad = await WebHost.ParseAsync(await px.GetAsync(ReportTemplates.Link((await SavedAsync(host, "Monthly")).ShareToken) + "?month=May"));
        Assert.Equal("#Month", bad.QuerySelector(".nhsuk-error-summary__list a")!.GetAttribute("href"));

        // The preview with valid choices shows the chosen sections.
        var ok = await WebHost.ParseAsync(await PostBuilderAsync(px, "preview", Choices($"trust-{org.Trust}", "", [FeedbackSources.Fft], ["spc", "equality"])));
        Assert.Equal(["spc", "equality"], ok.QuerySelectorAll("section[data-section]").Select(s => s.GetAttribute("data-section")!));
    }
}
