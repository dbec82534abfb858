using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Heard.Data.Model;
using Heard.Web.Features.Import;
using Heard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Tests;

public sealed class ResponseTests
{
    private const string Fft = "response_id,date,trust_code,site_code,unit,setting,answer,mode,comment,consent_to_contact,contact_email\n" +
        "1,2026-09-03,RZZ,RZZ01,Ward 1,inpatient,5,sms,The food was cold,yes,pat@example.org\n" +
        "2,2026-09-04,RZZ,RZZ01,Ward 1,inpatient,5,sms,Nobody answered the call bell,no,kept@example.org\n";

    private const string Reviews = "reference,date,trust_code,site_code,unit,review\n" +
        "R-77,2026-09-05,RZZ,RZZ01,Ward 1,Two stars. The car park was full and the signs were confusing\n";

    private static async Task<(WebHost Host, long Consented, long NotConsented, long Review)> StartAsync(string provider)
    {
        var host = await WebHost.StartAsync(provider);
        using (var files = new TempFiles())
        {
            await new FeedbackImporter(host.Database.Target).ImportAsync(files.Write("fft.csv", Fft), new ImportOptions());
            await new FeedbackImporter(host.Database.Target).ImportAsync(files.Write("reviews.csv", Reviews), new ImportOptions { Kind = "review" });
        }
        await host.CreateUserAsync("px", Roles.PxAdministrator, (ScopeLevels.All, null));
        await host.CreateUserAsync("px2", Roles.PxAdministrator, (ScopeLevels.All, null));
        await host.CreateUserAsync("analyst", Roles.PxAnalyst, (ScopeLevels.All, null));
        await host.CreateUserAsync("wm", Roles.WardManager, (ScopeLevels.All, null));
        await using var db = host.Database.Context();
        var ids = await db.Feedback.ToDictionaryAsync(f => f.ExternalId ?? "", f => f.Id);
        return (host, ids["1"], ids["2"], ids["R-77"]);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, Dictionary<string, string> form)
    {
        var page = await client.GetAsync(url.Split('?')[0]);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        form["__RequestVerificationToken"] = await WebHost.AntiforgeryAsync(page);
        return await client.PostAsync(url, new FormUrlEncodedContent(form));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_reply_is_emailed_only_to_a_person_who_consented_to_contact(string provider)
    {
        var (host, consented, notConsented, _) = await StartAsync(provider);
        await using var _host = host;
        var analyst = await host.SignedInAsync("analyst");

        var sent = await PostAsync(analyst, $"/feedback/{consented}/reply?handler=Send", new() { ["Body"] = "Thank you. We have spoken to the kitchen." });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);

        var refusedPage = await WebHost.ParseAsync(await analyst.GetAsync($"/feedback/{notConsented}/reply"));
        Assert.Contains("did not consent to contact", refusedPage.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Null(refusedPage.QuerySelector("textarea"));
        var refused = await PostAsync(analyst, $"/feedback/{notConsented}/reply?handler=Send", new() { ["Body"] = "Sorry" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("did not consent to contact", (await WebHost.ParseAsync(refused)).QuerySelector(".nhsuk-error-summary")!.TextContent, StringComparison.Ordinal);

        // A ward manager may not use contact details, so is told who can reply instead.
        var wm = await host.SignedInAsync("wm");
        var wmPage = await WebHost.ParseAsync(await wm.GetAsync($"/feedback/{consented}/reply"));
        Assert.DoesNotContain("pat@example.org", wmPage.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        await using var db = host.Database.Context();
        var mail = Assert.Single(await db.Notifications.ToListAsync());
        Assert.Equal("pat@example.org", mail.Recipient);
        Assert.Contains("spoken to the kitchen", mail.Body, StringComparison.Ordinal);
        var reply = Assert.Single(await db.FeedbackReplies.ToListAsync());
        Assert.Equal((consented, ReplyKinds.Email, ReplyStatuses.Sent, "analyst", mail.Id), (reply.FeedbackRecordId, reply.Kind, reply.Status, reply.WrittenBy, reply.NotificationId));
        Assert.Contains(await db.AuditEntries.Where(a => a.Entity == "contact-detail").Select(a => a.Detail).ToListAsync(), d => d == "used the email address to send a reply");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_review_reply_is_published_only_after_a_second_administrator_approves_it(string provider)
    {
        var (host, consented, _, review) = await StartAsync(provider);
        await using var _host = host;
        var px = await host.SignedInAsync("px");
        var px2 = await host.SignedInAsync("px2");
        var analyst = await host.SignedInAsync("analyst");

        // Only online reviews get public replies.
        var notReview = await PostAsync(px, $"/feedback/{consented}/reply?handler=Draft", new() { ["Body"] = "Public" });
        Assert.Equal(HttpStatusCode.OK, notReview.StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(px, $"/feedback/{review}/reply?handler=Draft", new() { ["Body"] = "We are sorry about the parking and have new signs." })).StatusCode);
        long replyId;
        await using (var db = host.Database.Context()) replyId = (await db.FeedbackReplies.SingleAsync()).Id;
        var approve = new Dictionary<string, string> { ["replyId"] = replyId.ToString(CultureInfo.InvariantCulture) };
        Assert.Empty((await analyst.GetFromJsonAsync<JsonElement>("/api/review-replies?status=approved")).EnumerateArray());

        // The writer cannot approve their own reply, nor can an analyst.
        var own = await PostAsync(px, $"/feedback/{review}/reply?handler=Approve", new(approve));
        Assert.Contains("someone else must approve", (await WebHost.ParseAsync(own)).QuerySelector(".nhsuk-error-summary")!.TextContent, StringComparison.Ordinal);
        var byAnalyst = await PostAsync(analyst, $"/feedback/{review}/reply?handler=Approve", new(approve));
        Assert.Contains("Your role cannot do this", (await WebHost.ParseAsync(byAnalyst)).QuerySelector(".nhsuk-error-summary")!.TextContent, StringComparison.Ordinal);
        await using (var db = host.Database.Context()) Assert.Equal(ReplyStatuses.Draft, (await db.FeedbackReplies.SingleAsync()).Status);

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(px2, $"/feedback/{review}/reply?handler=Approve", new(approve))).StatusCode);

        var exported = Assert.Single((await analyst.GetFromJsonAsync<JsonElement>("/api/review-replies?status=approved")).EnumerateArray());
        Assert.Equal("R-77", exported.GetProperty("reviewReference").GetString());
        Assert.Equal("We are sorry about the parking and have new signs.", exported.GetProperty("reply").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await analyst.GetAsync("/api/review-replies?status=draft")).StatusCode);
        var reviewPage = await WebHost.ParseAsync(await analyst.GetAsync($"/feedback/{review}"));
        Assert.Contains("We are sorry about the parking", reviewPage.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Approved for publishing by px2", reviewPage.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        await using (var db = host.Database.Context())
        {
            var reply = await db.FeedbackReplies.SingleAsync();
            Assert.Equal((ReplyStatuses.Approved, "px", "px2"), (reply.Status, reply.WrittenBy, reply.ApprovedBy));
            Assert.Empty(await db.Notifications.ToListAsync());
        }
    }
}
