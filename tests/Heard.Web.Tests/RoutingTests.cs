using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Heard.Data.Model;
using Heard.Web.Features.Import;
using Heard.Web.Features.Routing;
using Heard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Heard.Web.Tests;

public sealed class RoutingTests
{
    private const string Food = "Food & drink provision & facilities";
    private const string Header = "response_id,date,trust_code,site_code,unit,setting,answer,mode,comment,consent_to_contact,contact_email\n";

    // Stored before any rule exists: rules apply to what arrives after them, and these name the wards.
    private const string Seed = Header +
        "100,2026-09-01,RZZ,RZZ01,Ward 1,inpatient,1,sms,Seed row,,\n" +
        "101,2026-09-01,RZZ,RZZ01,Ward 2,inpatient,1,sms,Seed row,,\n";

    private const string ColdFood = "The food was cold and the meals were tasteless every day";
    private const string Rude = "The staff were rude and dismissive and nobody listened to me at all. Awful";
    private const string Kind = "Wonderful kind nurses. Thank you so much for everything";
    private const string Parking = "Parking was impossible and I drove round for an hour";
    private const string Arrived = Header +
        $"1,2026-09-03,RZZ,RZZ01,Ward 1,inpatient,5,sms,{ColdFood},yes,pat@example.org\n" +
        $"2,2026-09-04,RZZ,RZZ01,Ward 1,inpatient,5,sms,{Rude},no,\n" +
        $"3,2026-09-05,RZZ,RZZ01,Ward 2,inpatient,1,sms,{Kind},yes,\n" +
        $"4,2026-09-06,RZZ,RZZ01,Ward 2,inpatient,4,sms,{Parking},,\n";

    private const string ComplaintFood = "Complaint: my father's meal was left out of reach";
    private const string Complaints = "reference,date,trust_code,site_code,unit,description\n" +
        $"C-1,2026-09-07,RZZ,RZZ01,Ward 2,{ComplaintFood}\n";

    private sealed record Setup(WebHost Host, TempFiles Files, int TrustId, int Ward1, int Ward2, int CateringId) : IAsyncDisposable
    {
        public FeedbackRouter Router => Host.App.Services.GetRequiredService<FeedbackRouter>();

        public async Task ImportAsync(string name, string csv, string kind = ImportKinds.Fft) =>
            await new FeedbackImporter(Host.Database.Target).ImportAsync(Files.Write(name, csv), new ImportOptions { Kind = kind });

        public async Task<int> RuleAsync(string name, Action<RoutingRule> set)
        {
            await using var db = Host.Database.Context();
            var rule = new RoutingRule { TrustId = TrustId, Name = name, CreatedAt = DateTime.UtcNow };
            set(rule);
            db.RoutingRules.Add(rule);
            await db.SaveChangesAsync();
            return rule.Id;
        }

        /// <summary>Routed comments by target key, as their texts.</summary>
        public async Task<Dictionary<string, List<string>>> RoutedAsync()
        {
            await using var db = Host.Database.Context();
            var rows = await (from i in db.RoutedItems join a in db.FeedbackAnswers on i.FeedbackAnswerId equals a.Id
                              select new { i.TargetKey, a.Text }).ToListAsync();
            return rows.Where(r => r.Text != "Seed row").GroupBy(r => r.TargetKey)
                .ToDictionary(g => g.Key, g => g.Select(r => r.Text!).Order(StringComparer.Ordinal).ToList());
        }

        public async ValueTask DisposeAsync()
        {
            Files.Dispose();
            await Host.DisposeAsync();
        }
    }

    /// <summary>Two wards of RZZ stored, a Catering team (with a mailbox and one member) and Ward 1's manager.</summary>
    private static async Task<Setup> StartAsync(string provider)
    {
        var host = await WebHost.StartAsync(provider);
        var files = new TempFiles();
        await new FeedbackImporter(host.Database.Target).ImportAsync(files.Write("seed.csv", Seed), new ImportOptions());
        int trustId, ward1, ward2, catering;
        await using (var db = host.Database.Context())
        {
            trustId = await db.Trusts.Where(t => t.OdsCode == "RZZ").Select(t => t.Id).SingleAsync();
            ward1 = await db.Units.Where(u => u.Name == "Ward 1").Select(u => u.Id).SingleAsync();
            ward2 = await db.Units.Where(u => u.Name == "Ward 2").Select(u => u.Id).SingleAsync();
            var team = new Team { TrustId = trustId, Name = "Catering", Email = "catering@example.nhs.uk", CreatedAt = DateTime.UtcNow };
            db.Teams.Add(team);
            await db.SaveChangesAsync();
            catering = team.Id;
        }
        var cook = await host.CreateUserAsync("cook", Roles.WardManager, (ScopeLevels.Trust, trustId));
        await host.CreateUserAsync("wm1", Roles.WardManager, (ScopeLevels.Unit, ward1));
        await host.CreateUserAsync("wm2", Roles.WardManager, (ScopeLevels.Unit, ward2));
        await using (var db = host.Database.Context())
        {
            db.TeamMembers.Add(new TeamMember { TeamId = catering, UserId = cook.Id, AddedAt = DateTime.UtcNow });
            (await db.Users.SingleAsync(u => u.UserName == "wm1")).Email = "wm1@example.nhs.uk";
            await db.SaveChangesAsync();
        }
        return new Setup(host, files, trustId, ward1, ward2, catering);
    }

