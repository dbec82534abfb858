using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Heard.Data.Model;
using Heard.Web.Features.Alerts;
using Heard.Web.Features.Import;
using Heard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Heard.Web.Tests;

/// <summary>Early warnings on seeded months: evaluation, no duplicates, the inbox's actions, scope and the digest, on both databases.</summary>
public sealed class EarlyWarningTests
{
    internal sealed record Ids(int Trust, int Ward1, int Ward2, string Manager1, string Manager2, string Px);

    /// <summary>
    /// Ward 1 deteriorates: ten FFT answers a month from January 2025 to January 2026, eight or nine very good in turn for
    /// twelve months, then two. By hand (as on the SPC page): mean 80%, mR_bar 15, lower limit 80 − 39.9 = 40.1%, so
    /// January 2026's 20% is a special cause of concern; nothing else moves (no negative answers, ten every month).
    /// Ward 2 is steady: ten very good answers every month. Each ward has a manager; the trust has a PX analyst.
    /// </summary>
    internal static async Task<(WebHost Host, Ids Ids)> StartAsync(string provider)
    {
        var host = await WebHost.StartAsync(provider);
        var csv = new StringBuilder(Seeding.FftHeader);
        var id = 0;
        Seeding.AppendDeterioratingMonths(csv, "Ward 1", ref id);
        for (var month = 0; month < 13; month++)
            for (var i = 0; i < 10; i++) csv.Append($"{++id},{new DateOnly(2025, 1, 10).AddMonths(month):yyyy-MM-dd},RZZ,RZZ01,Ward 2,inpatient,1,sms\n");
        await host.ImportCsvAsync(csv.ToString());
        var trustId = await host.TrustIdAsync();
        var units = await host.UnitIdsAsync(trustId);
        var (ward1, ward2) = (units["Ward 1"], units["Ward 2"]);
        var manager1 = await host.CreateUserAsync("manager1", Roles.WardManager, (ScopeLevels.Unit, ward1));
        var manager2 = await host.CreateUserAsync("manager2", Roles.WardManager, (ScopeLevels.Unit, ward2));
        var px = await host.CreateUserAsync("px", Roles.PxAnalyst, (ScopeLevels.Trust, trustId));
        await host.CreateUserAsync("boss", Roles.PxAdministrator, (ScopeLevels.All, null));
        await using (var db = host.Database.Context())
        {
            (await db.Users.SingleAsync(u => u.Id == manager1.Id)).Email = "ward1.manager@example.nhs.uk";
            await db.SaveChangesAsync();
        }
        return (host, new Ids(trustId, ward1, ward2, manager1.Id, manager2.Id, px.Id));
    }

