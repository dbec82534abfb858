using Heard.Analysis.Text;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Routing;

/// <summary>One routed comment as the inbox, the history page and the API show it. Comment is redacted for roles without clearance.</summary>
public sealed record RoutedView(
    long Id, long FeedbackId, string UnitName, DateOnly ReceivedOn, string Source, string Comment, bool Redacted,
    string TargetKind, string TargetName, string RuleName, DateTime RoutedAt, DateTime? AcknowledgedAt, string? AcknowledgedBy, string? Note);

/// <summary>
/// Whose routed feedback is whose. A user's inbox holds what was sent to them by name, to the teams they belong to,
/// and to the ward manager of the units they manage: a user with the ward or team manager role and a unit-level scope
/// on that unit. Being a target is what lets a user read the comment here, whatever their scope (a Catering team
/// member may have no ward in scope); redaction still follows their role.
/// </summary>
public static class RoutedInbox
{
    public const int Limit = 200;

    /// <summary>The target keys a user answers for.</summary>
    public static async Task<List<string>> TargetKeysAsync(HeardDbContext db, CurrentUser user, CancellationToken ct)
    {
        if (user.UserId is not { } userId) return [];
        var keys = new List<string> { RoutingTargets.Key(RoutingTargets.Person, userId) };
        var teams = await db.TeamMembers.Where(m => m.UserId == userId).Select(m => m.TeamId).ToListAsync(ct);
        keys.AddRange(teams.Select(t => RoutingTargets.Key(RoutingTargets.Team, t)));
        if (user.IsInRole(Roles.WardManager))
        {
            var units = await db.UserScopes.Where(s => s.UserId == userId && s.Level == ScopeLevels.Unit && s.ScopeId != null)
                .Select(s => s.ScopeId!.Value).ToListAsync(ct);
            keys.AddRange(units.Select(u => RoutingTargets.Key(RoutingTargets.WardManager, u)));
        }
        return keys;
    }

    /// <summary>The unit's ward managers: the ward or team manager role with a unit-level scope on it.</summary>
    public static async Task<List<HeardUser>> WardManagersAsync(HeardDbContext db, int unitId, CancellationToken ct) =>
        await (from s in db.UserScopes
               join u in db.Users on s.UserId equals u.Id
               join ur in db.UserRoles on u.Id equals ur.UserId
               join r in db.Roles on ur.RoleId equals r.Id
               where s.Level == ScopeLevels.Unit && s.ScopeId == unitId && r.Name == Roles.WardManager
               select u).Distinct().ToListAsync(ct);

    /// <summary>The user's routed items, unacknowledged first, then newest first.</summary>
    public static async Task<List<RoutedView>> ListAsync(HeardDbContext db, CurrentUser user, CancellationToken ct)
    {
        var keys = await TargetKeysAsync(db, user, ct);
        return await ViewsAsync(db, user, db.RoutedItems.Where(i => keys.Contains(i.TargetKey)), ct);
    }

    /// <summary>Every target a piece of feedback went to, in the order it was sent.</summary>
    public static Task<List<RoutedView>> HistoryAsync(HeardDbContext db, CurrentUser user, long feedbackId, CancellationToken ct) =>
        ViewsAsync(db, user, db.RoutedItems.Where(i => i.FeedbackRecordId == feedbackId), ct, history: true);

    /// <summary>True when the user is a target of any item of this feedback, which lets them see its history.</summary>
    public static async Task<bool> IsTargetOfAsync(HeardDbContext db, CurrentUser user, long feedbackId, CancellationToken ct)
    {
        var keys = await TargetKeysAsync(db, user, ct);
        return await db.RoutedItems.AnyAsync(i => i.FeedbackRecordId == feedbackId && keys.Contains(i.TargetKey), ct);
    }

