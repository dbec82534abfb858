using System.Net;
using DocumentFormat.OpenXml.Packaging;
using Heard.Data.Model;
using Heard.Web.Features.Dashboard;
using Heard.Web.Features.Import;
using Heard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Tests;

public sealed class QualityAccountTests
{
    // 2025/26 inpatient: 1,1,2,4,1,3 (6 responses, 4 positive = 67%, 1 negative = 17%); 2024/25 inpatient: 1,1,1,5 (75%).
    // A&E only in 2025/26: 2,2. April 2026 belongs to 2026/27 and must not count.
    private const string Fft = "response_id,date,trust_code,site_code,unit,setting,answer,mode,comment,consent_to_publish\n" +
        "q1,2025-03-10,RZZ,RZZ01,Ward A,inpatient,1,sms,,\n" +
        "q2,2025-03-11,RZZ,RZZ01,Ward A,inpatient,1,sms,,\n" +
        "q3,2025-03-12,RZZ,RZZ01,Ward A,inpatient,1,sms,,\n" +
        "q4,2025-03-13,RZZ,RZZ01,Ward A,inpatient,5,sms,,\n" +
        "t1,2025-05-01,RZZ,RZZ01,Ward A,inpatient,1,sms,Lovely staff and ring me on 07700 900123,yes\n" +
        "t2,2025-05-02,RZZ,RZZ01,Ward A,inpatient,1,sms,,\n" +
        "t3,2025-05-03,RZZ,RZZ01,Ward A,inpatient,2,sms,,\n" +
        "t4,2025-05-04,RZZ,RZZ01,Ward A,inpatient,4,sms,,\n" +
        "t5,2026-03-05,RZZ,RZZ01,Ward B,inpatient,1,sms,NOT-CONSENTED kind nurses,no\n" +
        "t6,2026-03-06,RZZ,RZZ01,Ward B,inpatient,3,sms,,\n" +
        "e1,2025-12-01,RZZ,RZZ01,Ward A,ae,2,sms,,\n" +
        "e2,2025-12-02,RZZ,RZZ01,Ward A,ae,2,sms,,\n" +
        "n1,2026-04-02,RZZ,RZZ01,Ward A,inpatient,5,sms,,\n";

    private const string Complaints = "reference,date,trust_code,site_code,unit,description\n" +
        "C1,2025-06-01,RZZ,RZZ01,Ward A,COMPLAINT-TEXT-SECRET about my mother\n" +
        "C2,2024-06-01,RZZ,RZZ01,Ward A,older complaint\n" +
        "C3,2025-07-01,RZZ,RZZ01,Ward B,another complaint\n";

    private sealed record Seeded(int TrustId, int WardA, int Site);