    private static async Task<EvaluationSummary> EvaluateAsync(WebHost host)
    {
        await using var db = host.Database.Context();
        return await EarlyWarningEvaluation.RunAsync(db, CancellationToken.None);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Evaluation_raises_the_deteriorating_wards_alert_once_with_its_evidence_and_owner(string provider)
    {
        var (host, ids) = await StartAsync(provider);
        await using var _ = host;

        var first = await EvaluateAsync(host);
        var second = await EvaluateAsync(host);

        Assert.Equal((2, 1, 0, 202601), (first.Units, first.Raised, first.AlreadyRaised, first.Month));
        Assert.Equal((0, 1), (second.Raised, second.AlreadyRaised));
        await using var db = host.Database.Context();
        var alert = await db.EarlyWarningAlerts.SingleAsync();
        Assert.Equal(("spc-concern", "fft-positive", "", 202601, ids.Ward1), (alert.Kind, alert.Metric, alert.Theme, alert.Month, alert.UnitId));
        Assert.Equal("% positive fell below the lower process limit (40.1%) in January 2026: 20.0%", alert.Explanation);
        Assert.Equal(40.1, alert.Reference, 9);
        Assert.Equal(ids.Manager1, alert.OwnerUserId);
        var evidence = JsonSerializer.Deserialize<List<EvidenceLink>>(alert.Evidence)!;
        Assert.Contains(evidence, e => e.Href == $"/Spc?unit={ids.Ward1}&metric=fft-positive");
        Assert.Contains(evidence, e => e.Href == $"/Comments?unit={ids.Ward1}&from=2026-01-01&to=2026-01-31&source=fft");
        Assert.Contains(evidence, e => e.Href == $"/Comments?unit={ids.Ward1}&from=2026-01-01&to=2026-01-31&answer=5");

        // The links lead somewhere: the chart and the comments load for the owner.
        var client = await host.SignedInAsync("manager1");
        foreach (var link in evidence) Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(link.Href)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Administrators_evaluate_through_the_api_and_owners_list_their_alerts(string provider)
    {
        var (host, ids) = await StartAsync(provider);
        await using var _ = host;
        var admin = await host.SignedInAsync("boss");
        var manager = await host.SignedInAsync("manager1");

        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsync("/api/alerts/evaluate", null)).StatusCode);
        var response = await admin.PostAsync("/api/alerts/evaluate", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("raised").GetInt32());
        var again = await (await admin.PostAsync("/api/alerts/evaluate", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, again.GetProperty("raised").GetInt32());

        var list = await manager.GetFromJsonAsync<JsonElement>("/api/alerts");
        var alert = Assert.Single(list.EnumerateArray());
        Assert.Equal("2026-01", alert.GetProperty("month").GetString());
        Assert.Equal("new", alert.GetProperty("status").GetString());
        Assert.Equal("manager1", alert.GetProperty("ownerName").GetString());
        Assert.Equal(ids.Ward1, alert.GetProperty("unitId").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, (await manager.GetAsync("/api/alerts?kind=weather")).StatusCode);
        Assert.Empty((await manager.GetFromJsonAsync<JsonElement>("/api/alerts?kind=cluster")).EnumerateArray());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_owner_acknowledges_resolves_with_a_note_and_reopens_and_each_is_audited(string provider)
    {
        var (host, _) = await StartAsync(provider);
        await using var __ = host;
        await EvaluateAsync(host);
        long id;
        await using (var db = host.Database.Context()) id = await db.EarlyWarningAlerts.Select(a => a.Id).SingleAsync();
        var client = await host.SignedInAsync("manager1");

        var page = await client.GetAsync("/Alerts");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var doc = await WebHost.ParseAsync(page);
        var card = doc.QuerySelector($"#alert-{id}")!;
        Assert.Contains("% positive fell below the lower process limit (40.1%) in January 2026: 20.0%", card.TextContent);
        Assert.Equal("new", card.GetAttribute("data-status"));
        Assert.NotNull(doc.QuerySelector("label[for=Note-" + id + "]"));
        var token = await WebHost.AntiforgeryAsync(await client.GetAsync("/Alerts"));
        FormUrlEncodedContent Form(params (string, string)[] fields) =>
            new(fields.Append(("__RequestVerificationToken", token)).ToDictionary(f => f.Item1, f => f.Item2));

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync("/Alerts?handler=Acknowledge", Form(("id", $"{id}")))).StatusCode);
        var noNote = await client.PostAsync("/Alerts?handler=Resolve", Form(("id", $"{id}"), ("note", "  ")));
        Assert.Equal(HttpStatusCode.OK, noNote.StatusCode);
        Assert.Contains("Enter what was done about this alert", (await WebHost.ParseAsync(noNote)).QuerySelector(".nhsuk-error-summary")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync("/Alerts?handler=Resolve", Form(("id", $"{id}"), ("note", "Two nurses off sick; bank staff booked")))).StatusCode);

