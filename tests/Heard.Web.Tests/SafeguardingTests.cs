using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Heard.Data.Model;
using Heard.Web.Features.Import;
using Heard.Web.Features.Safeguarding;
using Heard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Heard.Web.Tests;

public sealed class SafeguardingTests
{
    private const string Header = "response_id,date,trust_code,site_code,unit,setting,answer,mode,comment\n";

    private const string Benign = Header +
        "1,2026-09-03,RZZ,RZZ01,Ward 1,inpatient,1,sms,The staff were killing it and I was dying to go home\n" +
        "2,2026-09-04,RZZ,RZZ01,Ward 2,inpatient,1,sms,No abuse at all and I was not neglected\n" +
        "3,2026-09-05,RYY,RYY01,Ward 9,inpatient,2,sms,The pain killers worked\n";

    private const string Concerning = Header +
        "10,2026-09-10,RZZ,RZZ01,Ward 1,inpatient,5,sms,My mum was left in soiled sheets for hours. Ring me on 07700 900123\n" +
        "11,2026-09-11,RZZ,RZZ01,Ward 2,inpatient,1,sms,Clean ward and kind nurses\n";

    private sealed record Setup(WebHost Host, TempFiles Files, string ConcerningPath, HeardUser Lead) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Files.Dispose();
            await Host.DisposeAsync();
        }
    }

    /// <summary>A benign file, then a division lead named as RZZ's safeguarding lead, then a file with one concerning comment.</summary>
    private static async Task<Setup> StartAsync(string provider)
    {
        var host = await WebHost.StartAsync(provider);
        var files = new TempFiles();
        await new FeedbackImporter(host.Database.Target).ImportAsync(files.Write("benign.csv", Benign), new ImportOptions());
        int trustId;
        await using (var db = host.Database.Context())
        {
            Assert.Empty(await db.SafeguardingAlerts.ToListAsync());
            trustId = await db.Trusts.Where(t => t.OdsCode == "RZZ").Select(t => t.Id).SingleAsync();
        }
        var lead = await host.CreateUserAsync("lead", Roles.DivisionLead, (ScopeLevels.Unit, -1));
        await using (var db = host.Database.Context())
        {
            var trust = await db.Trusts.SingleAsync(t => t.Id == trustId);
            trust.SafeguardingLeadUserId = lead.Id;
            var user = await db.Users.SingleAsync(u => u.Id == lead.Id);
            user.Email = "safeguarding.lead@example.nhs.uk";
            await db.SaveChangesAsync();
        }
        var path = files.Write("concerning.csv", Concerning);
        await new FeedbackImporter(host.Database.Target).ImportAsync(path, new ImportOptions());
        return new Setup(host, files, path, lead);
    }

    private static async Task<List<JsonElement>> AlertsAsync(HttpClient client, string query = "")
    {
        var response = await client.GetAsync("/api/safeguarding/alerts" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_concerning_comment_raises_one_alert_routed_to_the_named_lead_and_importing_again_raises_no_other(string provider)
    {
        await using var s = await StartAsync(provider);

        await new FeedbackImporter(s.Host.Database.Target).ImportAsync(s.ConcerningPath, new ImportOptions());

        await using var db = s.Host.Database.Context();
        var alert = Assert.Single(await db.SafeguardingAlerts.ToListAsync());
        Assert.Equal(("neglect", "medium", "left in soiled"), (alert.Category, alert.Severity, alert.MatchedText));
        Assert.Equal(s.Lead.Id, alert.LeadUserId);
        Assert.Equal("Ward 1", await db.Units.Where(u => u.Id == alert.UnitId).Select(u => u.Name).SingleAsync());
        Assert.Null(alert.AcknowledgedAt);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_lead_is_emailed_the_same_day_through_the_pickup_folder_without_the_comment(string provider)
    {
        await using var s = await StartAsync(provider);
        var pickup = s.Files.Path_("pickup");
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Heard:Mail:PickupDirectory"] = pickup }).Build();
        var notifier = new SafeguardingNotifier(s.Host.Database.Target, config, NullLogger<SafeguardingNotifier>.Instance);

        var first = await notifier.RunOnceAsync(CancellationToken.None);
        var second = await notifier.RunOnceAsync(CancellationToken.None);

        Assert.Equal((1, 1), first);
        Assert.Equal((0, 0), second);
        var eml = await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(pickup, "*.eml")));
        Assert.Contains("To: safeguarding.lead@example.nhs.uk", eml);
        Assert.Contains("Neglect: 1", eml);
        Assert.DoesNotContain("soiled", eml);
        await using var db = s.Host.Database.Context();
        Assert.NotNull((await db.Notifications.SingleAsync()).SentAt);
        Assert.NotNull((await db.SafeguardingAlerts.SingleAsync()).NotifiedAt);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Acknowledging_and_closing_record_who_and_when_and_are_audited(string provider)
    {
        await using var s = await StartAsync(provider);
        var lead = await s.Host.SignedInAsync("lead");
        var id = (await AlertsAsync(lead)).Single().GetProperty("id").GetInt64();

        Assert.Contains("1 safeguarding alert waiting to be acknowledged", await lead.GetStringAsync("/"));
        Assert.Equal(HttpStatusCode.NoContent, (await lead.PostAsync($"/api/safeguarding/alerts/{id}/acknowledge", null)).StatusCode);
        Assert.DoesNotContain("waiting to be acknowledged", await lead.GetStringAsync("/"));

        var page = await lead.GetAsync("/Safeguarding");
        var token = await WebHost.AntiforgeryAsync(page);
        var closed = await lead.PostAsync("/Safeguarding?handler=Close", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["id"] = id.ToString(), ["outcome"] = SafeguardingAlerts.Outcomes[0], ["note"] = "Raised with the ward sister", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);

        await using var db = s.Host.Database.Context();
        var alert = await db.SafeguardingAlerts.SingleAsync();
        Assert.Equal(("lead", "lead"), (alert.AcknowledgedBy, alert.ClosedBy));
        Assert.True(alert.AcknowledgedAt > DateTime.UtcNow.AddMinutes(-5) && alert.AcknowledgedAt <= alert.ClosedAt);
        Assert.Equal((SafeguardingAlerts.Outcomes[0], "Raised with the ward sister"), (alert.Outcome, alert.Note));
        var audit = await db.AuditEntries.Where(e => e.Entity == "safeguarding-alert" && e.EntityId == id.ToString()).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(["lead acknowledged neglect alert", "lead closed neglect alert: " + SafeguardingAlerts.Outcomes[0]],
            audit.Select(e => $"{e.UserName} {e.Detail}"));
        Assert.Empty(await AlertsAsync(lead));
        Assert.Single(await AlertsAsync(lead, "?status=all"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Alerts_are_scoped_and_the_comment_is_redacted_for_roles_without_clearance(string provider)
    {
        await using var s = await StartAsync(provider);
        int ward1, ward9, otherTrust;
        await using (var db = s.Host.Database.Context())
        {
            ward1 = await db.Units.Where(u => u.Name == "Ward 1").Select(u => u.Id).SingleAsync();
            ward9 = await db.Units.Where(u => u.Name == "Ward 9").Select(u => u.Id).SingleAsync();
            otherTrust = await db.Trusts.Where(t => t.OdsCode == "RYY").Select(t => t.Id).SingleAsync();
        }
        await s.Host.CreateUserAsync("ward1", Roles.WardManager, (ScopeLevels.Unit, ward1));
        await s.Host.CreateUserAsync("ward9", Roles.WardManager, (ScopeLevels.Unit, ward9));
        await s.Host.CreateUserAsync("elsewhere", Roles.PxAnalyst, (ScopeLevels.Trust, otherTrust));
        await s.Host.CreateUserAsync("px", Roles.PxAnalyst, (ScopeLevels.All, null));

        // Ward managers are not cleared for alerts, in scope or not; the other trust's analyst sees none of RZZ's.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await s.Host.SignedInAsync("ward9")).GetAsync("/api/safeguarding/alerts")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await s.Host.SignedInAsync("ward1")).GetAsync("/api/safeguarding/alerts")).StatusCode);
        var elsewhere = await s.Host.SignedInAsync("elsewhere");
        Assert.Empty(await AlertsAsync(elsewhere));
        Assert.DoesNotContain("soiled", await elsewhere.GetStringAsync("/Safeguarding"));
        var id = (await AlertsAsync(await s.Host.SignedInAsync("px"))).Single().GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.PostAsync($"/api/safeguarding/alerts/{id}/acknowledge", null)).StatusCode);

        // The lead (a division lead, not cleared for identifiable data) sees the phone number hidden; the analyst sees it, audited.
        var leadView = (await AlertsAsync(await s.Host.SignedInAsync("lead"))).Single();
        Assert.Equal("My mum was left in soiled sheets for hours. Ring me on [phone removed]", leadView.GetProperty("comment").GetString());
        Assert.True(leadView.GetProperty("redacted").GetBoolean());
        var pxView = (await AlertsAsync(await s.Host.SignedInAsync("px"))).Single();
        Assert.Equal("My mum was left in soiled sheets for hours. Ring me on 07700 900123", pxView.GetProperty("comment").GetString());
        await using var check = s.Host.Database.Context();
        Assert.Equal(2, await check.AuditEntries.CountAsync(e => e.Entity == "safeguarding-alert" && e.Action == "read-identifiable" && e.UserName == "px"));
        Assert.Equal(0, await check.AuditEntries.CountAsync(e => e.Entity == "safeguarding-alert" && e.Action == "read-identifiable" && e.UserName == "lead"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_comment_sent_through_the_provider_api_raises_an_alert_like_an_imported_one(string provider)
    {
        await using var host = await WebHost.StartAsync(provider);
        var org = await CollectionFixtures.OrganisationAsync(host.Database);
        var (_, key) = await CollectionFixtures.ApiKeyAsync(host.Database, org.TrustId);
        var client = host.Client();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        var today = Heard.Web.Features.Collection.CollectionDates.TodayInEngland().ToString("yyyy-MM-dd");
        var body = $$"""{ "provider_reference": "SMS-9", "unit_code": "W01", "date": "{{today}}", "mode": "sms", "answer": "5", "comments": { "why": "I have been feeling sucidal and nobody asked" } }""";

        var response = await client.PostAsync("/api/collection/responses", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        await using var db = host.Database.Context();
        var alert = Assert.Single(await db.SafeguardingAlerts.ToListAsync());
        Assert.Equal(("suicide", "high", "sucidal", org.Ward1), (alert.Category, alert.Severity, alert.MatchedText, alert.UnitId));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_administrator_names_a_trusts_lead_and_open_alerts_follow_them(string provider)
    {
        await using var s = await StartAsync(provider);
        var deputy = await s.Host.CreateUserAsync("deputy", Roles.WardManager, (ScopeLevels.Unit, -1));
        await s.Host.CreateUserAsync("pxadmin", Roles.PxAdministrator, (ScopeLevels.All, null));
        var admin = await s.Host.SignedInAsync("pxadmin");
        int trustId;
        await using (var db = s.Host.Database.Context())
            trustId = await db.Trusts.Where(t => t.OdsCode == "RZZ").Select(t => t.Id).SingleAsync();
        var deputyClient = await s.Host.SignedInAsync("deputy");
        Assert.Equal(HttpStatusCode.Forbidden, (await deputyClient.GetAsync("/api/safeguarding/alerts")).StatusCode);

        var page = await admin.GetAsync("/Safeguarding/Leads");
        var saved = await admin.PostAsync("/Safeguarding/Leads", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["trustId"] = trustId.ToString(), ["leadUserId"] = deputy.Id, ["__RequestVerificationToken"] = await WebHost.AntiforgeryAsync(page),
        }));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using var check = s.Host.Database.Context();
        Assert.Equal(deputy.Id, (await check.Trusts.SingleAsync(t => t.Id == trustId)).SafeguardingLeadUserId);
        Assert.Equal(deputy.Id, (await check.SafeguardingAlerts.SingleAsync()).LeadUserId);
        Assert.Contains(await check.AuditEntries.Where(e => e.Entity == "trust" && e.UserName == "pxadmin").Select(e => e.Detail).ToListAsync(),
            d => d!.Contains("safeguarding lead") && d.Contains("deputy"));
        // The new lead sees the trust's alert at once, though their own scope holds no unit.
        Assert.Single(await AlertsAsync(deputyClient));
    }
}