    private static async Task<(WebHost Host, Seeded Seeded)> StartAsync(string provider)
    {
        var host = await WebHost.StartAsync(provider);
        using var files = new TempFiles();
        await new FeedbackImporter(host.Database.Target).ImportAsync(files.Write("fft.csv", Fft), new ImportOptions());
        await new FeedbackImporter(host.Database.Target).ImportAsync(files.Write("complaints.csv", Complaints), new ImportOptions { Kind = "complaint" });
        await using var db = host.Database.Context();
        var wardA = await db.Units.SingleAsync(u => u.Name == "Ward A");
        var trust = wardA.TrustId;

        // Themes as the coder would leave them: one praised (quoted only from the consenting patient), one to improve.
        async Task CodeAsync(string responseId, string label, int sentiment)
        {
            var record = await db.Feedback.SingleAsync(f => f.ExternalId == responseId);
            var answer = await db.FeedbackAnswers.SingleAsync(a => a.FeedbackRecordId == record.Id && a.Text != null);
            answer.Sentiment = sentiment;
            db.CommentCodes.Add(new CommentCode { FeedbackAnswerId = answer.Id, FeedbackRecordId = record.Id, Label = label, SetBy = "test", SetAt = DateTime.UtcNow });
        }
        await CodeAsync("t1", "Kindness (test)", 1);
        await CodeAsync("t5", "Kindness (test)", 1);
        // theme_monthly is a cache without a key of its own, written by SQL as the importer writes it.
        foreach (var (month, label, comments, positive, negative) in new[] { (202505, "Kindness (test)", 1000, 1000, 0), (202506, "Noise at night (test)", 900, 0, 900) })
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO theme_monthly (unit_id, month, source, setting, label, trust_id, category, comments, sentiment_count, sentiment_sum, positive, negative)
                VALUES ({wardA.Id}, {month}, 'fft', 'inpatient', {label}, {trust}, NULL, {comments}, {comments}, {comments * 3}, {positive}, {negative})
                """);

        ImprovementAction Action(string title, string status, DateTime? closed) => new()
        {
            TrustId = trust, UnitId = wardA.Id, Title = title, OwnerUserId = "owner", DueOn = new DateOnly(2025, 9, 1), Status = status,
            ImpactReview = "Fewer comments about noise; call 07700 900456 for details", ClosedAt = closed, CreatedAt = DateTime.UtcNow, CreatedBy = "test", UpdatedAt = DateTime.UtcNow,
        };
        db.ImprovementActions.Add(Action("Quieter nights on Ward A", ActionStatuses.Done, new DateTime(2025, 11, 1, 9, 0, 0, DateTimeKind.Utc)));
        db.ImprovementActions.Add(Action("Closed the year before", ActionStatuses.Done, new DateTime(2024, 11, 1, 9, 0, 0, DateTimeKind.Utc)));
        db.ImprovementActions.Add(Action("Still open", ActionStatuses.Open, null));
        await db.SaveChangesAsync();
        return (host, new Seeded(trust, wardA.Id, wardA.SiteId));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Draft_fft_figures_equal_the_dashboard_for_the_same_financial_year_with_the_change_from_the_year_before(string provider)
    {
        var (host, s) = await StartAsync(provider);
        await using var _ = host;
        await host.CreateUserAsync("px", Roles.PxAnalyst, (ScopeLevels.Trust, s.TrustId));
        var client = await host.SignedInAsync("px");

        var page = await client.GetAsync("/quality-account");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var doc = await WebHost.ParseAsync(page);
        Assert.Equal("Patient experience 2025/26", doc.QuerySelector("#draft-title")!.TextContent.Trim()); // the latest full year by default

        await using var db = host.Database.Context();
        foreach (var setting in new[] { "inpatient", "ae" })
        {
            var dashboard = await DashboardQuery.LoadAsync(db, new DashboardFilter(s.TrustId, null, null, 202504, 202603, setting, null), null, true, true);
            var cells = doc.QuerySelectorAll($"table[data-table=fft] tr[data-setting={setting}] td").Select(c => c.TextContent.Trim()).ToList();
            Assert.Equal(dashboard!.Headline.Responses.ToString("N0"), cells[0]);
            Assert.Equal($"{dashboard.Headline.PercentPositive}%", cells[1]);
            Assert.Equal($"{dashboard.Headline.PercentNegative}%", cells[2]);
        }
        var inpatient = doc.QuerySelectorAll("table[data-table=fft] tr[data-setting=inpatient] td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["6", "67%", "17%", "75%", "−8"], inpatient);
        var ae = doc.QuerySelectorAll("table[data-table=fft] tr[data-setting=ae] td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["2", "100%", "0%", "–", "–"], ae);

        // 2025/26 has figures in May, December and March; 2024/25 in March only.
        Assert.StartsWith("2025/26 has FFT figures for 3 of 12 months; 2024/25 for 1 of 12 months", doc.QuerySelector("[data-figure=coverage]")!.TextContent.Trim());

        var complaints = doc.QuerySelectorAll("table[data-table=sources] tr[data-source=complaint] td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["2", "1"], complaints);
        Assert.Null(doc.QuerySelector("tr[data-source=pals]"));

        var text = doc.Body!.TextContent;
        Assert.Contains("Kindness (test)", doc.QuerySelector("table[data-table=themes-praised]")!.TextContent);
        Assert.Contains("Lovely staff and ring me on [phone removed]", text);
        Assert.Contains("Noise at night (test)", doc.QuerySelector("table[data-table=themes-improve]")!.TextContent);
        Assert.Contains("Quieter nights on Ward A", text);
        Assert.DoesNotContain("Closed the year before", text);
        Assert.DoesNotContain("Still open", text);
        Assert.Contains("1 improvement action was closed as done", text);
        Assert.True(doc.QuerySelectorAll("[data-placeholder]").Length >= 4);
        foreach (var secret in new[] { "07700", "NOT-CONSENTED", "COMPLAINT-TEXT-SECRET" }) Assert.DoesNotContain(secret, text);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Draft_downloads_as_a_word_document_that_opens_with_the_same_figures(string provider)
    {
        var (host, s) = await StartAsync(provider);
        await using var _ = host;
        await host.CreateUserAsync("px", Roles.PxAdministrator, (ScopeLevels.All, null));
        var client = await host.SignedInAsync("px");

        var response = await client.GetAsync($"/quality-account?handler=Docx&Trust={s.TrustId}&Year=2025");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", response.Content.Headers.ContentType!.MediaType);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var word = WordprocessingDocument.Open(stream, false);
        var body = word.MainDocumentPart!.Document!.Body!;
        var text = body.InnerText;
        Assert.Contains("Patient experience 2025/26", text);
        Assert.Contains("[To be written: Introduction]", text);
        var inpatient = body.Descendants<DocumentFormat.OpenXml.Wordprocessing.TableRow>()
            .Select(r => r.Descendants<DocumentFormat.OpenXml.Wordprocessing.TableCell>().Select(c => c.InnerText).ToList())
            .Single(cells => cells[0] == "Inpatient");
        Assert.Equal(["Inpatient", "6", "67%", "17%", "75%", "−8"], inpatient);
        Assert.Contains("[phone removed]", text);
        foreach (var secret in new[] { "07700", "NOT-CONSENTED", "COMPLAINT-TEXT-SECRET" }) Assert.DoesNotContain(secret, text);
        await using var db = host.Database.Context();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Entity == "quality-account" && a.Action == "export"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Only_the_px_team_with_the_whole_trust_in_scope_may_draft_it(string provider)
    {
        var (host, s) = await StartAsync(provider);
        await using var _ = host;
        await host.CreateUserAsync("ward", Roles.WardManager, (ScopeLevels.Trust, s.TrustId));
        await host.CreateUserAsync("board", Roles.BoardMember, (ScopeLevels.Trust, s.TrustId));
        await host.CreateUserAsync("site-analyst", Roles.PxAnalyst, (ScopeLevels.Unit, s.WardA));

        foreach (var user in new[] { "ward", "board" })
        {
            var denied = await (await host.SignedInAsync(user)).GetAsync("/quality-account");
            Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
            Assert.Contains("/Account/Denied", denied.Headers.Location!.OriginalString);
        }
        var partial = await host.SignedInAsync("site-analyst");
        var page = await WebHost.ParseAsync(await partial.GetAsync("/quality-account"));
        Assert.Contains("No trust you can draft for", page.Body!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await partial.GetAsync($"/quality-account?Trust={s.TrustId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await partial.GetAsync($"/quality-account?handler=Docx&Trust={s.TrustId}&Year=2025")).StatusCode);
    }
}