        await using (var db = host.Database.Context())
        {
            var alert = await db.EarlyWarningAlerts.SingleAsync();
            Assert.Equal(("manager1", "manager1", "Two nurses off sick; bank staff booked"), (alert.AcknowledgedBy, alert.ResolvedBy, alert.ResolutionNote));
            Assert.NotNull(alert.ResolvedAt);
        }
        // Resolved alerts leave the default (open) list, and show under resolved with Reopen.
        Assert.Null((await WebHost.ParseAsync(await client.GetAsync("/Alerts"))).QuerySelector($"#alert-{id}"));
        Assert.NotNull((await WebHost.ParseAsync(await client.GetAsync("/Alerts?status=resolved"))).QuerySelector($"#alert-{id} button"));

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync("/Alerts?handler=Reopen", Form(("id", $"{id}")))).StatusCode);
        await using (var db = host.Database.Context())
        {
            var alert = await db.EarlyWarningAlerts.SingleAsync();
            Assert.Null(alert.ResolvedAt);
            Assert.Null(alert.ResolutionNote);
            Assert.NotNull(alert.AcknowledgedAt);
            var audit = await db.AuditEntries.Where(e => e.Entity == "early-warning-alert").OrderBy(e => e.Id).Select(e => e.Detail!).ToListAsync();
            Assert.Equal(3, audit.Count);
            Assert.StartsWith("acknowledged", audit[0]);
            Assert.StartsWith("resolved", audit[1]);
            Assert.Contains("Two nurses off sick", audit[2]);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Another_wards_manager_neither_sees_nor_acts_on_the_alert_nor_is_given_it(string provider)
    {
        var (host, ids) = await StartAsync(provider);
        await using var _ = host;
        await EvaluateAsync(host);
        long id;
        await using (var db = host.Database.Context()) id = await db.EarlyWarningAlerts.Select(a => a.Id).SingleAsync();

        var other = await host.SignedInAsync("manager2");
        Assert.Empty((await other.GetFromJsonAsync<JsonElement>("/api/alerts?status=all")).EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/alerts/{id}/acknowledge", null)).StatusCode);
        var page = await WebHost.ParseAsync(await other.GetAsync("/Alerts"));
        Assert.Null(page.QuerySelector($"#alert-{id}"));
        Assert.Contains("No open alerts", page.QuerySelector("main")?.TextContent ?? page.Body!.TextContent);
        var token = await WebHost.AntiforgeryAsync(await other.GetAsync("/Alerts"));
        var post = await other.PostAsync("/Alerts?handler=Acknowledge", new FormUrlEncodedContent(new Dictionary<string, string> { ["id"] = $"{id}", ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);

        // The PX analyst sees it, may not give it to manager2 (who cannot see Ward 1), and may take it themself.
        var px = await host.SignedInAsync("px");
        var pxToken = await WebHost.AntiforgeryAsync(await px.GetAsync("/Alerts"));
        FormUrlEncodedContent Reassign(string owner) => new(new Dictionary<string, string> { ["id"] = $"{id}", ["owner"] = owner, ["__RequestVerificationToken"] = pxToken });
        var refused = await px.PostAsync("/Alerts?handler=Reassign", Reassign(ids.Manager2));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Choose someone who can see this unit", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await px.PostAsync("/Alerts?handler=Reassign", Reassign(ids.Px))).StatusCode);
        await using (var db = host.Database.Context()) Assert.Equal(ids.Px, (await db.EarlyWarningAlerts.SingleAsync()).OwnerUserId);

        // Patient partners have no inbox.
        await host.CreateUserAsync("partner", Roles.PatientPartner, (ScopeLevels.Unit, ids.Ward1));
        var partner = await host.SignedInAsync("partner");
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.GetAsync("/api/alerts")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_daily_digest_is_written_to_the_outbox_folder_with_new_then_still_open_alerts(string provider)
    {
        var (host, _) = await StartAsync(provider);
        await using var __ = host;
        await EvaluateAsync(host);
        using var files = new TempFiles();
        var pickup = files.Path_("outbox");
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Heard:Mail:PickupDirectory"] = pickup, ["Heard:PublicUrl"] = "https://heard.example.nhs.uk/",
        }).Build();
        await using var db = host.Database.Context();

        var first = await EarlyWarningDigest.SendAsync(db, config, new DateTime(2026, 2, 3, 6, 0, 0, DateTimeKind.Utc), CancellationToken.None);

        Assert.Equal((1, 1), first);
        var eml = await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(pickup, "*.eml")));
        Assert.Contains("To: ward1.manager@example.nhs.uk", eml);
        Assert.Contains("Subject: Heard: 1 new and 0 open early warning", eml);
        Assert.Contains("New (1):", eml);
        Assert.Contains("Ward 1: % positive fell below the lower process limit (40.1%) in January 2026: 20.0%", eml);
        Assert.Contains("https://heard.example.nhs.uk/Alerts", eml);
        var alert = await db.EarlyWarningAlerts.AsNoTracking().SingleAsync();
        Assert.NotNull(alert.NotifiedAt);

        // The next morning it is still open, not new.
        var second = await EarlyWarningDigest.SendAsync(db, config, new DateTime(2026, 2, 4, 6, 0, 0, DateTimeKind.Utc), CancellationToken.None);
        Assert.Equal((1, 1), second);
        var next = Directory.GetFiles(pickup, "*.eml").Select(File.ReadAllText).Single(t => t != eml);
        Assert.Contains("Still open (1):", next);
        Assert.DoesNotContain("New (", next);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_finished_import_makes_the_running_app_evaluate(string provider)
    {
        var (host, _) = await StartAsync(provider);
        await using var __ = host;

        host.App.Services.GetRequiredService<ImportCompletions>().Completed();

        for (var i = 0; i < 100; i++)
        {
            await using var db = host.Database.Context();
            if (await db.EarlyWarningAlerts.AnyAsync()) return;
            await Task.Delay(100);
        }
        Assert.Fail("no alert was raised within 10 seconds of the import finishing");
    }

    [Fact]
    public void The_daily_run_is_the_next_time_of_day_after_now()
    {
        var at = new TimeOnly(6, 0);
        Assert.Equal(new DateTime(2026, 11, 29, 6, 0, 0), EarlyWarningScheduler.NextRun(new DateTime(2026, 11, 29, 5, 59, 0), at));
        Assert.Equal(new DateTime(2026, 11, 30, 6, 0, 0), EarlyWarningScheduler.NextRun(new DateTime(2026, 11, 29, 6, 0, 0), at));
    }
}

/// <summary>./heard alerts evaluate, on both databases.</summary>
[Collection("console")]
public sealed class EarlyWarningCliTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_command_raises_the_alert_once(string provider)
    {
        var (host, _) = await EarlyWarningTests.StartAsync(provider);
        await using var __ = host;

        var first = await CliRunner.Run("alerts", "evaluate", "--database", host.Database.Setting);
        var second = await CliRunner.Run("alerts", "evaluate", "--database", host.Database.Setting);

        Assert.Equal(0, first.Code);
        Assert.Equal("raised=1 already=0", CliRunner.LastLine(first.Out));
        Assert.Contains("latest month 2026-01", first.Out);
        Assert.Equal("raised=0 already=1", CliRunner.LastLine(second.Out));
        Assert.Equal(2, (await CliRunner.Run("alerts", "--database", host.Database.Setting)).Code);
    }
}
