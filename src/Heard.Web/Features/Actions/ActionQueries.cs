using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Actions;

/// <summary>Which actions to list: by unit, division or owner ("mine"), and by status; overdue = live and past due.</summary>
public sealed record ActionFilter(int? UnitId, int? DivisionId, bool Mine, string? Status, bool Overdue, long? Id = null);

/// <summary>One row of an action list, as the list page and <c>GET /api/actions</c> show it.</summary>
public sealed record ActionSummary(
    long Id, string Title, int UnitId, string UnitName, int? DivisionId, string? DivisionName, string OwnerUserId, string OwnerName,
    DateOnly DueOn, string Status, bool Overdue, string? Metric, DateOnly? ChangedOn, DateTime CreatedAt, DateTime? ClosedAt, string Link);

public static class ActionQueries
{
    public const int ListLimit = 500;

    public static string Link(long id) => $"/Actions/{id}";

    /// <summary>Actions on units the user can see, soonest due first, at most <see cref="ListLimit"/>.</summary>
    public static async Task<List<ActionSummary>> ListAsync(HeardDbContext db, CurrentUser user, ActionFilter f, DateOnly today, CancellationToken ct)
    {
        var scope = await user.UnitIdsAsync(ct);
        var q = db.ImprovementActions.AsNoTracking().AsQueryable();
        if (scope is not null) q = q.Where(a => scope.Contains(a.UnitId));
        if (f.Id is long id) q = q.Where(a => a.Id == id);
        if (f.UnitId is int unit) q = q.Where(a => a.UnitId == unit);
        if (f.DivisionId is int division) q = q.Where(a => db.Units.Any(u => u.Id == a.UnitId && u.DivisionId == division));
        if (f.Mine) { var me = user.UserId ?? ""; q = q.Where(a => a.OwnerUserId == me); }
        if (f.Status is { Length: > 0 } status) q = q.Where(a => a.Status == status);
        if (f.Overdue) q = q.Where(a => (a.Status == ActionStatuses.Open || a.Status == ActionStatuses.InProgress) && a.DueOn < today);
        var rows = await q
            .Join(db.Units, a => a.UnitId, u => u.Id, (a, u) => new { a, u.Name, u.DivisionId })
            .OrderBy(x => x.a.DueOn).ThenBy(x => x.a.Id)
            .Take(ListLimit)
            .ToListAsync(ct);
        var ownerIds = rows.Select(r => r.a.OwnerUserId).Distinct().ToList();
        var owners = await db.Users.AsNoTracking().Where(u => ownerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => DisplayName(u), ct);
        var divisionIds = rows.Select(r => r.DivisionId).OfType<int>().Distinct().ToList();
        var divisions = await db.Divisions.AsNoTracking().Where(d => divisionIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        return rows.Select(r => new ActionSummary(r.a.Id, r.a.Title, r.a.UnitId, r.Name, r.DivisionId,
            r.DivisionId is int d ? divisions.GetValueOrDefault(d) : null, r.a.OwnerUserId, owners.GetValueOrDefault(r.a.OwnerUserId, "(removed user)"),
            r.a.DueOn, r.a.Status, ActionEditing.IsOverdue(r.a, today), r.a.Metric, r.a.ChangedOn, r.a.CreatedAt, r.a.ClosedAt, Link(r.a.Id))).ToList();
    }

    public static string DisplayName(HeardUser u) => string.IsNullOrWhiteSpace(u.DisplayName) ? u.UserName ?? u.Id : u.DisplayName;

    /// <summary>The action if it exists and its unit is in the user's scope; otherwise null (so the caller answers 404).</summary>
    public static async Task<ImprovementAction?> FindAsync(HeardDbContext db, CurrentUser user, long id, CancellationToken ct)
    {
        var a = await db.ImprovementActions.FirstOrDefaultAsync(x => x.Id == id, ct);
        return a is not null && await user.CanSeeUnitAsync(a.UnitId, ct) ? a : null;
    }

    /// <summary>Where an evidence link leads in Heard; comments resolve to their response's page.</summary>
    public static async Task<Dictionary<long, string?>> EvidenceLinksAsync(HeardDbContext db, IReadOnlyList<ActionEvidence> evidence, CancellationToken ct)
    {
        var answerIds = evidence.Where(e => e.Kind == EvidenceKinds.Comment).Select(e => long.TryParse(e.Reference, out var id) ? id : -1).ToList();
        var records = await db.FeedbackAnswers.AsNoTracking().Where(a => answerIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.FeedbackRecordId, ct);
        return evidence.ToDictionary(e => e.Id, e => e.Kind switch
        {
            EvidenceKinds.Comment => long.TryParse(e.Reference, out var aid) && records.TryGetValue(aid, out var rid) ? $"/feedback/{rid}" : null,
            EvidenceKinds.Complaint => $"/feedback/{Uri.EscapeDataString(e.Reference)}",
            EvidenceKinds.Alert => $"/Alerts/{Uri.EscapeDataString(e.Reference)}",
            EvidenceKinds.Theme => ThemeLink(e.Reference),
            EvidenceKinds.SpcChart => "/Spc?" + e.Reference.TrimStart('?'),
            EvidenceKinds.SurveyResult => e.Reference,
            _ => null,
        });
    }

    /// <summary>A theme is referenced as <c>label|unit id|yyyy-MM</c>; the link goes to the unit's key phrases for it.</summary>
    public static string ThemeReference(string label, int unitId, int? month) =>
        $"{label}|{unitId}|{(month is int m ? $"{m / 100:D4}-{m % 100:D2}" : "")}";

    private static string? ThemeLink(string reference)
    {
        var parts = reference.Split('|');
        return parts.Length >= 2 && int.TryParse(parts[1], out var unit)
            ? $"/Themes/Theme?unit={unit}&theme={Uri.EscapeDataString(parts[0])}"
            : null;
    }
}
