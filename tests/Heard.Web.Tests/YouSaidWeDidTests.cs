using System.Net;
using System.Text;
using Heard.Analysis.Text;
using Heard.Data.Model;
using Heard.Web.Features.Import;
using Heard.Web.Features.YouSaidWeDid;
using Heard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Heard.Web.Tests;

/// <summary>"You said, we did": drafting, quoting, publishing and withdrawing, the public pages, scope, the poster and the digest.</summary>
public sealed class YouSaidWeDidTests
{
    private const string Consented = "Nurse Sarah Jones sat with me all night, ring me on 07700 900123 if you want to hear more";
    private const string NotConsented = "The food was cold and nobody came for an hour";

    private sealed record Ids(int Trust, int Ward1, int Ward2, int Ward3, int OtherTrustUnit, string Ward1Code, long ConsentedAnswer, long NotConsentedAnswer, long ConsentedFeedback, long NotConsentedFeedback);

    /// <summary>
    /// October 2026 at trust RZZ: Ward 1 has 12 FFT responses (9 very good, 3 poor: 75% positive), Ward 2 has 3 and
    /// Ward 3 has 6. Ward 2 is below 5, so hidden; it is then the only unit hidden, so the next smallest (Ward 3, 6) is
    /// hidden too, or Ward 2's count would be the trust's 21 less Ward 1 and Ward 3. Two of Ward 1's answers carry comments,
    /// one with consent to publish and one without. Trust RYY has one ward of its own.
    /// </summary>
    private static async Task<(WebHost Host, Ids Ids)> StartAsync(string provider)
    {
        var host = await WebHost.StartAsync(provider);
        var csv = new StringBuilder("response_id,date,trust_code,site_code,unit,setting,answer,mode,comment,consent_to_publish\n");
        var id = 0;
        for (var i = 0; i < 12; i++)
        {
            var comment = i == 0 ? Consented : i == 1 ? NotConsented : "";
            var consent = i == 0 ? "yes" : i == 1 ? "no" : "";
            csv.Append($"{++id},2026-10-{i + 1:D2},RZZ,RZZ01,Ward 1,inpatient,{(i < 9 ? 1 : 4)},sms,\"{comment}\",{consent}\n");
        }
        for (var i = 0; i < 3; i++) csv.Append($"{++id},2026-10-05,RZZ,RZZ01,Ward 2,inpatient,1,sms,,\n");
        for (var i = 0; i < 6; i++) csv.Append($"{++id},2026-10-06,RZZ,RZZ01,Ward 3,inpatient,2,sms,,\n");
        csv.Append($"{++id},2026-10-06,RYY,RYY01,Other Ward,inpatient,2,sms,,\n");
        using (var files = new TempFiles())
            await new FeedbackImporter(host.Database.Target).ImportAsync(files.Write("fft.csv", csv.ToString()), new ImportOptions());
        await using var db = host.Database.Context();
        var trust = await db.Trusts.Where(t => t.OdsCode == "RZZ").Select(t => t.Id).SingleAsync();
        var units = await db.Units.ToListAsync();
        var answers = await db.FeedbackAnswers.Where(a => a.Text != null).ToListAsync();
        var ward1 = units.Single(u => u.Name == "Ward 1");
        return (host, new Ids(trust, ward1.Id, units.Single(u => u.Name == "Ward 2").Id, units.Single(u => u.Name == "Ward 3").Id,
            units.Single(u => u.Name == "Other Ward").Id, ward1.Code,
            answers.Single(a => a.Text == Consented).Id, answers.Single(a => a.Text == NotConsented).Id,
            answers.Single(a => a.Text == Consented).FeedbackRecordId, answers.Single(a => a.Text == NotConsented).FeedbackRecordId));
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string pageUrl, string postUrl, Dictionary<string, string> fields)
    {
        var page = await client.GetAsync(pageUrl);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        fields["__RequestVerificationToken"] = await WebHost.AntiforgeryAsync(page);
        return await client.PostAsync(postUrl, new FormUrlEncodedContent(fields));
    }

