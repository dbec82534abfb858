using System.Diagnostics;
using System.Net;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Heard.Analysis.Fft;
using Heard.Data.Model;
using Heard.Web.Features.Dashboard;
using Heard.Web.Features.Import;
using Heard.Web.Features.Reports;
using Heard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Heard.Web.Tests;

public sealed class BoardReportTests
{
    private const string Staff = "Staff manner & personal attributes";
    private const string Food = "Food & drink provision & facilities";
    private const string Phone = "07700 900123";

    internal sealed record Org(int Trust, int Medicine, int Surgery, int Ward1, int Ward3);

    /// <summary>One FFT row each, April 2025 to September 2026, three wards in two divisions; answers cycle so months differ.</summary>
    private static readonly List<(string Id, DateOnly Date, string Unit, string Setting, int Answer, string? Comment)> Rows = MakeRows();

    private static List<(string, DateOnly, string, string, int, string?)> MakeRows()
    {
        var rows = new List<(string, DateOnly, string, string, int, string?)>();
        var id = 0;
        for (var m = 0; m < 18; m++)
        {
            var month = new DateOnly(2025, 4, 1).AddMonths(m);
            string[] wards = ["Ward 1", "Ward 2", "Ward 3"];
            for (var w = 0; w < wards.Length; w++)
            {
                var n = 4 + (m * 7 + w * 3) % 5;
                for (var i = 0; i < n; i++)
                {
                    id++;
                    var setting = w == 2 && i % 2 == 1 ? "outpatient" : "inpatient";
                    var answer = 1 + (i * 3 + m + w) % 6;
                    string? comment = null;
                    if (i == 0) comment = month >= new DateOnly(2026, 7, 1) ? $"Staff were lovely on visit {id}" : $"The food was cold on visit {id}";
                    if (i == 1 && month == new DateOnly(2026, 9, 1) && w == 0) comment = $"Staff nurse was kind, ring me on {Phone}";
                    rows.Add(($"R{id}", month.AddDays(i), wards[w], setting, answer, comment));
                }
            }
        }
        return rows;
    }

    internal static async Task<(WebHost Host, Org Org)> StartAsync(string provider)
    {
        var host = await WebHost.StartAsync(provider);
        await OrganisationFixtures.ApplyCsvAsync(host.Database,
            "trust_code,trust_name,site_code,site_name,division,unit_code,unit_name,unit_kind,settings\n" +
            "RZZ,Test Trust,RZZ01,General,Medicine,W1,Ward 1,ward,inpatient\n" +
            "RZZ,Test Trust,RZZ01,General,Medicine,W2,Ward 2,ward,inpatient\n" +
            "RZZ,Test Trust,RZZ01,General,Surgery,W3,Ward 3,ward,inpatient|outpatient\n", new DateOnly(2000, 1, 1));
        var csv = new StringBuilder("response_id,date,trust_code,site_code,unit,setting,answer,mode,comment\n");
        foreach (var r in Rows) csv.Append($"{r.Id},{r.Date:yyyy-MM-dd},RZZ,RZZ01,{r.Unit},{r.Setting},{r.Answer},sms,\"{r.Comment}\"\n");
        using (var files = new TempFiles())
        {
            await new FeedbackImporter(host.Database.Target).ImportAsync(files.Write("fft.csv", csv.ToString()), new ImportOptions());
            await new FeedbackImporter(host.Database.Target).ImportAsync(files.Write("complaints.csv",
                "reference,date,trust_code,site_code,unit,description\n" +
                "C1,2026-05-03,RZZ,RZZ01,Ward 1,Lost property\nC2,2026-08-04,RZZ,RZZ01,Ward 1,Discharge delayed\nC3,2026-09-09,RZZ,RZZ01,Ward 3,Rude reply\n"),
                new ImportOptions { Kind = "complaint" });
        }

        await using var db = host.Database.Context();
        // Codes written here rather than left to the model, so the themes that changed are known: food before July, staff after.
        await db.CommentCodes.ExecuteDeleteAsync();
        foreach (var a in await db.FeedbackAnswers.Where(a => a.Text != null).ToListAsync())
        {
            var staff = a.Text!.StartsWith("Staff", StringComparison.Ordinal);
            a.Sentiment = staff ? 1 : 4;
            db.CommentCodes.Add(new CommentCode
            {
                FeedbackAnswerId = a.Id, FeedbackRecordId = a.FeedbackRecordId, Label = staff ? Staff : Food,
                Category = staff ? "Staff" : "Environment, equipment & catering", Confidence = 0.9f, SetAt = DateTime.UtcNow,
            });
        }
        await db.SaveChangesAsync();
        await Heard.Web.Features.Fft.Aggregates.RebuildAsync(db);

        var trust = await db.Trusts.SingleAsync(t => t.OdsCode == "RZZ");
        var units = await db.Units.ToDictionaryAsync(u => u.Name);
        var medicine = units["Ward 1"].DivisionId!.Value;
        db.EarlyWarningAlerts.Add(new EarlyWarningAlert
        {
            TrustId = trust.Id, UnitId = units["Ward 1"].Id, Kind = "spc-concern", Metric = "fft-positive", Month = 202608,
            Explanation = "Percentage positive fell below the lower limit", Evidence = "[]", Value = 40, Reference = 55,
            RaisedAt = new DateTime(2026, 9, 2, 6, 0, 0, DateTimeKind.Utc), ResolvedAt = new DateTime(2026, 9, 20, 9, 0, 0, DateTimeKind.Utc),
            ResolvedBy = "px", ResolutionNote = "Extra evening staff on the ward",
        });
        await db.SaveChangesAsync();
        return (host, new Org(trust.Id, medicine, units["Ward 3"].DivisionId!.Value, units["Ward 1"].Id, units["Ward 3"].Id));
    }

