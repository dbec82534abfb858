using System.Globalization;
using System.Text;
using Heard.Data;
using Heard.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Actions;

/// <summary>
/// Reminds owners of live actions (open or in progress) <c>Heard:Actions:ReminderDaysBefore</c> days before the due
/// date (default 7), on it, and the day after it passes; escalates an action <c>Heard:Actions:EscalateAfterDays</c>
/// days overdue (default 14) to the division leads of its unit's division (role division lead, scoped to that
/// division). Each is recorded in <c>action_reminder</c>, one of each kind per action and due date, so none is sent
/// twice; a pass that was missed catches up with the overdue and escalation messages, but a "due soon" or "due today"
/// whose day has gone is not sent late. Messages go to the notification outbox, which the safeguarding notifier
/// already delivers as .eml files (Heard:Mail:PickupDirectory). Dates are UTC days from the injected clock.
/// </summary>
public sealed class ActionReminders(DatabaseTarget database, IConfiguration config, TimeProvider time, ILogger<ActionReminders> log) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    public int ReminderDaysBefore => config.GetValue("Heard:Actions:ReminderDaysBefore", 7);
    public int EscalateAfterDays => config.GetValue("Heard:Actions:EscalateAfterDays", 14);

    public static string Describe(string kind) => kind switch
    {
        ReminderKinds.BeforeDue => "Reminder: due soon",
        ReminderKinds.DueToday => "Reminder: due today",
        ReminderKinds.Overdue => "Reminder: overdue",
        ReminderKinds.Escalated => "Escalated to the division lead",
        _ => kind,
    };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try { await RunOnceAsync(stoppingToken); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Action reminders failed; trying again in an hour");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass over live actions due within the reminder window or past it; returns the reminders recorded.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var db = database.CreateContext();
        var now = time.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var before = ReminderDaysBefore;
        var escalateAfter = EscalateAfterDays;
        var horizon = today.AddDays(before);
        var actions = await db.ImprovementActions
            .Where(a => (a.Status == ActionStatuses.Open || a.Status == ActionStatuses.InProgress) && a.DueOn <= horizon)
            .ToListAsync(ct);
        if (actions.Count == 0) return 0;
        var ids = actions.Select(a => a.Id).ToList();
        var sent = (await db.ActionReminders.Where(r => ids.Contains(r.ImprovementActionId)).Select(r => new { r.ImprovementActionId, r.Kind, r.DueOn }).ToListAsync(ct))
            .Select(r => (r.ImprovementActionId, r.Kind, r.DueOn)).ToHashSet();
        var ownerIds = actions.Select(a => a.OwnerUserId).Distinct().ToList();
        var owners = await db.Users.AsNoTracking().Where(u => ownerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        var unitIds = actions.Select(a => a.UnitId).Distinct().ToList();
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        var leads = await DivisionLeadsAsync(db, units.Values.Select(u => u.DivisionId).OfType<int>().Distinct().ToList(), ct);
        var baseUrl = (config["Heard:PublicUrl"] ?? "").TrimEnd('/');
        var recorded = 0;

        foreach (var a in actions)
        {
            var unit = units[a.UnitId];
            var due = a.DueOn;
            var ownerKind = today == due ? ReminderKinds.DueToday
                : today > due ? ReminderKinds.Overdue
                : today >= due.AddDays(-before) ? ReminderKinds.BeforeDue
                : null;
            if (ownerKind is not null && !sent.Contains((a.Id, ownerKind, due)))
            {
                owners.TryGetValue(a.OwnerUserId, out var owner);
                var (subject, body) = OwnerMessage(ownerKind, a, unit.Name, today, baseUrl);
                Queue(db, owner is null ? [] : [owner], subject, body, now);
                Record(db, a, ownerKind, now, owner is null ? "(removed user)" : owner.UserName ?? owner.Id);
                recorded++;
            }
            if (today >= due.AddDays(escalateAfter) && !sent.Contains((a.Id, ReminderKinds.Escalated, due)))
            {
                var toLeads = unit.DivisionId is int d ? leads.GetValueOrDefault(d) ?? [] : [];
                // With no division lead to tell, the escalation waits (the list shows the action as overdue) and is sent once one is named.
                if (toLeads.Count == 0)
                {
                    log.LogWarning("Action {Id} on {Unit} is {Days} days overdue but its division has no division lead to escalate to", a.Id, unit.Name, today.DayNumber - due.DayNumber);
                    continue;
                }
                owners.TryGetValue(a.OwnerUserId, out var owner);
                var days = today.DayNumber - due.DayNumber;
                var subject = $"Heard: action overdue {days} days on {unit.Name}";
                var body = new StringBuilder();
                body.Append(CultureInfo.InvariantCulture, $"An improvement action on {unit.Name} is {days} days overdue, so it is escalated to you as division lead.\r\n\r\n");
                body.Append(CultureInfo.InvariantCulture, $"  {a.Title}\r\n  Owner: {(owner is null ? "(removed user)" : ActionQueries.DisplayName(owner))}\r\n  Due: {due:d MMM yyyy}\r\n\r\n");
                body.Append(CultureInfo.InvariantCulture, $"See it in Heard: {baseUrl}{ActionQueries.Link(a.Id)}\r\n");
                Queue(db, toLeads, subject, body.ToString(), now);
                Record(db, a, ReminderKinds.Escalated, now, string.Join(", ", toLeads.Select(l => l.UserName ?? l.Id)));
                recorded++;
            }
        }
        await db.SaveChangesAsync(ct);
        return recorded;
    }

    private static (string Subject, string Body) OwnerMessage(string kind, ImprovementAction a, string unitName, DateOnly today, string baseUrl)
    {
        var subject = kind switch
        {
            ReminderKinds.BeforeDue => $"Heard: action due on {a.DueOn:d MMM yyyy}",
            ReminderKinds.DueToday => "Heard: action due today",
            _ => $"Heard: action overdue since {a.DueOn:d MMM yyyy}",
        };
        var body = new StringBuilder();
        body.Append(kind switch
        {
            ReminderKinds.BeforeDue => string.Create(CultureInfo.InvariantCulture, $"An improvement action you own on {unitName} is due in {a.DueOn.DayNumber - today.DayNumber} days.\r\n\r\n"),
            ReminderKinds.DueToday => $"An improvement action you own on {unitName} is due today.\r\n\r\n",
            _ => $"An improvement action you own on {unitName} is overdue. Add a progress note, change the due date or close it with an impact review.\r\n\r\n",
        });
        body.Append(CultureInfo.InvariantCulture, $"  {a.Title}\r\n  Due: {a.DueOn:d MMM yyyy}\r\n\r\nSee it in Heard: {baseUrl}{ActionQueries.Link(a.Id)}\r\n");
        return (subject, body.ToString());
    }

    private void Queue(HeardDbContext db, IReadOnlyList<HeardUser> to, string subject, string body, DateTime now)
    {
        foreach (var u in to)
        {
            if (string.IsNullOrWhiteSpace(u.Email))
            {
                log.LogWarning("{User} has no email address; the action reminder is recorded on the action only", u.UserName);
                continue;
            }
            db.Notifications.Add(new Notification { Recipient = u.Email, Subject = subject, Body = body, CreatedAt = now });
        }
    }

    private static void Record(HeardDbContext db, ImprovementAction a, string kind, DateTime now, string sentTo) =>
        db.ActionReminders.Add(new ActionReminder { ImprovementActionId = a.Id, Kind = kind, DueOn = a.DueOn, SentAt = now, SentTo = sentTo });

    /// <summary>Users with the division lead role whose scope names the division itself.</summary>
    public static async Task<Dictionary<int, List<HeardUser>>> DivisionLeadsAsync(HeardDbContext db, List<int> divisionIds, CancellationToken ct)
    {
        if (divisionIds.Count == 0) return [];
        var leadRole = await db.Roles.Where(r => r.Name == Roles.DivisionLead).Select(r => r.Id).FirstOrDefaultAsync(ct);
        var rows = await db.UserScopes.AsNoTracking()
            .Where(s => s.Level == ScopeLevels.Division && s.ScopeId != null && divisionIds.Contains(s.ScopeId.Value))
            .Join(db.UserRoles.Where(ur => ur.RoleId == leadRole), s => s.UserId, ur => ur.UserId, (s, ur) => new { s.UserId, Division = s.ScopeId!.Value })
            .Join(db.Users, x => x.UserId, u => u.Id, (x, u) => new { x.Division, User = u })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.Division).ToDictionary(g => g.Key, g => g.Select(r => r.User).DistinctBy(u => u.Id).OrderBy(u => u.UserName).ToList());
    }
}
