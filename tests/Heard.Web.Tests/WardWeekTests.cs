using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Heard.Data.Model;
using Heard.Web.Features.Import;
using Heard.Web.Features.Ward;
using Heard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Heard.Web.Tests;

public sealed class WardWeekTests
{
    // The week of Monday 23 November 2026. Ward 1 has six months of answers before it, so its chart has a usual range.
    private const string Week = "2026-11-23";

    private static string Fft()
    {
        var csv = new StringBuilder("response_id,date,trust_code,site_code,unit,setting,answer,mode,comment\n");
        var id = 100;
        for (var month = 5; month <= 10; month++)
            for (var i = 0; i < 20; i++)
                csv.Append($"{id++},2026-{month:D2}-{1 + i:D2},RZZ,RZZ01,Ward 1,inpatient,{(i < 16 ? 1 : 4)},sms,\n");
        csv.Append("1,2026-11-24,RZZ,RZZ01,Ward 1,inpatient,1,sms,The nurses were wonderful and so kind\n");
        csv.Append("2,2026-11-25,RZZ,RZZ01,Ward 1,inpatient,4,sms,Nobody answered the buzzer; ring me on 07700 900123\n");
        csv.Append("3,2026-11-29,RZZ,RZZ01,Ward 1,inpatient,2,sms,The food was cold again\n");
        csv.Append("4,2026-11-26,RZZ,RZZ01,Ward 1,inpatient,1,sms,\n");
        csv.Append("5,2026-11-20,RZZ,RZZ01,Ward 1,inpatient,1,sms,Last week the porters were brilliant\n");
        csv.Append("6,2026-11-16,RZZ,RZZ01,Ward 1,inpatient,1,sms,A comment from two weeks before\n");
        csv.Append("7,2026-11-24,RZZ,RZZ01,Ward 2,inpatient,1,sms,Ward 2 staff were lovely\n");
        csv.Append("8,2026-11-24,RYY,RYY01,Ward 9,inpatient,1,sms,The other trust was lovely\n");
        return csv.ToString();
    }