    private static string Report(Org org, int? division = null, string period = "quarterly", string month = "2026-07") =>
        $"/Reports/Board?trust={org.Trust}" + (division is int d ? $"&division={d}" : "") + $"&period={period}&month={month}";

    private static async Task<BoardReportFigures?> GenerateAsync(WebHost host, Org org, int? division, ReportPeriod period)
    {
        await using var db = host.Database.Context();
        return await BoardReportQuery.GenerateAsync(db, new BoardReportRequest(org.Trust, division, period), 10);
    }

    [Fact]
    public void Quarters_follow_the_NHS_financial_year_and_the_previous_quarter_runs_back_over_the_new_year()
    {
        var q = ReportPeriod.Parse("quarterly", "2026-05")!;
        Assert.Equal((202604, 202606), (q.FromMonth, q.ToMonth));
        Assert.Equal("Q1 2026/27 (April to June 2026)", q.Label);
        var january = ReportPeriod.Parse("quarterly", "2026-02")!;
        Assert.Equal("Q4 2025/26 (January to March 2026)", january.Label);
        Assert.Equal((202510, 202512), (january.Previous().FromMonth, january.Previous().ToMonth));
        Assert.Equal("March 2026", ReportPeriod.Parse("monthly", "2026-03")!.Label);
        Assert.Null(ReportPeriod.Parse("weekly", "2026-03"));
        // On 1 October the quarter to September has closed; on 30 September it has not.
        Assert.Equal(202609, BoardReportScheduler.LatestClosed("quarterly", new DateOnly(2026, 10, 1)).ToMonth);
        Assert.Equal(202606, BoardReportScheduler.LatestClosed("quarterly", new DateOnly(2026, 9, 30)).ToMonth);
        Assert.Equal(202608, BoardReportScheduler.LatestClosed("monthly", new DateOnly(2026, 9, 30)).ToMonth);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_report_for_months_before_a_division_was_renamed_names_it_as_it_was_then(string provider)
    {
        var (host, org) = await StartAsync(provider);
        await using var _ = host;
        await using (var db = host.Database.Context())
        {
            var division = await db.Divisions.SingleAsync(d => d.Id == org.Surgery);
            await Heard.Web.Features.Organisation.OrganisationNames.RecordRenameAsync(db, OrganisationLevels.Division, division.Id, division.Name, null,
                "Surgery and Theatres", null, new DateOnly(2026, 8, 1), new DateOnly(2026, 11, 30), "admin", default);
            division.Name = "Surgery and Theatres";
            await db.SaveChangesAsync();
        }

        var before = (await GenerateAsync(host, org, org.Surgery, ReportPeriod.Parse("monthly", "2026-07")!))!;
        var after = (await GenerateAsync(host, org, org.Surgery, ReportPeriod.Parse("monthly", "2026-08")!))!;
        Assert.Equal("Surgery (now Surgery and Theatres)", before.DivisionName);
        Assert.Equal("Surgery and Theatres", after.DivisionName);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Report_FFT_figures_equal_the_dashboard_and_the_rows_imported_for_the_same_period(string provider)
    {
        var (host, org) = await StartAsync(provider);
        await using var _ = host;
        await using var db = host.Database.Context();
        var quarter = ReportPeriod.Parse("quarterly", "2026-07")!;
        foreach (var division in new int?[] { null, org.Medicine, org.Surgery })
        {
            var figures = (await GenerateAsync(host, org, division, quarter))!;
            foreach (var row in figures.Spc)
            {
                var dashboard = (await DashboardQuery.LoadAsync(db, new DashboardFilter(org.Trust, division, null, 202607, 202609, row.Setting, null), null, false, false))!;
                Assert.Equal((dashboard.Headline.Responses, dashboard.Headline.PercentPositive, dashboard.Headline.PercentNegative),
                    (row.Responses, row.PercentPositive, row.PercentNegative));
            }
        }

        // And by hand from the rows: the trust's quarter, and Surgery's outpatients in it.
        var inQuarter = Rows.Where(r => r.Date >= new DateOnly(2026, 7, 1) && r.Date < new DateOnly(2026, 10, 1)).ToList();
        var counts = new FftCounts();
        foreach (var r in inQuarter) counts.Add((FftAnswer)r.Answer, FftMode.Other);
        var trust = (await GenerateAsync(host, org, null, quarter))!;
        Assert.Equal(inQuarter.Count, trust.Headline.Responses);
        Assert.Equal(counts.WholePercentagePositive, trust.Headline.PercentPositive);
        var surgery = (await GenerateAsync(host, org, org.Surgery, quarter))!;
        Assert.Equal(inQuarter.Count(r => r.Unit == "Ward 3" && r.Setting == "outpatient"), surgery.Spc.Single(s => s.Setting == "outpatient").Responses);
        Assert.Equal(18, trust.Spc[0].ChartMonths);

        // The page shows the same figures and links each setting to the dashboard filtered the same way.
        var client = await SignInAsync(host, "px", Roles.PxAnalyst, (ScopeLevels.All, null));
        var page = await WebHost.ParseAsync(await client.GetAsync(Report(org)));
        var all = page.QuerySelector("#spc-summary tr[data-setting=all]")!;
        Assert.Equal(inQuarter.Count.ToString("N0"), all.QuerySelector("[data-figure=responses]")!.TextContent);
        Assert.Equal($"/?trust={org.Trust}&from=2026-07&to=2026-09", all.QuerySelector("th a")!.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector("#spc-summary svg.heard-spc-icons[aria-label^='Variation:']"));
        Assert.Equal("2", page.QuerySelector("#sources tr[data-source=complaint] [data-figure=records]")!.TextContent);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Regenerating_a_period_gives_the_same_figures_even_after_later_months_arrive(string provider)
    {
        var (host, org) = await StartAsync(provider);
        await using var _ = host;
        var quarter = ReportPeriod.Parse("quarterly", "2026-08")!;
        var first = (await GenerateAsync(host, org, org.Medicine, quarter))!.ToJson();
        Assert.Equal(first, (await GenerateAsync(host, org, org.Medicine, quarter))!.ToJson());

        using (var files = new TempFiles())
            await new FeedbackImporter(host.Database.Target).ImportAsync(files.Write("later.csv",
                "response_id,date,trust_code,site_code,unit,setting,answer,mode,comment\nL1,2026-10-04,RZZ,RZZ01,Ward 1,inpatient,5,sms,Food was cold\n"), new ImportOptions());
        Assert.Equal(first, (await GenerateAsync(host, org, org.Medicine, quarter))!.ToJson());

        var figures = BoardReportFigures.FromJson(first);
        Assert.Equal(figures.ToJson(), first);
        var staff = figures.Themes.Single(t => t.Theme == Staff);
        Assert.True(staff.Rose);
        // Seven of Medicine's eight coded comments in the quarter are on staff; the eighth is a complaint coded to food.
        Assert.Equal(0.875, staff.Share);
        Assert.Equal(0.0, staff.PreviousShare);
        Assert.Contains(figures.Themes, t => t.Theme == Food && !t.Rose);
        Assert.DoesNotContain(figures.Themes.SelectMany(t => t.Examples), c => c.Text.Contains(Phone, StringComparison.Ordinal));
        Assert.Equal("Extra evening staff on the ward", figures.Alerts.Single().ResolutionNote);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Narratives_are_kept_with_each_version_and_editing_one_saves_the_next_with_the_same_figures(string provider)
    {
        var (host, org) = await StartAsync(provider);
        await using var _ = host;
        var client = await SignInAsync(host, "px", Roles.PxAnalyst, (ScopeLevels.All, null));
        var saved = await SaveAsync(client, Report(org), new() { ["Narrative[summary]"] = "A steady quarter.", ["Narrative[patient-story]"] = "Mrs B told us about her discharge." });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var v1 = saved.Headers.Location!.OriginalString;
        var page = await WebHost.ParseAsync(await client.GetAsync(v1));
        Assert.Equal("Mrs B told us about her discharge.", page.QuerySelector("[data-narrative=patient-story]")!.TextContent);
        Assert.Contains("Version 1", page.QuerySelector("[data-figure=generated]")!.TextContent);

        var edited = await SaveAsync(client, v1, new() { ["Narrative[summary]"] = "A steady quarter; complaints rose.", ["Narrative[patient-story]"] = "Mrs B told us about her discharge." });
        var v2 = edited.Headers.Location!.OriginalString;
        Assert.NotEqual(v1, v2);
        Assert.Equal("A steady quarter.", (await WebHost.ParseAsync(await client.GetAsync(v1))).QuerySelector("[data-narrative=summary]")!.TextContent);
        Assert.Equal("A steady quarter; complaints rose.", (await WebHost.ParseAsync(await client.GetAsync(v2))).QuerySelector("[data-narrative=summary]")!.TextContent);
        await using var db = host.Database.Context();
        var versions = await db.BoardReportVersions.OrderBy(v => v.Version).ToListAsync();
        Assert.Equal([1, 2], versions.Select(v => v.Version));
        Assert.Equal(versions[0].FiguresJson, versions[1].FiguresJson);
        Assert.Equal(versions[0].GeneratedAt, versions[1].GeneratedAt);

        // The live report starts from the latest version's narrative.
        var live = await WebHost.ParseAsync(await client.GetAsync(Report(org)));
        Assert.Equal("A steady quarter; complaints rose.", live.QuerySelector("#Narrative_summary_")!.TextContent);
        var tooLong = await SaveAsync(client, v2, new() { ["Narrative[summary]"] = new string('x', BoardReportArchive.NarrativeLength + 1) });
        Assert.Equal(HttpStatusCode.OK, tooLong.StatusCode);
        Assert.Equal("#Narrative_summary_", (await WebHost.ParseAsync(tooLong)).QuerySelector(".nhsuk-error-summary a")!.GetAttribute("href"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Pdf_is_rendered_to_png_with_its_pages_and_its_sections(string provider)
    {
        var (host, org) = await StartAsync(provider);
        await using var _ = host;
        var client = await SignInAsync(host, "px", Roles.PxAnalyst, (ScopeLevels.All, null));
        var response = await client.GetAsync(Report(org) + "&handler=pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF", Encoding.ASCII.GetString(pdf, 0, 4));
        using var read = PdfSharp.Pdf.IO.PdfReader.Open(new MemoryStream(pdf), PdfSharp.Pdf.IO.PdfDocumentOpenMode.Import);
        Assert.InRange(read.PageCount, 2, 6);

        var pdftoppm = FindOnPath("pdftoppm");
        Assert.SkipWhen(pdftoppm is null, $"pdftoppm (poppler-utils) is not installed, so the pages were not rendered to PNG (the PDF itself checked: %PDF, {read.PageCount} pages)");
        using var files = new TempFiles();
        var input = files.WriteBytes("report.pdf", pdf);
        var outPrefix = files.Path_("page");
        await RunAsync(pdftoppm!, $"-png -r 40 \"{input}\" \"{outPrefix}\"");
        var pngs = Directory.GetFiles(Path.GetDirectoryName(outPrefix)!, "page*.png").Order().ToList();
        Assert.Equal(read.PageCount, pngs.Count);
        Assert.True(new FileInfo(pngs[0]).Length > 2000, "page 1 rendered blank");
        // The text on the pages, as poppler reads it back, holds the title, every section and the redacted comments only.
        if (FindOnPath("pdftotext") is { } pdftotext)
        {
            var text = await RunAsync(pdftotext, $"-layout \"{input}\" -");
            foreach (var heading in new[] { "Test Trust: patient experience report, Q2 2026/27", "Patient story", "FFT by setting: SPC summary", "Themes that changed",
                "Complaints, PALS and other feedback", "Early warnings", "Actions and their impact", "Equality", "Page 1 of", "Icons: variation H or L" })
                Assert.Contains(heading, text);
            Assert.DoesNotContain(Phone, text);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Word_document_opens_with_every_section_heading(string provider)
    {
        var (host, org) = await StartAsync(provider);
        await using var _ = host;
        var client = await SignInAsync(host, "px", Roles.PxAnalyst, (ScopeLevels.All, null));
        var response = await client.GetAsync(Report(org, org.Medicine, "monthly", "2026-09") + "&handler=docx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = WordprocessingDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        var headings = doc.MainDocumentPart!.Document!.Body!.Elements<Paragraph>()
            .Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value?.StartsWith("Heading", StringComparison.Ordinal) == true)
            .Select(p => p.InnerText).ToList();
        Assert.Equal(["Medicine: patient experience report, September 2026", "Summary", "Patient story", "FFT by setting: SPC summary", "Themes that changed",
            "Complaints, PALS and other feedback", "Early warnings", "Actions and their impact", "Equality", "Where the figures come from"], headings);
        // The SPC table's variation cells start with a shaded icon letter before their words, and the legend explains the icons.
        var body = doc.MainDocumentPart!.Document!.Body!;
        Assert.Contains(SpcIcons.Legend, body.InnerText);
        var spc = body.Elements<Table>().First();
        foreach (var row in spc.Elements<TableRow>().Skip(1))
        {
            var variation = row.Elements<TableCell>().ElementAt(6);
            var icon = variation.Descendants<Run>().First();
            Assert.Contains(icon.RunProperties!.Shading!.Fill!.Value, new[] { SpcIcons.Orange, SpcIcons.Blue, SpcIcons.Purple, SpcIcons.Grey });
            Assert.Matches("^ [HLC] $", icon.InnerText);
            Assert.Matches("(cause|variation)", variation.InnerText);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Readers_need_all_of_a_trust_or_division_and_only_the_PX_team_and_division_leads_save(string provider)
    {
        var (host, org) = await StartAsync(provider);
        await using var _ = host;
        var lead = await SignInAsync(host, "medlead", Roles.DivisionLead, (ScopeLevels.Division, org.Medicine));
        Assert.Equal(HttpStatusCode.NotFound, (await lead.GetAsync(Report(org))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lead.GetAsync(Report(org, org.Surgery))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await lead.GetAsync(Report(org, org.Medicine))).StatusCode);
        var leadsVersion = (await SaveAsync(lead, Report(org, org.Medicine), new() { ["Narrative[summary]"] = "Medicine" })).Headers.Location!.OriginalString;

        var px = await SignInAsync(host, "px", Roles.PxAnalyst, (ScopeLevels.Trust, org.Trust));
        var trustVersion = (await SaveAsync(px, Report(org), new() { ["Narrative[summary]"] = "Trust" })).Headers.Location!.OriginalString;
        Assert.Equal(HttpStatusCode.NotFound, (await lead.GetAsync(trustVersion)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lead.GetAsync(trustVersion + "?handler=pdf")).StatusCode);
        var leadsArchive = await WebHost.ParseAsync(await lead.GetAsync("/Reports"));
        Assert.Single(leadsArchive.QuerySelectorAll("#archive tbody tr"));

        var ward = await SignInAsync(host, "wardmgr", Roles.WardManager, (ScopeLevels.Unit, org.Ward1));
        Assert.Equal(HttpStatusCode.NotFound, (await ward.GetAsync(Report(org, org.Medicine))).StatusCode);
        Assert.Contains("No reports you can open", (await WebHost.ParseAsync(await ward.GetAsync("/Reports"))).Body!.TextContent);

        var board = await SignInAsync(host, "board", Roles.BoardMember, (ScopeLevels.Trust, org.Trust));
        var boardPage = await WebHost.ParseAsync(await board.GetAsync(trustVersion));
        Assert.Null(boardPage.QuerySelector("textarea"));
        Assert.Equal(HttpStatusCode.Forbidden, (await SaveAsync(board, leadsVersion, new() { ["Narrative[summary]"] = "x" }, tokenFrom: Report(org))).StatusCode);
        Assert.NotEmpty(boardPage.QuerySelectorAll(".heard-report-quote"));

        var commissioner = await SignInAsync(host, "icb", Roles.Commissioner, (ScopeLevels.Trust, org.Trust));
        var commissionerPage = await WebHost.ParseAsync(await commissioner.GetAsync(trustVersion));
        Assert.NotNull(commissionerPage.QuerySelector("#spc-summary"));
        Assert.Empty(commissionerPage.QuerySelectorAll(".heard-report-quote"));

        var partner = await SignInAsync(host, "partner", Roles.PatientPartner, (ScopeLevels.Trust, org.Trust));
        foreach (var url in new[] { trustVersion, "/Reports", Report(org) })
        {
            var denied = await partner.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
            Assert.Contains("/Account/Denied", denied.Headers.Location!.OriginalString);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_schedule_archives_one_version_when_its_period_closes(string provider)
    {
        var (host, org) = await StartAsync(provider);
        await using var _ = host;
        var px = await SignInAsync(host, "px", Roles.PxAnalyst, (ScopeLevels.All, null));
        var index = await px.GetAsync("/Reports");
        var scheduled = await px.PostAsync("/Reports?handler=Schedule", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await WebHost.AntiforgeryAsync(index), ["Organisation"] = $"division-{org.Surgery}", ["Period"] = "quarterly",
        }));
        Assert.Equal(HttpStatusCode.Redirect, scheduled.StatusCode);

        var scheduler = host.App.Services.GetRequiredService<BoardReportScheduler>();
        Assert.Equal(1, await scheduler.RunOnceAsync(new DateTime(2026, 10, 1, 7, 0, 0, DateTimeKind.Utc), CancellationToken.None));
        Assert.Equal(0, await scheduler.RunOnceAsync(new DateTime(2026, 12, 31, 7, 0, 0, DateTimeKind.Utc), CancellationToken.None));
        await using var db = host.Database.Context();
        var version = await db.BoardReportVersions.SingleAsync();
        Assert.Equal((org.Surgery, 202607, 202609, BoardReportScheduler.SavedBy), (version.DivisionId!.Value, version.FromMonth, version.ToMonth, version.SavedBy));
        Assert.Equal((await GenerateAsync(host, org, org.Surgery, ReportPeriod.Parse("quarterly", "2026-07")!))!.ToJson(), version.FiguresJson);

        var archive = await WebHost.ParseAsync(await px.GetAsync("/Reports"));
        Assert.Contains("Q2 2026/27", archive.QuerySelector("#archive tbody tr")!.TextContent);
        Assert.Contains("Q2 2026/27", archive.QuerySelector("#schedules tbody tr")!.TextContent);
    }

    private static async Task<HttpClient> SignInAsync(WebHost host, string name, string role, params (string Level, int? Id)[] scopes)
    {
        await host.CreateUserAsync(name, role, scopes);
        return await host.SignedInAsync(name);
    }

    private static async Task<HttpResponseMessage> SaveAsync(HttpClient client, string url, Dictionary<string, string> form, string? tokenFrom = null)
    {
        form["__RequestVerificationToken"] = await WebHost.AntiforgeryAsync(await client.GetAsync(tokenFrom ?? url));
        return await client.PostAsync(url + (url.Contains('?') ? "&" : "?") + "handler=save", new FormUrlEncodedContent(form));
    }

    private static async Task<string> RunAsync(string file, string arguments)
    {
        using var p = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.Equal(0, p.ExitCode);
        return output;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
}