    private static async Task<List<RoutedView>> ViewsAsync(HeardDbContext db, CurrentUser user, IQueryable<RoutedItem> items, CancellationToken ct, bool history = false)
    {
        var query =
            from i in items.AsNoTracking()
            join a in db.FeedbackAnswers on i.FeedbackAnswerId equals a.Id
            join f in db.Feedback on i.FeedbackRecordId equals f.Id
            join u in db.Units on i.UnitId equals u.Id
            join r in db.RoutingRules on i.RoutingRuleId equals r.Id into rs
            from r in rs.DefaultIfEmpty()
            select new { Item = i, a.Text, f.ReceivedOn, f.Source, UnitName = u.Name, RuleName = r == null ? null : r.Name };
        query = history
            ? query.OrderBy(x => x.Item.RoutedAt).ThenBy(x => x.Item.Id)
            : query.OrderBy(x => x.Item.AcknowledgedAt == null ? 0 : 1).ThenByDescending(x => x.Item.RoutedAt).ThenByDescending(x => x.Item.Id);
        var rows = await query.Take(Limit).ToListAsync(ct);
        var teamIds = rows.Select(r => r.Item.TeamId).OfType<int>().Distinct().ToList();
        var teams = await db.Teams.Where(t => teamIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var userIds = rows.Select(r => r.Item.UserId).OfType<string>().Distinct().ToList();
        var users = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName.Length > 0 ? u.DisplayName : u.UserName ?? u.Id, ct);
        var identifiable = user.CanReadIdentifiable;
        return rows.Select(r => new RoutedView(
            r.Item.Id, r.Item.FeedbackRecordId, r.UnitName, r.ReceivedOn, r.Source,
            identifiable ? r.Text ?? "" : Redactor.Redact(r.Text), !identifiable, r.Item.TargetKind,
            r.Item.TargetKind switch
            {
                RoutingTargets.Team => teams.GetValueOrDefault(r.Item.TeamId ?? 0, "a removed team"),
                RoutingTargets.Person => users.GetValueOrDefault(r.Item.UserId ?? "", "a removed user"),
                _ => $"Ward manager of {r.UnitName}",
            },
            r.RuleName ?? "a removed rule", r.Item.RoutedAt, r.Item.AcknowledgedAt, r.Item.AcknowledgedBy, r.Item.Note)).ToList();
    }

    public enum Change { Done, NotFound, AlreadyDone }

    /// <summary>Records that a member of the target has read the item; only a member may.</summary>
    public static async Task<Change> AcknowledgeAsync(HeardDbContext db, CurrentUser user, Audit audit, long id, string? note, CancellationToken ct)
    {
        var keys = await TargetKeysAsync(db, user, ct);
        var item = await db.RoutedItems.FirstOrDefaultAsync(i => i.Id == id && keys.Contains(i.TargetKey), ct);
        if (item is null) return Change.NotFound;
        if (item.AcknowledgedAt is not null) return Change.AlreadyDone;
        item.AcknowledgedAt = DateTime.UtcNow;
        item.AcknowledgedBy = user.Name;
        item.Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        audit.Record(Audit.Actions.Update, "routed-item", id, "acknowledged");
        await db.SaveChangesAsync(ct);
        return Change.Done;
    }

    /// <summary>Takes an acknowledgement back (clicked by mistake): the item waits again, and the audit log keeps both.</summary>
    public static async Task<Change> UndoAcknowledgeAsync(HeardDbContext db, CurrentUser user, Audit audit, long id, CancellationToken ct)
    {
        var keys = await TargetKeysAsync(db, user, ct);
        var item = await db.RoutedItems.FirstOrDefaultAsync(i => i.Id == id && keys.Contains(i.TargetKey), ct);
        if (item is null) return Change.NotFound;
        if (item.AcknowledgedAt is null) return Change.AlreadyDone;
        audit.Record(Audit.Actions.Update, "routed-item", id, $"acknowledgement by {item.AcknowledgedBy} undone");
        item.AcknowledgedAt = null;
        item.AcknowledgedBy = null;
        item.Note = null;
        await db.SaveChangesAsync(ct);
        return Change.Done;
    }
}