    internal sealed record Setup(WebHost Host, int Ward1, int Ward2, int Ward9, long OpenAlert, long ResolvedAlert, long OtherWardAlert,
        long Overdue, long DueSoon, long DueLater, long Done) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Host.DisposeAsync();
    }

    internal static async Task<Setup> StartAsync(string provider)
    {
        var host = await WebHost.StartAsync(provider);
        using (var files = new TempFiles())
            await new FeedbackImporter(host.Database.Target).ImportAsync(files.Write("fft.csv", Fft()), new ImportOptions());
        await using var db = host.Database.Context();
        var units = await db.Units.ToDictionaryAsync(u => u.Name, u => u);
        var (ward1, ward2, ward9) = (units["Ward 1"], units["Ward 2"], units["Ward 9"]);
        var manager = await host.CreateUserAsync("manager", Roles.WardManager, (ScopeLevels.Unit, ward1.Id));
        await host.CreateUserAsync("px", Roles.PxAnalyst, (ScopeLevels.All, null));
        await host.CreateUserAsync("other-manager", Roles.WardManager, (ScopeLevels.Unit, ward9.Id));
        await db.Users.Where(u => u.Id == manager.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.Email, "manager@example.nhs.uk"));

        // Sentiment as the coding would set it, fixed here so the test does not depend on the model.
        foreach (var a in await db.FeedbackAnswers.Where(a => a.Text != null).ToListAsync())
            a.Sentiment = a.Text!.Contains("wonderful") || a.Text.Contains("brilliant") || a.Text.Contains("lovely") ? 1 : 4;

        EarlyWarningAlert Alert(Unit u, string metric, DateTime? resolved) => new()
        {
            TrustId = u.TrustId, UnitId = u.Id, Kind = "spc-concern", Metric = metric, Month = 202610,
            Explanation = $"{u.Name}: {metric} fell below its lower limit", Evidence = "[]", RaisedAt = new DateTime(2026, 11, 2, 6, 0, 0, DateTimeKind.Utc),
            ResolvedAt = resolved, ResolvedBy = resolved is null ? null : "px", ResolutionNote = resolved is null ? null : "Staffing restored",
        };
        var open = Alert(ward1, "fft-positive", null);
        var resolvedAlert = Alert(ward1, "fft-negative", DateTime.UtcNow);
        var other = Alert(ward2, "fft-positive", null);
        db.EarlyWarningAlerts.AddRange(open, resolvedAlert, other);

        ImprovementAction Action(string title, string status, DateOnly due) => new()
        {
            TrustId = ward1.TrustId, UnitId = ward1.Id, Title = title, OwnerUserId = manager.Id, DueOn = due, Status = status,
            CreatedAt = DateTime.UtcNow, CreatedBy = "manager", UpdatedAt = DateTime.UtcNow,
        };
        var overdue = Action("Answer buzzers within two minutes", ActionStatuses.Open, new DateOnly(2026, 11, 25));
        var dueSoon = Action("Hot food trolleys on every bay", ActionStatuses.InProgress, new DateOnly(2026, 12, 10));
        var dueLater = Action("Quiet hours at night", ActionStatuses.Open, new DateOnly(2027, 3, 1));
        var done = Action("New visiting times", ActionStatuses.Done, new DateOnly(2026, 11, 20));
        db.ImprovementActions.AddRange(overdue, dueSoon, dueLater, done);
        await db.SaveChangesAsync();
        return new Setup(host, ward1.Id, ward2.Id, ward9.Id, open.Id, resolvedAlert.Id, other.Id, overdue.Id, dueSoon.Id, dueLater.Id, done.Id);
    }

    private static async Task<IHtmlDocument> PageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await WebHost.ParseAsync(response);
    }

    private static List<string> Texts(IHtmlDocument doc, string selector) =>
        doc.QuerySelectorAll(selector).Select(e => e.TextContent.Trim()).ToList();

    private static string Figure(IHtmlDocument doc, string name) =>
        doc.QuerySelector($"[data-figure={name}]")?.TextContent.Trim() ?? throw new InvalidOperationException($"no figure {name}");

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Each_section_of_the_week_shows_only_its_own_items(string provider)
    {
        await using var s = await StartAsync(provider);
        var manager = await s.Host.SignedInAsync("manager");
        var doc = await PageAsync(manager, $"/ward/{s.Ward1}/week?week={Week}");

        Assert.Equal("23 to 29 November 2026", doc.QuerySelector("#week-label")!.TextContent.Trim());
        // This week's comments only: not the week before, not the week after, not Ward 2's or the other trust's.
        Assert.Equal(["The food was cold again", "Nobody answered the buzzer; ring me on [phone removed]", "The nurses were wonderful and so kind"],
            Texts(doc, "#week-comments .nhsuk-card p.nhsuk-u-margin-bottom-1:not(.nhsuk-body-s)"));
        // Praise is the positive comments.
        Assert.Equal(["The nurses were wonderful and so kind"], Texts(doc, "#week-praise .nhsuk-card p.nhsuk-u-margin-bottom-1:not(.nhsuk-body-s)"));
        // Four FFT answers this week, three of them positive: 75%.
        Assert.Equal("4", Figure(doc, "week-responses"));
        Assert.Equal("75%", Figure(doc, "week-positive"));
        Assert.Matches(@"^\d+% to \d+% \(average 80%\)$", Figure(doc, "usual-range"));
        // Open alerts for this ward only.
        var alerts = doc.QuerySelectorAll("#week-alerts a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal([$"/Alerts?unit={s.Ward1}#alert-{s.OpenAlert}"], alerts);
        // Actions overdue or due within 14 days of the week, live ones only; overdue marked.
        var actions = doc.QuerySelectorAll("#week-actions tbody tr").ToList();
        Assert.Equal([$"/Actions/{s.Overdue}", $"/Actions/{s.DueSoon}"], actions.Select(r => r.QuerySelector("a")!.GetAttribute("href")).ToList());
        Assert.Contains("Overdue", actions[0].TextContent);
        Assert.DoesNotContain("Overdue", actions[1].TextContent);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_quiet_week_shows_an_empty_state_for_every_section(string provider)
    {
        await using var s = await StartAsync(provider);
        var px = await s.Host.SignedInAsync("px");
        var doc = await PageAsync(px, $"/ward/{s.Ward9}/week?week=2026-10-05");

        Assert.Equal(["score", "comments", "praise", "alerts", "actions"],
            doc.QuerySelectorAll("[data-empty]").Select(e => e.GetAttribute("data-empty")!).ToList());
        // The latest feedback is offered instead.
        Assert.Contains(doc.QuerySelectorAll("[data-empty=comments] a"), a => a.GetAttribute("href") == $"/ward/{s.Ward9}/week?week=2026-11-18");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Comments_are_redacted_for_a_ward_manager_and_unredacted_reads_are_audited(string provider)
    {
        await using var s = await StartAsync(provider);
        var manager = await PageAsync(await s.Host.SignedInAsync("manager"), $"/ward/{s.Ward1}/week?week={Week}");
        Assert.Contains("[phone removed]", manager.QuerySelector("#week-comments")!.TextContent);
        Assert.DoesNotContain("07700 900123", manager.DocumentElement.OuterHtml);

        var px = await PageAsync(await s.Host.SignedInAsync("px"), $"/ward/{s.Ward1}/week?week={Week}");
        Assert.Contains("07700 900123", px.QuerySelector("#week-comments")!.TextContent);

        await using var db = s.Host.Database.Context();
        var audited = await db.AuditEntries.Where(a => a.Action == "read-identifiable").Select(a => new { a.UserName, a.Detail }).ToListAsync();
        Assert.Equal("px", Assert.Single(audited, a => a.Detail!.StartsWith("ward week")).UserName);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Another_trusts_ward_manager_gets_not_found_for_the_week_and_its_digest(string provider)
    {
        await using var s = await StartAsync(provider);
        var other = await s.Host.SignedInAsync("other-manager");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/ward/{s.Ward1}/week")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/ward/{s.Ward1}/digest?week={Week}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync($"/ward/{s.Ward9}/week")).StatusCode);
        // Their "My ward this week" goes straight to their one ward.
        var mine = await other.GetAsync("/ward/week");
        Assert.Equal(HttpStatusCode.Redirect, mine.StatusCode);
        Assert.Equal($"/ward/{s.Ward9}/week", mine.Headers.Location!.OriginalString);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_digest_email_is_written_to_the_outbox_folder_with_the_figures_of_the_page(string provider)
    {
        await using var s = await StartAsync(provider);
        var pickup = Directory.CreateTempSubdirectory("heard-ward-digest-").FullName;
        try
        {
            var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Heard:Mail:PickupDirectory"] = pickup, ["Heard:PublicUrl"] = "https://heard.example.nhs.uk/",
            }).Build();
            var week = new WardWeek(new DateOnly(2026, 11, 23));
            await using (var db = s.Host.Database.Context())
            {
                var (summary, delivered) = await WardDigest.SendAsync(db, config, week, new DateTime(2026, 11, 30, 7, 0, 0, DateTimeKind.Utc), default);
                Assert.Equal((2, 1, 0, 1), (summary.Units, summary.Queued, summary.AlreadySent, delivered));
                // Sent once per manager, unit and week.
                var again = await WardDigest.SendAsync(db, config, week, new DateTime(2026, 11, 30, 8, 0, 0, DateTimeKind.Utc), default);
                Assert.Equal((0, 1, 0), (again.Summary.Queued, again.Summary.AlreadySent, again.Delivered));
            }

            var eml = await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(pickup, "*.eml")));
            Assert.Contains("To: manager@example.nhs.uk", eml);
            Assert.Contains("Subject: Heard: Ward 1, week of 23 to 29 November 2026", eml);
            Assert.Contains("Content-Type: multipart/alternative", eml);
            var email = new HtmlParser().ParseDocument(Eml.Part(eml, "text/html"));
            var page = await PageAsync(await s.Host.SignedInAsync("manager"), $"/ward/{s.Ward1}/week?week={Week}");

            foreach (var figure in new[] { "week-responses", "week-positive", "usual-range" })
                Assert.Equal(Figure(page, figure), Figure(email, figure));
            Assert.Equal(page.QuerySelector("[data-reading]")!.GetAttribute("data-reading"), email.QuerySelector("[data-reading]")!.GetAttribute("data-reading"));
            Assert.Equal(Texts(page, "#week-comments .nhsuk-card p.nhsuk-u-margin-bottom-1:not(.nhsuk-body-s)"),
                email.QuerySelectorAll("#comments li").Select(li => li.ChildNodes[0].TextContent.Trim()).ToList());
            Assert.Equal(Texts(page, "#week-praise .nhsuk-card p.nhsuk-u-margin-bottom-1:not(.nhsuk-body-s)"),
                email.QuerySelectorAll("#praise li").Select(li => li.ChildNodes[0].TextContent.Trim()).ToList());
            Assert.Equal(page.QuerySelectorAll("#week-alerts li").Length, email.QuerySelectorAll("#alerts li").Length);
            Assert.Equal(Texts(page, "#week-actions tbody th"), Texts(email, "#actions tbody th"));
            Assert.Contains("https://heard.example.nhs.uk/ward/", email.DocumentElement.OuterHtml);
            Assert.Contains("Nobody answered the buzzer", Eml.Part(eml, "text/plain"));

            // Staff preview the same email in Heard.
            var preview = await PageAsync(await s.Host.SignedInAsync("px"), $"/ward/{s.Ward1}/digest?week={Week}");
            Assert.Equal(Figure(email, "usual-range"), Figure(preview, "usual-range"));
            Assert.Contains("[phone removed]", preview.QuerySelector("#comments")!.TextContent);
        }
        finally
        {
            Directory.Delete(pickup, true);
        }
    }

}

