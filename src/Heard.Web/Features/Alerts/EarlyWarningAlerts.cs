using System.Text.Json;
using Heard.Analysis.EarlyWarning;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Alerts;

/// <summary>One early-warning alert as the inbox and the API show it.</summary>
public sealed record EarlyWarningAlertView(
    long Id, int UnitId, string UnitName, string Kind, string KindLabel, string Metric, string MetricLabel, string? Theme,
    string Month, string MonthName, string Explanation, IReadOnlyList<EvidenceLink> Evidence, double Value, double Reference,
    string Status, DateTime RaisedAt, string? OwnerUserId, string? OwnerName, DateTime? AcknowledgedAt, string? AcknowledgedBy,
    DateTime? ResolvedAt, string? ResolvedBy, string? ResolutionNote);

/// <summary>Which alerts: open (default), resolved or all; optionally one unit or one kind.</summary>
public sealed record AlertFilter(string Status = AlertFilter.Open, int? UnitId = null, string? Kind = null)
{
    public const string Open = "open";
    public const string Resolved = "resolved";
    public const string All = "all";
    public static readonly string[] Statuses = [Open, Resolved, All];
}

/// <summary>
/// Who may see which early-warning alerts and the changes made to them; the page and the API both come here. A user
/// sees the alerts on units in their scope, and any alert they own.
/// </summary>
public static class EarlyWarningAlerts
{
    public const int NoteLength = 2000;

    public static async Task<IQueryable<Data.Model.EarlyWarningAlert>> VisibleAsync(HeardDbContext db, CurrentUser user, CancellationToken ct)
    {
        var units = await user.UnitIdsAsync(ct);
        if (units is null) return db.EarlyWarningAlerts;
        var userId = user.UserId ?? "";
        return db.EarlyWarningAlerts.Where(a => units.Contains(a.UnitId) || a.OwnerUserId == userId);
    }

    /// <summary>Open alerts first, each group newest first.</summary>
    public static async Task<List<EarlyWarningAlertView>> ListAsync(HeardDbContext db, CurrentUser user, AlertFilter filter, int limit, CancellationToken ct)
    {
        var q = await VisibleAsync(db, user, ct);
        if (filter.Status == AlertFilter.Open) q = q.Where(a => a.ResolvedAt == null);
        else if (filter.Status == AlertFilter.Resolved) q = q.Where(a => a.ResolvedAt != null);
        if (filter.UnitId is int unit) q = q.Where(a => a.UnitId == unit);
        if (filter.Kind is { Length: > 0 } kind) q = q.Where(a => a.Kind == kind);
        var rows = await (
            from a in q.AsNoTracking()
            join u in db.Units on a.UnitId equals u.Id
            orderby a.ResolvedAt == null descending, a.RaisedAt descending, a.Id descending
            select new { Alert = a, UnitName = u.Name }).Take(limit).ToListAsync(ct);
        var ownerIds = rows.Select(r => r.Alert.OwnerUserId).OfType<string>().Distinct().ToList();
        var owners = await db.Users.Where(u => ownerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName.Length > 0 ? u.DisplayName : u.UserName ?? u.Id, ct);
        return rows.Select(r => View(r.Alert, r.UnitName, r.Alert.OwnerUserId is { } o ? owners.GetValueOrDefault(o) : null)).ToList();
    }

    public static EarlyWarningAlertView View(Data.Model.EarlyWarningAlert a, string unitName, string? ownerName) => new(
        a.Id, a.UnitId, unitName, a.Kind, AlertKinds.Label(a.Kind), a.Metric, AlertMetrics.Label(a.Metric), a.Theme.Length == 0 ? null : a.Theme,
        $"{a.Month / 100:D4}-{a.Month % 100:D2}", Months.Name(a.Month), a.Explanation,
        JsonSerializer.Deserialize<List<EvidenceLink>>(a.Evidence) ?? [], a.Value, a.Reference,
        a.ResolvedAt is not null ? "resolved" : a.AcknowledgedAt is not null ? "acknowledged" : "new",
        a.RaisedAt, a.OwnerUserId, ownerName, a.AcknowledgedAt, a.AcknowledgedBy, a.ResolvedAt, a.ResolvedBy, a.ResolutionNote);

