using System.Net;
using DocumentFormat.OpenXml.Packaging;
using Heard.Analysis.Fft;
using Heard.Data.Model;
using Heard.Web.Features.Dashboard;
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

    private static IEnumerable<(string, string)> UnitChoices(string name, int[] units, string from, string to, string[]? sections = null) =>
        new[] { ("Organisation", ReportTemplates.ChosenUnits), ("Period", ReportPeriod.Range), ("From", from), ("To", to), ("Name", name), ("Sources", FeedbackSources.Fft) }
            .Concat(units.Select(u => ("Units", u.ToString(System.Globalization.CultureInfo.InvariantCulture))))
            .Concat((sections ?? ["summary", "spc"]).Select(s => ("Sections", s)));

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Chosen_units_over_a_range_of_months_give_the_dashboards_figures_for_those_units(string provider)
    {
        var (host, org) = await BoardReportTests.StartAsync(provider);
        await using var _ = host;
        await using var db = host.Database.Context();
        var range = ReportPeriod.Between(202605, 202609);
        var units = new[] { org.Ward1, org.Ward3 };
        var figures = (await BoardReportQuery.GenerateAsync(db, new BoardReportRequest(org.Trust, null, range, units), 10))!;

        // The dashboard for someone whose scope is the two wards, and the two wards' own dashboards added together.
        var dashboard = (await DashboardQuery.LoadAsync(db, new DashboardFilter(org.Trust, null, null, 202605, 202609, null, null), units.ToHashSet(), false, false))!;
        var counts = new FftCounts();
        foreach (var u in units)
            counts.Add((await DashboardQuery.LoadAsync(db, new DashboardFilter(org.Trust, null, u, 202605, 202609, null, null), null, false, false))!.Headline.Counts);
        Assert.Equal((dashboard.Headline.Responses, dashboard.Headline.PercentPositive, dashboard.Headline.PercentNegative),
            (figures.Headline.Responses, figures.Headline.PercentPositive, figures.Headline.PercentNegative));
        Assert.Equal((counts.Total, counts.WholePercentagePositive), (figures.Headline.Responses, figures.Headline.PercentPositive));
        Assert.Equal(2, figures.Units);
        Assert.Equal("Test Trust, Ward 1 and Ward 3: patient experience report, May to September 2026", figures.Title);
        // The period before a range is as many months just before it.
        Assert.Equal((202512, 202604), (figures.PreviousFromMonth, figures.PreviousToMonth));
        var before = (await DashboardQuery.LoadAsync(db, new DashboardFilter(org.Trust, null, null, 202512, 202604, null, null), units.ToHashSet(), false, false))!;
        Assert.Equal(before.Headline.Responses, figures.Headline.PreviousResponses);
        // Ward 1's two complaints and Ward 3's one fall in the range.
        Assert.Equal(3, figures.Sources.Single(s => s.Source == FeedbackSources.Complaint).Records);

        // The builder's preview shows the same figures, under the page's only h1.
        var px = await SignInAsync(host, "px", Roles.PxAnalyst, (ScopeLevels.All, null));
        var preview = await WebHost.ParseAsync(await PostBuilderAsync(px, "preview", UnitChoices("", units, "2026-05", "2026-09")));
        Assert.Single(preview.QuerySelectorAll("h1"));
        Assert.Equal("H2", preview.QuerySelector("#report-title")!.TagName);
        Assert.Equal(ReportFormat.Count(dashboard.Headline.Responses), preview.QuerySelector("[data-figure=responses]")!.TextContent);
        Assert.Equal(ReportFormat.Percent(dashboard.Headline.PercentPositive), preview.QuerySelector("[data-figure=positive]")!.TextContent);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_units_template_keeps_its_units_and_months_and_its_link_shows_each_viewer_only_the_units_they_see(string provider)
    {
        var (host, org) = await BoardReportTests.StartAsync(provider);
        await using var _ = host;
        var px = await SignInAsync(host, "px", Roles.PxAnalyst, (ScopeLevels.All, null));
        // The builder offers units grouped by division.
        var builder = await WebHost.ParseAsync(await px.GetAsync("/Reports/Builder"));
        Assert.Equal(["Medicine (Test Trust)", "Surgery (Test Trust)"], builder.QuerySelectorAll("[data-unit-group] legend").Select(l => l.TextContent.Trim()));
        // An empty form starts with every source and section ticked.
        Assert.Equal(FeedbackSources.All, builder.QuerySelectorAll("input[name=Sources][checked]").Select(i => i.GetAttribute("value")!));
        Assert.Equal(ReportTemplates.Sections.Count, builder.QuerySelectorAll("input[name=Sections][checked]").Length);
        Assert.Equal(HttpStatusCode.Redirect, (await PostBuilderAsync(px, "save", UnitChoices("Wards 1 and 3", [org.Ward1, org.Ward3], "2026-05", "2026-09"))).StatusCode);
        var template = await SavedAsync(host, "Wards 1 and 3");
        Assert.Equal(($"{org.Ward1},{org.Ward3}", "range", 202605, 202609, (int?)null),
            (template.UnitIds, template.Period, template.FromMonth, template.ToMonth, template.DivisionId));

        var page = await WebHost.ParseAsync(await px.GetAsync($"/Reports/Builder?template={template.Id}"));
        Assert.Equal(ReportTemplates.ChosenUnits, page.QuerySelector("#Organisation option[selected]")!.GetAttribute("value"));
        Assert.Equal([org.Ward1.ToString(), org.Ward3.ToString()], page.QuerySelectorAll("input[name=Units][checked]").Select(i => i.GetAttribute("value")!));
        Assert.Equal(("2026-05", "2026-09"), (page.QuerySelector("#From option[selected]")!.GetAttribute("value"), page.QuerySelector("#To option[selected]")!.GetAttribute("value")));

        var link = ReportTemplates.Link(template.ShareToken);
        var all = await WebHost.ParseAsync(await px.GetAsync(link));
        Assert.Contains("Ward 1 and Ward 3", all.QuerySelector("#report-title")!.TextContent);
        Assert.Contains("May to September 2026", all.QuerySelector("#report-title")!.TextContent);
        Assert.Null(all.QuerySelector("[data-units-left-out]"));

        // A ward manager of Ward 1 sees the report for Ward 1 alone, told that a unit was left out; Ward 2's gets 404.
        var ward1 = await SignInAsync(host, "ward1", Roles.WardManager, (ScopeLevels.Unit, org.Ward1));
        var theirs = await WebHost.ParseAsync(await ward1.GetAsync(link));
        Assert.Equal("Test Trust, Ward 1: patient experience report, May to September 2026", theirs.QuerySelector("#report-title")!.TextContent);
        Assert.Equal("1", theirs.QuerySelector("[data-units-left-out]")!.GetAttribute("data-units-left-out"));
        Assert.DoesNotContain("Ward 3", theirs.QuerySelector("article")!.TextContent);
        await using (var db = host.Database.Context())
        {
            var ward1Only = (await DashboardQuery.LoadAsync(db, new DashboardFilter(org.Trust, null, org.Ward1, 202605, 202609, null, null), null, false, false))!;
            Assert.Equal(ReportFormat.Count(ward1Only.Headline.Responses), theirs.QuerySelector("[data-figure=responses]")!.TextContent);
        }
        var ward2Id = await WardIdAsync(host, "Ward 2");
        var ward2 = await SignInAsync(host, "ward2", Roles.WardManager, (ScopeLevels.Unit, ward2Id));
        Assert.Equal(HttpStatusCode.NotFound, (await ward2.GetAsync(link)).StatusCode);
        Assert.Empty((await WebHost.ParseAsync(await ward2.GetAsync("/Reports/Templates"))).QuerySelectorAll("#templates tr[data-template]"));
        // The builder offers a ward manager only their own unit.
        var offered = await WebHost.ParseAsync(await ward2.GetAsync("/Reports/Builder"));
        Assert.Equal([ward2Id.ToString()], offered.QuerySelectorAll("input[name=Units]").Select(i => i.GetAttribute("value")!));

        // Other months run through the link; its downloads keep them.
        var other = await WebHost.ParseAsync(await px.GetAsync(link + "?from=2026-01&to=2026-03"));
        Assert.Contains("January to March 2026", other.QuerySelector("#report-title")!.TextContent);
        Assert.Contains("from=2026-01&to=2026-03&handler=pdf", other.QuerySelector("a[href*='handler=pdf']")!.GetAttribute("href"));
    }

    private static async Task<int> WardIdAsync(WebHost host, string name)
    {
        await using var db = host.Database.Context();
        return await db.Units.Where(u => u.Name == name).Select(u => u.Id).SingleAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Units_and_months_that_cannot_be_reported_are_named_in_the_errors(string provider)
    {
        var (host, org) = await BoardReportTests.StartAsync(provider);
        await using var _ = host;
        var px = await SignInAsync(host, "px", Roles.PxAnalyst, (ScopeLevels.All, null));
        string[] Errors(AngleSharp.Html.Dom.IHtmlDocument d) => d.QuerySelectorAll(".nhsuk-error-summary__list a").Select(a => a.GetAttribute("href")!).ToArray();

        var none = await WebHost.ParseAsync(await PostBuilderAsync(px, "preview", UnitChoices("", [], "2026-09", "2026-05")));
        Assert.Equal(["#Units", "#From"], Errors(none));
        Assert.Equal("Error: Select at least one unit to report on", none.QuerySelector("#Units-error")!.TextContent);
        Assert.Equal("Error: The first month must be the same as or before the last month", none.QuerySelector("#From-error")!.TextContent);

        var future = DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var late = await WebHost.ParseAsync(await PostBuilderAsync(px, "preview", UnitChoices("", [org.Ward1], "2026-05", future)));
        Assert.Equal(["#To"], Errors(late));
        var tooLong = await WebHost.ParseAsync(await PostBuilderAsync(px, "save", UnitChoices("Long", [org.Ward1], "2022-01", "2026-09")));
        Assert.Equal(["#To"], Errors(tooLong));
        Assert.Equal($"Error: A range can be at most {ReportPeriod.MaxRangeMonths} months", tooLong.QuerySelector("#To-error")!.TextContent);
        var missing = await WebHost.ParseAsync(await PostBuilderAsync(px, "preview", UnitChoices("", [org.Ward1], "", "May")));
        Assert.Equal(["#From", "#To"], Errors(missing));

        // A unit outside the user's scope is not offered and not accepted.
        var ward1 = await SignInAsync(host, "ward1", Roles.WardManager, (ScopeLevels.Unit, org.Ward1));
        var outside = await WebHost.ParseAsync(await PostBuilderAsync(ward1, "preview", UnitChoices("", [org.Ward3], "2026-05", "2026-09")));
        Assert.Equal(["#Units"], Errors(outside));
        await using var db = host.Database.Context();
        Assert.Equal(0, await db.ReportTemplates.CountAsync());
    }

    [Fact]
    public void A_range_of_months_is_labelled_by_its_ends_and_its_previous_period_is_as_long()
    {
        var r = ReportPeriod.Between(202511, 202602);
        Assert.Equal(("November 2025 to February 2026", 4), (r.Label, r.Months));
        Assert.Equal((202507, 202510), (r.Previous().FromMonth, r.Previous().ToMonth));
        Assert.Equal("from=2025-11&to=2026-02", r.Query);
        Assert.Equal("June 2026", ReportPeriod.Between(202606, 202606).Label);
    }
}