    private static async Task<long> CreateDraftAsync(HttpClient client, string place, string title = "Someone to sit with you at night")
    {
        var created = await PostFormAsync(client, "/YouSaidWeDid/Create", "/YouSaidWeDid/Create", new()
        {
            ["Place"] = place, ["Title"] = title,
            ["YouSaid"] = "Patients told us nights felt lonely and long.", ["WeDid"] = "A volunteer now visits every evening from 7pm.",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        return long.Parse(created.Headers.Location!.OriginalString.Split('/')[^1]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Published_record_shows_on_the_public_page_with_only_consented_comments_redacted_and_vanishes_when_withdrawn(string provider)
    {
        var (host, ids) = await StartAsync(provider);
        await using var _ = host;
        await host.CreateUserAsync("px", Roles.PxAnalyst, (ScopeLevels.All, null));
        var client = await host.SignedInAsync("px");
        var anonymous = host.Client();
        var unitPage = YouSaidWeDidRecords.PublicLink("RZZ", ids.Ward1Code);

        var empty = await WebHost.ParseAsync(await anonymous.GetAsync(unitPage));
        Assert.Equal("Nothing published yet", empty.QuerySelector(".heard-empty-state h2")!.TextContent.Trim());

        var id = await CreateDraftAsync(client, $"u{ids.Ward1}");
        var details = $"/YouSaidWeDid/{id}";
        // The unconsented comment cannot be quoted; the consented one can, and so can words staff shortened it to.
        var refused = await PostFormAsync(client, details, details + "?handler=AddQuote", new() { ["CommentId"] = ids.NotConsentedFeedback.ToString() });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("did not agree", (await WebHost.ParseAsync(refused)).QuerySelector("#CommentId-error")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(client, details, details + "?handler=AddQuote", new() { ["CommentId"] = $"/feedback/{ids.ConsentedFeedback}" })).StatusCode);
        // Added directly, bypassing the check, to show that the public page filters on consent by itself.
        await using (var db = host.Database.Context())
        {
            db.YouSaidWeDidQuotes.Add(new YouSaidWeDidQuote { YouSaidWeDidRecordId = id, FeedbackAnswerId = ids.NotConsentedAnswer, Text = NotConsented, AddedAt = DateTime.UtcNow, AddedBy = "test" });
            await db.SaveChangesAsync();
        }

        // A draft is previewed for staff, not published.
        var preview = await WebHost.ParseAsync(await client.GetAsync(details));
        Assert.Contains(Redactor.Redact(Consented), preview.QuerySelector("#yswd-preview")!.TextContent);
        Assert.Empty((await WebHost.ParseAsync(await anonymous.GetAsync(unitPage))).QuerySelectorAll("[data-yswd-record]"));

        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(client, details, details + "?handler=Publish", [])).StatusCode);
        var response = await anonymous.GetAsync(unitPage);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"), "the public page sets no cookies");
        var html = await response.Content.ReadAsStringAsync();
        var page = await WebHost.ParseAsync(response);
        var record = Assert.Single(page.QuerySelectorAll("[data-yswd-record]"));
        Assert.Contains("Someone to sit with you at night", record.TextContent);
        var quote = Assert.Single(record.QuerySelectorAll(".yswd-quote"));
        Assert.Contains("[phone removed]", quote.TextContent);
        Assert.Contains(Redactor.Redact(Consented), quote.TextContent);
        Assert.DoesNotContain("07700 900123", html);
        Assert.DoesNotContain("food was cold", html);
        // The trust page lists it too, and links to the unit's page.
        var trustPage = await WebHost.ParseAsync(await anonymous.GetAsync(YouSaidWeDidRecords.PublicLink("RZZ")));
        Assert.Single(trustPage.QuerySelectorAll("[data-yswd-record]"));
        Assert.Equal(unitPage, trustPage.QuerySelector("#public-units a")!.GetAttribute("href"));
        var missing = await anonymous.GetAsync(YouSaidWeDidRecords.PublicLink("XXX"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("Page not found", (await WebHost.ParseAsync(missing)).QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(YouSaidWeDidRecords.PublicLink("RYY", ids.Ward1Code))).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(client, details, details + "?handler=Withdraw", [])).StatusCode);
        var after = await WebHost.ParseAsync(await anonymous.GetAsync(unitPage));
        Assert.Empty(after.QuerySelectorAll("[data-yswd-record]"));
        Assert.Empty((await WebHost.ParseAsync(await anonymous.GetAsync(YouSaidWeDidRecords.PublicLink("RZZ")))).QuerySelectorAll("[data-yswd-record]"));
        Assert.Equal("Withdrawn", (await WebHost.ParseAsync(await client.GetAsync(details))).QuerySelector("#yswd-status")!.TextContent.Trim());
        await using (var db = host.Database.Context())
            Assert.Equal(4, await db.AuditEntries.CountAsync(a => a.Entity == "you-said-we-did" && a.EntityId == id.ToString()));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Public_figures_hide_units_under_5_responses_and_the_next_smallest_unit(string provider)
    {
        var (host, ids) = await StartAsync(provider);
        await using var _ = host;
        await using var db = host.Database.Context();
        var codes = await db.Units.ToDictionaryAsync(u => u.Id, u => u.Code);
        var anonymous = host.Client();

        // By hand: Ward 1 12 responses, 9 very good: 75%. Trust 21 responses, 9 + 3 + 6 positive = 18: 86% (85.7 rounded).
        var ward1 = await WebHost.ParseAsync(await anonymous.GetAsync(YouSaidWeDidRecords.PublicLink("RZZ", codes[ids.Ward1])));
        Assert.Equal("12", ward1.QuerySelector("[data-figure=responses]")!.TextContent.Trim());
        Assert.Equal("75%", ward1.QuerySelector("[data-figure=positive]")!.TextContent.Trim());
        foreach (var hidden in new[] { ids.Ward2, ids.Ward3 })
        {
            var page = await WebHost.ParseAsync(await anonymous.GetAsync(YouSaidWeDidRecords.PublicLink("RZZ", codes[hidden])));
            Assert.Null(page.QuerySelector("[data-figure=responses]"));
            Assert.Contains("Fewer than 5 people", page.QuerySelector("#public-figures")!.TextContent);
        }
        var trust = await WebHost.ParseAsync(await anonymous.GetAsync(YouSaidWeDidRecords.PublicLink("RZZ")));
        Assert.Equal("21", trust.QuerySelector("[data-figure=responses]")!.TextContent.Trim());
        Assert.Equal("86%", trust.QuerySelector("[data-figure=positive]")!.TextContent.Trim());
        // The other trust has one response: suppressed at trust level too.
        var other = await WebHost.ParseAsync(await anonymous.GetAsync(YouSaidWeDidRecords.PublicLink("RYY")));
        Assert.Contains("Fewer than 5 people", other.QuerySelector("#public-figures")!.TextContent);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Only_staff_whose_scope_covers_a_record_may_change_it(string provider)
    {
        var (host, ids) = await StartAsync(provider);
        await using var _ = host;
        await host.CreateUserAsync("manager1", Roles.WardManager, (ScopeLevels.Unit, ids.Ward1));
        await host.CreateUserAsync("manager2", Roles.WardManager, (ScopeLevels.Unit, ids.Ward2));
        await host.CreateUserAsync("other", Roles.PxAdministrator, (ScopeLevels.Unit, ids.OtherTrustUnit));
        await host.CreateUserAsync("board", Roles.BoardMember, (ScopeLevels.Trust, ids.Trust));
        var manager1 = await host.SignedInAsync("manager1");
        var id = await CreateDraftAsync(manager1, $"u{ids.Ward1}");

        // A ward manager speaks for their ward, not the whole trust.
        var trustWide = await PostFormAsync(manager1, "/YouSaidWeDid/Create", "/YouSaidWeDid/Create", new()
        {
            ["Place"] = $"t{ids.Trust}", ["Title"] = "X", ["YouSaid"] = "Y", ["WeDid"] = "Z",
        });
        Assert.Equal(HttpStatusCode.OK, trustWide.StatusCode);
        Assert.NotNull((await WebHost.ParseAsync(trustWide)).QuerySelector("#Place-error"));

        // Another trust's administrator and another ward's manager: not found. A board member reads but may not change it.
        foreach (var name in new[] { "other", "manager2" })
        {
            var client = await host.SignedInAsync(name);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/YouSaidWeDid/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/YouSaidWeDid/{id}/Edit")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/you-said-we-did/units/{ids.Ward1}/poster.pdf")).StatusCode);
        }
        var board = await host.SignedInAsync("board");
        var read = await board.GetAsync($"/YouSaidWeDid/{id}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Null((await WebHost.ParseAsync(read)).QuerySelector("#publish"));
        var token = await WebHost.AntiforgeryAsync(await board.GetAsync("/YouSaidWeDid"));
        var publish = await board.PostAsync($"/YouSaidWeDid/{id}?handler=Publish", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, publish.StatusCode);
        Assert.Contains("Denied", publish.Headers.Location!.OriginalString);
        Assert.NotEqual(HttpStatusCode.OK, (await board.GetAsync($"/YouSaidWeDid/{id}/Edit")).StatusCode);
        await using var db = host.Database.Context();
        Assert.Equal(YouSaidWeDidStatuses.Draft, (await db.YouSaidWeDidRecords.SingleAsync()).Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Poster_is_a_one_page_A4_pdf_and_the_monthly_digest_is_sent_once(string provider)
    {
        var (host, ids) = await StartAsync(provider);
        await using var _ = host;
        var px = await host.CreateUserAsync("px", Roles.PxAdministrator, (ScopeLevels.Trust, ids.Trust));
        var client = await host.SignedInAsync("px");
        var id = await CreateDraftAsync(client, $"u{ids.Ward1}");
        await using (var db = host.Database.Context())
        {
            var user = await db.Users.SingleAsync(u => u.Id == px.Id);
            user.Email = "px@example.nhs.uk";
            var action = new ImprovementAction { TrustId = ids.Trust, UnitId = ids.Ward1, Title = "Evening volunteer rota", OwnerUserId = px.Id, DueOn = new DateOnly(2030, 1, 31), CreatedBy = "px", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
            db.ImprovementActions.Add(action);
            await db.SaveChangesAsync();
            db.YouSaidWeDidActions.Add(new YouSaidWeDidAction { YouSaidWeDidRecordId = id, ImprovementActionId = action.Id, AddedAt = DateTime.UtcNow, AddedBy = "px" });
            await db.SaveChangesAsync();
        }
        var details = $"/YouSaidWeDid/{id}";
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(client, details, details + "?handler=Publish", [])).StatusCode);

        var poster = await client.GetAsync($"/api/you-said-we-did/units/{ids.Ward1}/poster.pdf");
        Assert.Equal(HttpStatusCode.OK, poster.StatusCode);
        Assert.Equal("application/pdf", poster.Content.Headers.ContentType!.MediaType);
        var pdf = await poster.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF", Encoding.ASCII.GetString(pdf, 0, 4));
        using var read = PdfSharp.Pdf.IO.PdfReader.Open(new MemoryStream(pdf), PdfSharp.Pdf.IO.PdfDocumentOpenMode.Import);
        Assert.Equal(1, read.PageCount);
        Assert.Equal(595, read.Pages[0].Width.Point, 0);
        Assert.Equal(842, read.Pages[0].Height.Point, 0);

        var now = DateTime.UtcNow;
        var month = now.Year * 100 + now.Month;
        var config = new ConfigurationBuilder().Build();
        await using (var db = host.Database.Context())
        {
            var first = await MonthlyDigest.QueueAsync(db, config, month, now, CancellationToken.None);
            Assert.Equal((1, 1, 0), (first.Published, first.Queued, first.AlreadySent));
            var again = await MonthlyDigest.QueueAsync(db, config, month, now, CancellationToken.None);
            Assert.Equal((1, 0, 1), (again.Published, again.Queued, again.AlreadySent));
            var mail = await db.Notifications.SingleAsync();
            Assert.Equal("px@example.nhs.uk", mail.Recipient);
            Assert.StartsWith("<!DOCTYPE html", mail.HtmlBody);
            Assert.Contains("Someone to sit with you at night", mail.HtmlBody);
            Assert.Contains("Evening volunteer rota", mail.HtmlBody);
            Assert.Contains($"/Actions/", mail.HtmlBody);
            Assert.Contains("Someone to sit with you at night", mail.Body);
            Assert.DoesNotContain("<", mail.Body);
            var nothing = await MonthlyDigest.QueueAsync(db, config, 202001, now, CancellationToken.None);
            Assert.Equal(0, nothing.Queued);
        }
        // The action's page shows the record that reports on it.
        var actionPage = await WebHost.ParseAsync(await client.GetAsync($"/Actions/{(await host.Database.Context().ImprovementActions.SingleAsync()).Id}"));
        Assert.Contains("Someone to sit with you at night", actionPage.QuerySelector("#you-said-we-did-records")!.TextContent);
    }

    [Fact]
    public void The_monthly_digest_runs_on_the_first_of_the_month_for_the_month_just_ended()
    {
        var seven = new TimeOnly(7, 0);
        Assert.Equal(new DateTime(2026, 12, 1, 7, 0, 0), MonthlyDigestScheduler.NextRun(new DateTime(2026, 11, 29, 22, 0, 0), seven));
        Assert.Equal(new DateTime(2026, 12, 1, 7, 0, 0), MonthlyDigestScheduler.NextRun(new DateTime(2026, 12, 1, 6, 59, 0), seven));
        Assert.Equal(new DateTime(2027, 1, 1, 7, 0, 0), MonthlyDigestScheduler.NextRun(new DateTime(2026, 12, 1, 7, 0, 0), seven));
        Assert.Equal(202611, MonthlyDigestScheduler.MonthBefore(new DateTime(2026, 12, 1, 7, 0, 0)));
        Assert.Equal(202612, MonthlyDigestScheduler.MonthBefore(new DateTime(2027, 1, 1, 7, 0, 0)));
    }
}
