using Heard.Analysis.Text;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Safeguarding;

/// <summary>One alert as the list and the API show it. Comment is redacted for roles without identifiable data.</summary>
public sealed record AlertView(
    long Id, long FeedbackId, int UnitId, string UnitName, DateOnly ReceivedOn, string Category, string CategoryLabel, string Severity,
    string MatchedText, string Comment, bool Redacted, DateTime RaisedAt, string? LeadUserName, DateTime? AcknowledgedAt,
    string? AcknowledgedBy, string? Outcome, string? Note, DateTime? ClosedAt, string? ClosedBy);

/// <summary>
/// Who may see safeguarding alerts, which ones, and the changes made to them. The page and the API both come here, so
/// they scope, redact and audit alike.
/// </summary>
public static class SafeguardingAlerts
{
    public static readonly string[] Outcomes =
    [
        "Referred to the safeguarding team",
        "Passed to the clinical team",
        "Already known and being managed",
        "No concern on review",
        "Other (see note)",
    ];

    /// <summary>
    /// Alerts a user may see: those on units in their scope, and every alert of a trust they are the named lead for
    /// (a lead may be named from outside the patient experience team).
    /// </summary>
    public static async Task<IQueryable<SafeguardingAlert>> VisibleAsync(HeardDbContext db, CurrentUser user, CancellationToken ct)
    {
        var units = await user.UnitIdsAsync(ct);
        if (units is null) return db.SafeguardingAlerts;
        var userId = user.UserId ?? "";
        var led = await db.Trusts.Where(t => t.SafeguardingLeadUserId == userId).Select(t => t.Id).ToListAsync(ct);
        return db.SafeguardingAlerts.Where(a => units.Contains(a.UnitId) || led.Contains(a.TrustId));
    }

    public static async Task<List<AlertView>> ListAsync(HeardDbContext db, CurrentUser user, bool openOnly, int limit, CancellationToken ct)
    {
        var visible = await VisibleAsync(db, user, ct);
        if (openOnly) visible = visible.Where(a => a.ClosedAt == null);
        var rows = await (
            from a in visible.AsNoTracking()
            join ans in db.FeedbackAnswers on a.FeedbackAnswerId equals ans.Id
            join f in db.Feedback on a.FeedbackRecordId equals f.Id
            join u in db.Units on a.UnitId equals u.Id
            orderby a.RaisedAt descending, a.Id descending
            select new { Alert = a, ans.Text, f.ReceivedOn, UnitName = u.Name })
            .Take(limit).ToListAsync(ct);
        var leadIds = rows.Select(r => r.Alert.LeadUserId).OfType<string>().Distinct().ToList();
        var leads = await db.Users.Where(u => leadIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.UserName ?? u.Id, ct);
        var identifiable = user.CanReadIdentifiable;
        return rows.Select(r => new AlertView(
            r.Alert.Id, r.Alert.FeedbackRecordId, r.Alert.UnitId, r.UnitName, r.ReceivedOn, r.Alert.Category, SafeguardingCategories.Label(r.Alert.Category),
            r.Alert.Severity, r.Alert.MatchedText, identifiable ? r.Text ?? "" : Redactor.Redact(r.Text), !identifiable, r.Alert.RaisedAt,
            r.Alert.LeadUserId is { } l && leads.TryGetValue(l, out var n) ? n : null, r.Alert.AcknowledgedAt, r.Alert.AcknowledgedBy,
            r.Alert.Outcome, r.Alert.Note, r.Alert.ClosedAt, r.Alert.ClosedBy)).ToList();
    }

    /// <summary>Unacknowledged alerts the user may see: the number on the banner.</summary>
    public static async Task<int> WaitingCountAsync(HeardDbContext db, CurrentUser user, CancellationToken ct) =>
        await (await VisibleAsync(db, user, ct)).CountAsync(a => a.AcknowledgedAt == null && a.ClosedAt == null, ct);

    public enum Change { Done, NotFound, AlreadyDone }

    public static async Task<Change> AcknowledgeAsync(HeardDbContext db, CurrentUser user, Audit audit, long id, CancellationToken ct)
    {
        var alert = await (await VisibleAsync(db, user, ct)).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (alert is null) return Change.NotFound;
        if (alert.AcknowledgedAt is not null) return Change.AlreadyDone;
        alert.AcknowledgedAt = DateTime.UtcNow;
        alert.AcknowledgedBy = user.Name;
        audit.Record(Audit.Actions.Update, "safeguarding-alert", id, $"acknowledged {alert.Category} alert");
        await db.SaveChangesAsync(ct);
        return Change.Done;
    }

    public static async Task<Change> CloseAsync(HeardDbContext db, CurrentUser user, Audit audit, long id, string outcome, string? note, CancellationToken ct)
    {
        var alert = await (await VisibleAsync(db, user, ct)).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (alert is null) return Change.NotFound;
        if (alert.ClosedAt is not null) return Change.AlreadyDone;
        var now = DateTime.UtcNow;
        // Closing an alert nobody acknowledged acknowledges it too: the record still says who looked and when.
        if (alert.AcknowledgedAt is null) { alert.AcknowledgedAt = now; alert.AcknowledgedBy = user.Name; }
        alert.ClosedAt = now;
        alert.ClosedBy = user.Name;
        alert.Outcome = outcome;
        alert.Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        audit.Record(Audit.Actions.Update, "safeguarding-alert", id, $"closed {alert.Category} alert: {outcome}");
        await db.SaveChangesAsync(ct);
        return Change.Done;
    }

    /// <summary>"3 hours ago": how long an alert has waited, in the largest whole unit.</summary>
    public static string Since(DateTime raisedAt, DateTime now)
    {
        var span = now - raisedAt;
        if (span.TotalMinutes < 1) return "just now";
        if (span.TotalHours < 1) return Plural((int)span.TotalMinutes, "minute");
        if (span.TotalDays < 1) return Plural((int)span.TotalHours, "hour");
        return Plural((int)span.TotalDays, "day");
        static string Plural(int n, string unit) => $"{n} {unit}{(n == 1 ? "" : "s")} ago";
    }
}

/// <summary>PX administrators, PX analysts, and whoever is named as a trust's safeguarding lead.</summary>
public sealed class SafeguardingAccessRequirement : IAuthorizationRequirement;

public sealed class SafeguardingAccessHandler(HeardDbContext db) : AuthorizationHandler<SafeguardingAccessRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, SafeguardingAccessRequirement requirement)
    {
        if (context.User.IsInRole(Roles.PxAdministrator) || context.User.IsInRole(Roles.PxAnalyst))
        {
            context.Succeed(requirement);
            return;
        }
        var userId = context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
        if (userId is not null && await db.Trusts.AnyAsync(t => t.SafeguardingLeadUserId == userId))
            context.Succeed(requirement);
    }
}
