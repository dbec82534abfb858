using Heard.Data.Model;
using Heard.Web.Features.Actions;
using Heard.Web.Features.Import;
using Heard.Web.Features.Safeguarding;
using Heard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Heard.Web.Tests;

/// <summary>A clock the test moves by hand (the Microsoft.Extensions.TimeProvider.Testing package is not needed for this).</summary>
public sealed class FakeClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;
    public override DateTimeOffset GetUtcNow() => Now;
    public void Set(int year, int month, int day, int hour = 9) => Now = new DateTimeOffset(year, month, day, hour, 0, 0, TimeSpan.Zero);
}

/// <summary>Reminders before, on and after the due date, and escalation, on a clock the test controls.</summary>
public sealed class ActionReminderTests
{
    private sealed record Setup(WebHost Host, long ActionId, long DoneId, long NoLeadId, FakeClock Clock, ActionReminders Reminders, string Pickup) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try { Directory.Delete(Pickup, true); } catch (IOException) { }
            await Host.DisposeAsync();
        }
    }

    /// <summary>
    /// Ward 1 in division Medicine, with a division lead for it (and one for Surgery, who must hear nothing); Ward 2 in no
    /// division. Actions due 30 June 2030: one open on Ward 1, one done on Ward 1, one open on Ward 2.
    /// </summary>
    private static async Task<Setup> StartAsync(string provider)
    {
        var host = await WebHost.StartAsync(provider);
        using (var files = new TempFiles())
            await new FeedbackImporter(host.Database.Target).ImportAsync(files.Write("fft.csv",
                "response_id,date,trust_code,site_code,unit,setting,answer,mode\n1,2026-09-03,RZZ,RZZ01,Ward 1,inpatient,1,sms\n2,2026-09-03,RZZ,RZZ01,Ward 2,inpatient,1,sms\n"), new ImportOptions());
        int ward1, ward2, medicine, surgery;
        await using (var db = host.Database.Context())
        {
            var trust = await db.Trusts.SingleAsync(t => t.OdsCode == "RZZ");
            var m = new Division { TrustId = trust.Id, Name = "Medicine" };
            var s = new Division { TrustId = trust.Id, Name = "Surgery" };
            db.Divisions.AddRange(m, s);
            await db.SaveChangesAsync();
            var units = await db.Units.ToListAsync();
            units.Single(u => u.Name == "Ward 1").DivisionId = m.Id;
            await db.SaveChangesAsync();
            (ward1, ward2, medicine, surgery) = (units.Single(u => u.Name == "Ward 1").Id, units.Single(u => u.Name == "Ward 2").Id, m.Id, s.Id);
        }
        var owner = await host.CreateUserAsync("owner", Roles.WardManager, (ScopeLevels.Unit, ward1), (ScopeLevels.Unit, ward2));
        var lead = await host.CreateUserAsync("medicine-lead", Roles.DivisionLead, (ScopeLevels.Division, medicine));
        var other = await host.CreateUserAsync("surgery-lead", Roles.DivisionLead, (ScopeLevels.Division, surgery));
        long actionId, doneId, noLeadId;
        await using (var db = host.Database.Context())
        {
            foreach (var (id, email) in new[] { (owner.Id, "owner@example.nhs.uk"), (lead.Id, "medicine.lead@example.nhs.uk"), (other.Id, "surgery.lead@example.nhs.uk") })
                (await db.Users.SingleAsync(u => u.Id == id)).Email = email;
            var trustId = (await db.Units.SingleAsync(u => u.Id == ward1)).TrustId;
            ImprovementAction New(int unit, string status) => new()
            {
                TrustId = trustId, UnitId = unit, Title = "Hot meals at 5pm", OwnerUserId = owner.Id, DueOn = new DateOnly(2030, 6, 30), Status = status,
                CreatedAt = DateTime.UtcNow, CreatedBy = "owner", UpdatedAt = DateTime.UtcNow,
            };
            var open = New(ward1, ActionStatuses.Open);
            var done = New(ward1, ActionStatuses.Done);
            var noLead = New(ward2, ActionStatuses.InProgress);
            db.ImprovementActions.AddRange(open, done, noLead);
            await db.SaveChangesAsync();
            (actionId, doneId, noLeadId) = (open.Id, done.Id, noLead.Id);
        }
        var clock = new FakeClock(DateTimeOffset.UnixEpoch);
        var pickup = Path.Combine(Path.GetTempPath(), "heard-tests", Guid.NewGuid().ToString("N"));
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Heard:Mail:PickupDirectory"] = pickup }).Build();
        return new Setup(host, actionId, doneId, noLeadId, clock, new ActionReminders(host.Database.Target, config, clock, NullLogger<ActionReminders>.Instance), pickup);
    }

    private static async Task<List<ActionReminder>> RemindersAsync(Setup s, long actionId)
    {
        await using var db = s.Host.Database.Context();
        return await db.ActionReminders.Where(r => r.ImprovementActionId == actionId).OrderBy(r => r.Id).ToListAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Owners_are_reminded_7_days_before_on_the_day_and_when_overdue_and_the_division_lead_hears_at_14_days_each_once(string provider)
    {
        await using var s = await StartAsync(provider);

        // Eight days before: nothing.
        s.Clock.Set(2030, 6, 22);
        Assert.Equal(0, await s.Reminders.RunOnceAsync(default));
        // Seven days before: one reminder (for the live action on each ward), and not again that day or the next.
        s.Clock.Set(2030, 6, 23);
        Assert.Equal(2, await s.Reminders.RunOnceAsync(default));
        s.Clock.Set(2030, 6, 23, 17);
        Assert.Equal(0, await s.Reminders.RunOnceAsync(default));
        s.Clock.Set(2030, 6, 29);
        Assert.Equal(0, await s.Reminders.RunOnceAsync(default));
        // On the day, then overdue the day after, each once.
        s.Clock.Set(2030, 6, 30);
        Assert.Equal(2, await s.Reminders.RunOnceAsync(default));
        s.Clock.Set(2030, 7, 1);
        Assert.Equal(2, await s.Reminders.RunOnceAsync(default));
        s.Clock.Set(2030, 7, 13);
        Assert.Equal(0, await s.Reminders.RunOnceAsync(default));
        // Fourteen days overdue: escalated to Medicine's lead. Ward 2 has no division, so its escalation waits.
        s.Clock.Set(2030, 7, 14);
        Assert.Equal(1, await s.Reminders.RunOnceAsync(default));
        s.Clock.Set(2030, 7, 15);
        Assert.Equal(0, await s.Reminders.RunOnceAsync(default));
        s.Clock.Set(2030, 9, 1);
        Assert.Equal(0, await s.Reminders.RunOnceAsync(default));

        var sent = await RemindersAsync(s, s.ActionId);
        Assert.Equal(new[] { ReminderKinds.BeforeDue, ReminderKinds.DueToday, ReminderKinds.Overdue, ReminderKinds.Escalated }, sent.Select(r => r.Kind));
        Assert.Equal(new[] { new DateTime(2030, 6, 23, 9, 0, 0), new DateTime(2030, 6, 30, 9, 0, 0), new DateTime(2030, 7, 1, 9, 0, 0), new DateTime(2030, 7, 14, 9, 0, 0) },
            sent.Select(r => r.SentAt));
        Assert.Equal(new[] { "owner", "owner", "owner", "medicine-lead" }, sent.Select(r => r.SentTo));
        Assert.Empty(await RemindersAsync(s, s.DoneId));
        Assert.Equal(3, (await RemindersAsync(s, s.NoLeadId)).Count);

        // Delivered the way safeguarding notifications are: the outbox, written to the pickup folder as .eml files.
        await using (var db = s.Host.Database.Context())
        {
            var outbox = await db.Notifications.OrderBy(n => n.Id).ToListAsync();
            Assert.Equal(7, outbox.Count);
            Assert.Equal(6, outbox.Count(n => n.Recipient == "owner@example.nhs.uk"));
            var escalation = Assert.Single(outbox, n => n.Recipient == "medicine.lead@example.nhs.uk");
            Assert.Equal("Heard: action overdue 14 days on Ward 1", escalation.Subject);
            Assert.Contains($"/Actions/{s.ActionId}", escalation.Body);
            Assert.DoesNotContain(outbox, n => n.Recipient == "surgery.lead@example.nhs.uk");
        }
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Heard:Mail:PickupDirectory"] = s.Pickup }).Build();
        var (_, delivered) = await new SafeguardingNotifier(s.Host.Database.Target, config, NullLogger<SafeguardingNotifier>.Instance).RunOnceAsync(default);
        Assert.Equal(7, delivered);
        Assert.Contains(Directory.GetFiles(s.Pickup, "*.eml"), f => File.ReadAllText(f).Contains("Subject: Heard: action overdue 14 days on Ward 1"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_missed_week_catches_up_with_overdue_and_escalation_but_a_new_due_date_starts_the_reminders_again(string provider)
    {
        await using var s = await StartAsync(provider);

        // The job did not run for three weeks: "due soon" and "due today" are past, so only overdue and escalation go.
        s.Clock.Set(2030, 7, 20);
        Assert.Equal(3, await s.Reminders.RunOnceAsync(default));
        Assert.Equal(new[] { ReminderKinds.Overdue, ReminderKinds.Escalated }, (await RemindersAsync(s, s.ActionId)).Select(r => r.Kind));

        // A new due date: reminded again before it, once.
        await using (var db = s.Host.Database.Context())
        {
            (await db.ImprovementActions.SingleAsync(a => a.Id == s.ActionId)).DueOn = new DateOnly(2030, 8, 31);
            await db.SaveChangesAsync();
        }
        s.Clock.Set(2030, 8, 24);
        Assert.Equal(1, await s.Reminders.RunOnceAsync(default));
        Assert.Equal(0, await s.Reminders.RunOnceAsync(default));
        var last = (await RemindersAsync(s, s.ActionId)).Last();
        Assert.Equal((ReminderKinds.BeforeDue, new DateOnly(2030, 8, 31)), (last.Kind, last.DueOn));
    }
}
