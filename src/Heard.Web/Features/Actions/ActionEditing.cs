using System.Globalization;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Features.Spc;
using Heard.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Actions;

/// <summary>The fields of an action as a form or the API sends them, before checking. Null leaves a field as it is on update.</summary>
public sealed record ActionFields(
    string? Title, string? Description, int? UnitId, string? OwnerUserId, string? DueOn, string? Metric, string? Theme, string? ChangedOn);

/// <summary>An evidence link as sent: kind, reference and an optional label.</summary>
public sealed record EvidenceInput(string? Kind, string? Reference, string? Label);

/// <summary>
/// Checking, creating, changing and closing actions: one set of rules for the pages and the API. Who may manage an
/// action: <see cref="Policies.ManageActions"/> and the action's unit in scope, so ward managers manage their own
/// units' actions, division leads their division's, and the PX team everything in their scope.
/// </summary>
public static class ActionEditing
{
    public const int TitleMax = 200;
    public const int TextMax = 4000;
    public const int LabelMax = 300;

    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public static bool IsOverdue(ImprovementAction a, DateOnly today) => ActionStatuses.IsLive(a.Status) && a.DueOn < today;

    /// <summary>Users who could own an action on a unit: a role that manages actions and the unit in their scope.</summary>
    public static async Task<List<(string Id, string Name)>> PossibleOwnersAsync(HeardDbContext db, int? unitId, HashSet<int>? unitsOfViewer, CancellationToken ct)
    {
        var roleIds = await db.Roles.Where(r => r.Name == Roles.PxAdministrator || r.Name == Roles.PxAnalyst || r.Name == Roles.DivisionLead || r.Name == Roles.WardManager)
            .Select(r => r.Id).ToListAsync(ct);
        var userIds = await db.UserRoles.Where(ur => roleIds.Contains(ur.RoleId)).Select(ur => ur.UserId).Distinct().ToListAsync(ct);
        // Disabled accounts are left out here, not in SQL: SQLite cannot compare DateTimeOffset values.
        var users = (await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName, u.UserName, u.LockoutEnd }).ToListAsync(ct))
            .Where(u => !Admin.Users.UserForm.IsDisabled(u.LockoutEnd))
            .OrderBy(u => u.DisplayName, StringComparer.CurrentCulture).ThenBy(u => u.UserName, StringComparer.Ordinal).ToList();
        var result = new List<(string, string)>();
        foreach (var u in users)
        {
            var scope = await CurrentUser.UnitsInScopeAsync(db, u.Id, ct);
            var ok = unitId is int unit
                ? scope is null || scope.Contains(unit)
                : scope is null || unitsOfViewer is null || scope.Overlaps(unitsOfViewer);
            if (ok) result.Add((u.Id, string.IsNullOrWhiteSpace(u.DisplayName) ? u.UserName ?? u.Id : u.DisplayName));
        }
        return result;
    }

    public sealed record Checked(string Title, string Description, Unit Unit, string OwnerUserId, DateOnly DueOn, string? Metric, string? Theme, DateOnly? ChangedOn);

    /// <summary>Checks every field of a new action, or of an existing one with the fields sent applied over it.</summary>
    public static async Task<(Checked? Value, Dictionary<string, string> Errors)> CheckAsync(
        HeardDbContext db, CurrentUser user, ActionFields f, ImprovementAction? existing, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var title = (f.Title ?? existing?.Title)?.Trim() ?? "";
        if (title.Length == 0) errors["Title"] = "Enter a title, for example \"Hot meals served at 5pm, not 4pm\"";
        else if (title.Length > TitleMax) errors["Title"] = $"Keep the title to {TitleMax} characters or fewer";
        var description = (f.Description ?? existing?.Description)?.Trim() ?? "";
        if (description.Length > TextMax) errors["Description"] = $"Keep the description to {TextMax} characters or fewer";

        Unit? unit = null;
        var unitId = existing?.UnitId ?? f.UnitId;
        if (unitId is null) errors["UnitId"] = "Choose the unit the action is for";
        else if (await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, ct) is not { } found || !await user.CanSeeUnitAsync(found.Id, ct))
            errors["UnitId"] = "Choose a unit from the list";
        else unit = found;

        var owner = f.OwnerUserId ?? existing?.OwnerUserId;
        if (string.IsNullOrWhiteSpace(owner)) errors["OwnerUserId"] = "Choose who owns the action";
        else if (unit is not null && (await PossibleOwnersAsync(db, unit.Id, null, ct)).All(o => o.Id != owner))
            errors["OwnerUserId"] = "Choose an owner who manages actions on this unit";

        DateOnly due = existing?.DueOn ?? default;
        if (f.DueOn is not null || existing is null)
        {
            if (string.IsNullOrWhiteSpace(f.DueOn)) errors["DueOn"] = "Enter the date the action is due";
            else if (!TryDate(f.DueOn, out due)) errors["DueOn"] = "Enter the due date as year, month and day, for example 2026-12-31";
        }

        var metric = f.Metric is null ? existing?.Metric : string.IsNullOrWhiteSpace(f.Metric) ? null : f.Metric.Trim();
        if (metric is not null && SpcMetrics.Find(metric) is null) { errors["Metric"] = "Choose a measure from the list"; metric = null; }
        var theme = f.Theme is null ? existing?.Theme : string.IsNullOrWhiteSpace(f.Theme) ? null : f.Theme.Trim();
        if (SpcMetrics.Find(metric) is { NeedsTheme: true } && theme is null) errors["Theme"] = "Choose the theme this measure is about";
        if (SpcMetrics.Find(metric) is not { NeedsTheme: true }) theme = null;
        if (theme is { Length: > LabelMax }) errors["Theme"] = $"Keep the theme to {LabelMax} characters or fewer";

        DateOnly? changed = existing?.ChangedOn;
        if (f.ChangedOn is not null)
        {
            if (string.IsNullOrWhiteSpace(f.ChangedOn)) changed = null;
            else if (TryDate(f.ChangedOn, out var c)) changed = c;
            else errors["ChangedOn"] = "Enter the date the change went live as year, month and day, for example 2026-03-01";
        }
        if (errors.Count > 0 || unit is null) return (null, errors);
        return (new Checked(title, description, unit, owner!, due, metric, theme, changed), errors);
    }

    public static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>Checks evidence links; a comment or complaint must be one the user can see, and its label is written here, never taken from the comment.</summary>
    public static async Task<(List<ActionEvidence> Links, Dictionary<string, string> Errors)> CheckEvidenceAsync(
        HeardDbContext db, CurrentUser user, IEnumerable<EvidenceInput> inputs, DateTime now, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var links = new List<ActionEvidence>();
        foreach (var e in inputs)
        {
            var kind = e.Kind?.Trim() ?? "";
            var reference = e.Reference?.Trim() ?? "";
            var label = e.Label?.Trim() ?? "";
            if (!EvidenceKinds.All.Contains(kind)) { errors["Evidence"] = $"Evidence kind must be one of {string.Join(", ", EvidenceKinds.All)}"; continue; }
            if (reference.Length is 0 or > LabelMax) { errors["Evidence"] = "Each piece of evidence needs a reference of at most 300 characters"; continue; }
            if (label.Length > LabelMax) label = label[..LabelMax];
            switch (kind)
            {
                case EvidenceKinds.Comment:
                {
                    var found = long.TryParse(reference, out var answerId)
                        ? await db.FeedbackAnswers.AsNoTracking().Where(a => a.Id == answerId)
                            .Join(db.Feedback, a => a.FeedbackRecordId, r => r.Id, (a, r) => new { r.UnitId, r.ReceivedOn }).FirstOrDefaultAsync(ct)
                        : null;
                    if (found is null || !await user.CanSeeUnitAsync(found.UnitId, ct)) { errors["Evidence"] = "The comment linked as evidence was not found"; continue; }
                    var unitName = await db.Units.Where(u => u.Id == found.UnitId).Select(u => u.Name).FirstAsync(ct);
                    label = $"Comment from {unitName}, {found.ReceivedOn:d MMM yyyy}";
                    break;
                }
                case EvidenceKinds.Complaint:
                {
                    var found = long.TryParse(reference, out var recordId)
                        ? await db.Feedback.AsNoTracking().Where(r => r.Id == recordId && r.Source == FeedbackSources.Complaint).Select(r => new { r.UnitId, r.ReceivedOn }).FirstOrDefaultAsync(ct)
                        : null;
                    if (found is null || !await user.CanSeeUnitAsync(found.UnitId, ct)) { errors["Evidence"] = "The complaint linked as evidence was not found"; continue; }
                    var unitName = await db.Units.Where(u => u.Id == found.UnitId).Select(u => u.Name).FirstAsync(ct);
                    label = $"Complaint about {unitName}, {found.ReceivedOn:d MMM yyyy}";
                    break;
                }
                case EvidenceKinds.Alert:
                    if (!long.TryParse(reference, out _)) { errors["Evidence"] = "An alert is linked by its number"; continue; }
                    break;
                case EvidenceKinds.SurveyResult:
                    // A link within Heard only, never to another site.
                    if (!reference.StartsWith('/') || reference.StartsWith("//", StringComparison.Ordinal) || reference.Contains('\\'))
                    { errors["Evidence"] = "A survey result is linked by its address in Heard, starting with /"; continue; }
                    break;
            }
            if (label.Length == 0) label = $"{EvidenceKinds.Label(kind)} {reference}";
            links.Add(new ActionEvidence { Kind = kind, Reference = reference, Label = label, AddedAt = now, AddedBy = user.Name });
        }
        return (links, errors);
    }

    public static async Task<ImprovementAction> CreateAsync(HeardDbContext db, CurrentUser user, Audit audit, TimeProvider time, Checked c,
        IReadOnlyList<ActionEvidence> evidence, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var action = new ImprovementAction
        {
            TrustId = c.Unit.TrustId, UnitId = c.Unit.Id, Title = c.Title, Description = c.Description, OwnerUserId = c.OwnerUserId,
            DueOn = c.DueOn, Status = ActionStatuses.Open, Metric = c.Metric, Theme = c.Theme, ChangedOn = c.ChangedOn,
            CreatedAt = now, CreatedBy = user.Name, UpdatedAt = now,
        };
        db.ImprovementActions.Add(action);
        await db.SaveChangesAsync(ct);
        foreach (var e in evidence) { e.ImprovementActionId = action.Id; db.ActionEvidence.Add(e); }
        audit.Record(Audit.Actions.Create, "improvement-action", action.Id, $"{c.Title} ({c.Unit.Name}), due {c.DueOn:yyyy-MM-dd}, {evidence.Count} evidence link(s)");
        await db.SaveChangesAsync(ct);
        return action;
    }

    public static void Apply(ImprovementAction a, Checked c, TimeProvider time)
    {
        a.Title = c.Title;
        a.Description = c.Description;
        a.OwnerUserId = c.OwnerUserId;
        a.DueOn = c.DueOn;
        a.Metric = c.Metric;
        a.Theme = c.Theme;
        a.ChangedOn = c.ChangedOn;
        a.UpdatedAt = time.GetUtcNow().UtcDateTime;
    }

    public static void AddNote(HeardDbContext db, CurrentUser user, TimeProvider time, ImprovementAction a, string text) =>
        db.ActionNotes.Add(new ActionNote { ImprovementActionId = a.Id, WrittenAt = time.GetUtcNow().UtcDateTime, WrittenBy = user.Name, Text = text });

    /// <summary>
    /// Moves an action to a status. Done needs an impact review, stored with the "did it work?" reading of that moment;
    /// closing (done or cancelled) is audited, as is reopening.
    /// </summary>
    public static async Task<string?> ChangeStatusAsync(HeardDbContext db, CurrentUser user, Audit audit, TimeProvider time, ImprovementAction a,
        string status, string? impactReview, CancellationToken ct)
    {
        if (!ActionStatuses.All.Contains(status)) return $"Status must be one of {string.Join(", ", ActionStatuses.All)}";
        if (status == a.Status) return null;
        var now = time.GetUtcNow().UtcDateTime;
        if (status == ActionStatuses.Done)
        {
            var review = impactReview?.Trim() ?? "";
            if (review.Length == 0) return "Write an impact review: what changed for patients, and how you know";
            if (review.Length > TextMax) return $"Keep the impact review to {TextMax} characters or fewer";
            a.ImpactReview = review;
            var reading = await DidItWork.LoadAsync(db, a.TrustId, a.UnitId, a.Metric, a.Theme, a.ChangedOn, ct);
            a.ImpactSummary = reading?.Summary() ?? "No measure and change date named, so no \"did it work?\" reading.";
        }
        var was = a.Status;
        a.Status = status;
        a.UpdatedAt = now;
        if (ActionStatuses.IsLive(status)) { a.ClosedAt = null; a.ClosedBy = null; }
        else { a.ClosedAt = now; a.ClosedBy = user.Name; }
        var closing = !ActionStatuses.IsLive(status);
        audit.Record(closing ? "close" : Audit.Actions.Update, "improvement-action", a.Id,
            closing ? $"{ActionStatuses.Label(status)}: {a.Title}{(status == ActionStatuses.Done ? $". Impact review: {a.ImpactReview}" : "")}" : $"status {was} -> {status}");
        return null;
    }
}