    private static async Task<string> PersonKeyAsync(Setup s, string userName)
    {
        await using var db = s.Host.Database.Context();
        return RoutingTargets.Key(RoutingTargets.Person, await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Food_comments_go_to_Catering_and_the_ward_manager_once_with_one_email_each(string provider)
    {
        await using var s = await StartAsync(provider);
        await s.RuleAsync("Food to Catering", r => { r.Theme = Food; r.TargetTeamId = s.CateringId; r.TargetWardManager = true; });
        // A second rule to the same team must not send the same comment twice.
        await s.RuleAsync("Meals to Catering", r => { r.Keyword = "meal"; r.TargetTeamId = s.CateringId; });

        await s.ImportAsync("arrived.csv", Arrived);
        await s.Router.RunOnceAsync(catchUp: false, CancellationToken.None);
        // The next pass reads nothing (the mark has moved past what was read); the daily catch-up reads again but routes nothing twice.
        Assert.Equal(new FeedbackRouter.Pass(0, 0, 0), await s.Router.RunOnceAsync(catchUp: false, CancellationToken.None));
        var catchUp = await s.Router.RunOnceAsync(catchUp: true, CancellationToken.None);
        Assert.Equal(0, catchUp.Routed);

        await using var db = s.Host.Database.Context();
        var coldFood = await db.FeedbackAnswers.SingleAsync(a => a.Text == ColdFood);
        Assert.Contains(Food, await db.CommentCodes.Where(c => c.FeedbackAnswerId == coldFood.Id).Select(c => c.Label).ToListAsync());
        var routed = await s.RoutedAsync();
        Assert.Equal([ColdFood], routed[RoutingTargets.Key(RoutingTargets.Team, s.CateringId)]);
        Assert.Equal([ColdFood], routed[RoutingTargets.Key(RoutingTargets.WardManager, s.Ward1)]);
        Assert.Equal(2, routed.Count);
        var items = await db.RoutedItems.Where(i => i.FeedbackAnswerId == coldFood.Id).ToListAsync();
        Assert.All(items, i => Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow), DateOnly.FromDateTime(i.RoutedAt)));
        Assert.All(items, i => Assert.NotNull(i.NotifiedAt));
        var firstRule = await db.RoutingRules.Where(r => r.Name == "Food to Catering").Select(r => r.Id).SingleAsync();
        Assert.All(items, i => Assert.Equal(firstRule, i.RoutingRuleId));

        var mail = await db.Notifications.OrderBy(n => n.Recipient).ToListAsync();
        Assert.Equal(["catering@example.nhs.uk", "wm1@example.nhs.uk"], mail.Select(n => n.Recipient));
        Assert.All(mail, n => Assert.DoesNotContain("cold", n.Body, StringComparison.OrdinalIgnoreCase));
        Assert.Contains("Ward 1: 1", mail[0].Body, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Rules_match_on_theme_unit_keyword_source_and_sentiment(string provider)
    {
        await using var s = await StartAsync(provider);
        foreach (var name in new[] { "theme", "unit", "keyword", "source", "negative", "positive", "combined" })
            await s.Host.CreateUserAsync(name, Roles.PxAnalyst, (ScopeLevels.All, null));
        string Id(string userName) { using var db = s.Host.Database.Context(); return db.Users.Single(u => u.UserName == userName).Id; }
        await s.RuleAsync("theme", r => { r.Theme = "Environment, equipment & catering"; r.TargetUserId = Id("theme"); });
        await s.RuleAsync("unit", r => { r.UnitId = s.Ward2; r.TargetUserId = Id("unit"); });
        await s.RuleAsync("keyword", r => { r.Keyword = "MEALS"; r.TargetUserId = Id("keyword"); });
        await s.RuleAsync("source", r => { r.Source = FeedbackSources.Complaint; r.TargetUserId = Id("source"); });
        await s.RuleAsync("negative", r => { r.Sentiment = SentimentBands.Negative; r.TargetUserId = Id("negative"); });
        await s.RuleAsync("positive", r => { r.Sentiment = SentimentBands.Positive; r.TargetUserId = Id("positive"); });
        await s.RuleAsync("combined", r => { r.UnitId = s.Ward2; r.Keyword = "meal"; r.Source = FeedbackSources.Complaint; r.TargetUserId = Id("combined"); });
        await s.RuleAsync("switched off", r => { r.IsActive = false; r.TargetUserId = Id("combined"); });

        await s.ImportAsync("arrived.csv", Arrived);
        await s.ImportAsync("complaints.csv", Complaints, "complaint");
        await s.Router.RunOnceAsync(catchUp: false, CancellationToken.None);

        var routed = await s.RoutedAsync();
        List<string> To(string user) => routed.GetValueOrDefault(PersonKeyAsync(s, user).Result, []);
        Assert.Contains(ColdFood, To("theme"));
        Assert.DoesNotContain(Rude, To("theme"));
        Assert.Equal(new[] { ComplaintFood, Kind, Parking }.Order(StringComparer.Ordinal), To("unit"));
        // "MEALS" matched by stem and ignoring case: "meals" and "meal".
        Assert.Equal(new[] { ComplaintFood, ColdFood }.Order(StringComparer.Ordinal), To("keyword"));
        Assert.Equal([ComplaintFood], To("source"));
        Assert.Equal([ComplaintFood], To("combined"));

        // Sentiment bands against what the model stored: negative is 4-5, positive 1-2.
        await using var db = s.Host.Database.Context();
        var sentiments = await db.FeedbackAnswers.Where(a => a.Text != null && a.Text != "Seed row").ToDictionaryAsync(a => a.Text!, a => a.Sentiment);
        Assert.True(sentiments[Rude] >= 4, $"the rude comment scored {sentiments[Rude]}");
        Assert.True(sentiments[Kind] <= 2, $"the kind comment scored {sentiments[Kind]}");
        Assert.Equal(sentiments.Where(p => p.Value is 4 or 5).Select(p => p.Key).Order(StringComparer.Ordinal), To("negative"));
        Assert.Equal(sentiments.Where(p => p.Value is 1 or 2).Select(p => p.Key).Order(StringComparer.Ordinal), To("positive"));
    }

    [Fact]
    public async Task OpenApi_document_describes_the_routing_and_reply_endpoints()
    {
        await using var host = await WebHost.StartAsync("sqlite");
        var doc = await host.Client().GetStringAsync("/openapi/v1.json");
        foreach (var operation in new[] { "ListRoutingRules", "CreateRoutingRule", "ListRoutedToMe", "AcknowledgeRoutedComment", "ListReviewReplies" })
            Assert.Contains(operation, doc, StringComparison.Ordinal);
    }

    [Fact]
    public void Keywords_match_whole_words_by_stem_ignoring_case()
    {
        Assert.True(RoutingMatch.ContainsKeyword("We WAITED for hours", "waiting"));
        Assert.True(RoutingMatch.ContainsKeyword("The meals were cold", "meal cold"));
        Assert.False(RoutingMatch.ContainsKeyword("The meals were hot", "meal cold"));
        Assert.False(RoutingMatch.ContainsKeyword("Oatmeal porridge", "meal"));
        Assert.False(RoutingMatch.ContainsKeyword("anything", "  ,, "));
    }

    private static async Task<List<JsonElement>> InboxAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/routed");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_inbox_holds_the_users_own_teams_and_wards_items_only_and_only_a_target_acknowledges(string provider)
    {
        await using var s = await StartAsync(provider);
        await s.Host.CreateUserAsync("px", Roles.PxAdministrator, (ScopeLevels.All, null));
        await s.RuleAsync("Food to Catering", r => { r.Theme = Food; r.TargetTeamId = s.CateringId; r.TargetWardManager = true; });
        await s.ImportAsync("arrived.csv", Arrived);
        await s.Router.RunOnceAsync(catchUp: false, CancellationToken.None);

        var cook = await s.Host.SignedInAsync("cook");
        var wm1 = await s.Host.SignedInAsync("wm1");
        var wm2 = await s.Host.SignedInAsync("wm2");
        var px = await s.Host.SignedInAsync("px");
        var cookItems = await InboxAsync(cook);
        var item = Assert.Single(cookItems);
        Assert.Equal("Catering", item.GetProperty("targetName").GetString());
        Assert.Equal(ColdFood, item.GetProperty("comment").GetString());
        Assert.True(item.GetProperty("redacted").GetBoolean());
        Assert.Equal("Ward manager of Ward 1", Assert.Single(await InboxAsync(wm1)).GetProperty("targetName").GetString());
        Assert.Empty(await InboxAsync(wm2));
        Assert.Empty(await InboxAsync(px));

        // Neither another ward's manager nor the PX team can acknowledge for Catering.
        var id = item.GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.NotFound, (await wm2.PostAsync($"/api/routed/{id}/acknowledge", JsonContent.Create(new { note = "x" }))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await px.PostAsync($"/api/routed/{id}/acknowledge", null)).StatusCode);

        // Routing history: visible to a target outside the ward's scope, and to those who can see the ward.
        Assert.Equal(HttpStatusCode.OK, (await cook.GetAsync($"/feedback/{item.GetProperty("feedbackId").GetInt64()}/routing")).StatusCode);
        var history = await WebHost.ParseAsync(await px.GetAsync($"/feedback/{item.GetProperty("feedbackId").GetInt64()}/routing"));
        var rows = history.QuerySelectorAll("tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains(rows, r => r.Contains("Catering", StringComparison.Ordinal) && r.Contains("Food to Catering", StringComparison.Ordinal) && r.Contains("Waiting", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await wm2.GetAsync($"/feedback/{item.GetProperty("feedbackId").GetInt64()}/routing")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_member_acknowledges_for_the_team_with_a_note_and_can_undo_it(string provider)
    {
        await using var s = await StartAsync(provider);
        await s.RuleAsync("Food to Catering", r => { r.Theme = Food; r.TargetTeamId = s.CateringId; });
        await s.ImportAsync("arrived.csv", Arrived);
        await s.Router.RunOnceAsync(catchUp: false, CancellationToken.None);
        var cook = await s.Host.SignedInAsync("cook");
        var id = Assert.Single(await InboxAsync(cook)).GetProperty("id").GetInt64();

        Assert.Equal(HttpStatusCode.NoContent, (await cook.PostAsync($"/api/routed/{id}/acknowledge", JsonContent.Create(new { note = "Passed to the kitchen" }))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await cook.PostAsync($"/api/routed/{id}/acknowledge", null)).StatusCode);
        var acknowledged = Assert.Single(await InboxAsync(cook));
        Assert.Equal("cook", acknowledged.GetProperty("acknowledgedBy").GetString());
        Assert.Equal("Passed to the kitchen", acknowledged.GetProperty("note").GetString());

        var page = await cook.GetAsync("/Routing");
        var doc = await WebHost.ParseAsync(page);
        Assert.Contains("Acknowledged by cook", doc.QuerySelector($"#routed-{id}")!.TextContent, StringComparison.Ordinal);
        var undo = await cook.PostAsync("/Routing?handler=Undo", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["__RequestVerificationToken"] = await WebHost.AntiforgeryAsync(page),
        }));
        Assert.Equal(HttpStatusCode.Redirect, undo.StatusCode);
        var waiting = Assert.Single(await InboxAsync(cook));
        Assert.Equal(JsonValueKind.Null, waiting.GetProperty("acknowledgedAt").ValueKind);

        await using var db = s.Host.Database.Context();
        var audit = await db.AuditEntries.Where(a => a.Entity == "routed-item").OrderBy(a => a.Id).Select(a => a.Detail).ToListAsync();
        Assert.Equal(["acknowledged", "acknowledgement by cook undone"], audit);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Rules_API_adds_a_rule_for_administrators_only_and_says_what_is_wrong(string provider)
    {
        await using var s = await StartAsync(provider);
        await s.Host.CreateUserAsync("px", Roles.PxAdministrator, (ScopeLevels.All, null));
        var px = await s.Host.SignedInAsync("px");
        var cook = await s.Host.SignedInAsync("cook");

        var created = await px.PostAsJsonAsync("/api/routing/rules", new { trustId = s.TrustId, name = "Food to Catering", theme = Food, targetTeamId = s.CateringId, targetWardManager = true });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var bad = await px.PostAsJsonAsync("/api/routing/rules", new { trustId = s.TrustId, name = "", sentiment = "grumpy", source = "fax" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["name", "source", "sentiment", "targets"], errors.EnumerateObject().Select(e => e.Name));
        Assert.Equal(HttpStatusCode.Forbidden, (await cook.GetAsync("/api/routing/rules")).StatusCode);

        var rules = (await px.GetFromJsonAsync<JsonElement>("/api/routing/rules")).EnumerateArray().ToList();
        var rule = Assert.Single(rules);
        Assert.Equal($"theme is {Food}", rule.GetProperty("conditions").GetString());
        Assert.Equal("Catering and the unit's ward manager", rule.GetProperty("targets").GetString());
    }
}