/// <summary><c>./heard digest weekly</c> and the Monday schedule.</summary>
[Collection("console")]
public sealed class WardDigestCliTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Digest_weekly_queues_each_managers_digest_once_per_week(string provider)
    {
        await using var s = await WardWeekTests.StartAsync(provider);

        var first = await CliRunner.Run("digest", "weekly", "--week", "2026-11-23", "--database", s.Host.Database.Setting);
        var second = await CliRunner.Run("digest", "weekly", "--week", "2026-11-23", "--database", s.Host.Database.Setting);

        Assert.Equal(0, first.Code);
        // No mail settings in the environment: the outbox waits.
        Assert.Equal("queued=1 already=0 delivered=0", CliRunner.LastLine(first.Out));
        Assert.Equal("queued=0 already=1 delivered=0", CliRunner.LastLine(second.Out));
        await using var db = s.Host.Database.Context();
        var queued = await db.Notifications.SingleAsync();
        Assert.Equal("Heard: Ward 1, week of 23 to 29 November 2026", queued.Subject);
        Assert.StartsWith("<!DOCTYPE html>", queued.HtmlBody);
        Assert.Equal(2, (await CliRunner.Run("digest", "weekly", "--week", "23/11/2026", "--database", s.Host.Database.Setting)).Code);
        Assert.Equal(2, (await CliRunner.Run("digest", "--database", s.Host.Database.Setting)).Code);
    }

    [Fact]
    public void Mondays_digest_covers_the_whole_week_that_ended_the_day_before()
    {
        Assert.Equal(new DateOnly(2026, 11, 23), WardWeek.LastWholeWeekBefore(new DateOnly(2026, 11, 30)).From);
        Assert.Equal(new DateOnly(2026, 11, 23), WardWeek.LastWholeWeekBefore(new DateOnly(2026, 12, 6)).From);
        Assert.Equal(new DateOnly(2026, 11, 29), WardWeek.LastWholeWeekBefore(new DateOnly(2026, 11, 30)).To);
        Assert.Equal(new DateOnly(2026, 11, 23), WardWeek.EndingOn(new DateOnly(2026, 11, 29)).From);
    }

    [Fact]
    public void The_digest_runs_next_on_the_first_monday_at_its_time_after_now()
    {
        var seven = new TimeOnly(7, 0);
        Assert.Equal(new DateTime(2026, 11, 30, 7, 0, 0), Heard.Web.Features.Ward.WardDigestScheduler.NextRun(new DateTime(2026, 11, 29, 22, 0, 0), seven));
        Assert.Equal(new DateTime(2026, 11, 30, 7, 0, 0), Heard.Web.Features.Ward.WardDigestScheduler.NextRun(new DateTime(2026, 11, 30, 6, 59, 0), seven));
        Assert.Equal(new DateTime(2026, 12, 7, 7, 0, 0), Heard.Web.Features.Ward.WardDigestScheduler.NextRun(new DateTime(2026, 11, 30, 7, 0, 0), seven));
    }
}