    public enum Change { Done, NotFound, AlreadyDone, NotAllowed }

    private static async Task<Data.Model.EarlyWarningAlert?> FindAsync(HeardDbContext db, CurrentUser user, long id, CancellationToken ct) =>
        await (await VisibleAsync(db, user, ct)).FirstOrDefaultAsync(a => a.Id == id, ct);

    public static async Task<Change> AcknowledgeAsync(HeardDbContext db, CurrentUser user, Audit audit, long id, CancellationToken ct)
    {
        var alert = await FindAsync(db, user, id, ct);
        if (alert is null) return Change.NotFound;
        if (alert.AcknowledgedAt is not null || alert.ResolvedAt is not null) return Change.AlreadyDone;
        alert.AcknowledgedAt = DateTime.UtcNow;
        alert.AcknowledgedBy = user.Name;
        audit.Record(Audit.Actions.Update, "early-warning-alert", id, $"acknowledged {alert.Kind} alert on {alert.Metric}");
        await db.SaveChangesAsync(ct);
        return Change.Done;
    }

    public static async Task<Change> ResolveAsync(HeardDbContext db, CurrentUser user, Audit audit, long id, string note, CancellationToken ct)
    {
        var alert = await FindAsync(db, user, id, ct);
        if (alert is null) return Change.NotFound;
        if (alert.ResolvedAt is not null) return Change.AlreadyDone;
        var now = DateTime.UtcNow;
        // Resolving an alert nobody acknowledged acknowledges it too: the record still says who looked and when.
        if (alert.AcknowledgedAt is null) { alert.AcknowledgedAt = now; alert.AcknowledgedBy = user.Name; }
        alert.ResolvedAt = now;
        alert.ResolvedBy = user.Name;
        alert.ResolutionNote = note.Trim();
        audit.Record(Audit.Actions.Update, "early-warning-alert", id, $"resolved {alert.Kind} alert on {alert.Metric}: {alert.ResolutionNote}");
        await db.SaveChangesAsync(ct);
        return Change.Done;
    }

    /// <summary>Undoes a resolution; the note is kept in the audit trail, not on the alert.</summary>
    public static async Task<Change> ReopenAsync(HeardDbContext db, CurrentUser user, Audit audit, long id, CancellationToken ct)
    {
        var alert = await FindAsync(db, user, id, ct);
        if (alert is null) return Change.NotFound;
        if (alert.ResolvedAt is null) return Change.AlreadyDone;
        audit.Record(Audit.Actions.Update, "early-warning-alert", id, $"reopened {alert.Kind} alert on {alert.Metric} (was resolved by {alert.ResolvedBy}: {alert.ResolutionNote})");
        alert.ResolvedAt = null;
        alert.ResolvedBy = null;
        alert.ResolutionNote = null;
        await db.SaveChangesAsync(ct);
        return Change.Done;
    }

    /// <summary>Gives the alert to someone in an acting role who can see its unit.</summary>
    public static async Task<Change> ReassignAsync(HeardDbContext db, CurrentUser user, Audit audit, long id, string ownerUserId, CancellationToken ct)
    {
        var alert = await FindAsync(db, user, id, ct);
        if (alert is null) return Change.NotFound;
        if (alert.OwnerUserId == ownerUserId) return Change.AlreadyDone;
        var candidates = await AlertOwners.CandidatesAsync(db, [alert.UnitId], ct);
        var owner = candidates[alert.UnitId].FirstOrDefault(c => c.UserId == ownerUserId);
        if (owner is null) return Change.NotAllowed;
        alert.OwnerUserId = owner.UserId;
        // The new owner hears of it in their next digest as a new alert.
        alert.NotifiedAt = null;
        audit.Record(Audit.Actions.Update, "early-warning-alert", id, $"reassigned {alert.Kind} alert on {alert.Metric} to {owner.UserName}");
        await db.SaveChangesAsync(ct);
        return Change.Done;
    }
}
