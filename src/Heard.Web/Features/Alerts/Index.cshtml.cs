using Heard.Analysis.EarlyWarning;
using Heard.Data;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Alerts;

/// <summary>
/// The early-warning inbox: alerts on units in the user's scope (and any they own), open first, filtered by unit, kind
/// and status. Each shows what deteriorated in plain English with links to the chart and comments behind it; those in
/// an acting role acknowledge, reassign, resolve (with a note) and reopen them.
/// </summary>
[Authorize(Policy = Policies.SeeEarlyWarnings)]
public sealed class IndexModel(HeardDbContext db, CurrentUser user, Audit audit, IAuthorizationService authorization) : PageModel
{
    public const int Limit = 200;

    [BindProperty(SupportsGet = true)] public int? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }

    public List<EarlyWarningAlertView> Alerts { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Units { get; private set; } = [];
    public Dictionary<int, List<AlertOwner>> Candidates { get; private set; } = [];
    public bool CanAct { get; private set; }
    public bool CanEvaluate => user.IsAdministrator;
    public bool Filtered => Unit is not null || Kind is not null || (Status ?? AlertFilter.Open) != AlertFilter.Open;

    public async Task OnGetAsync(CancellationToken ct)
    {
        CanAct = (await authorization.AuthorizeAsync(User, Policies.ActOnEarlyWarnings)).Succeeded;
        var scope = await user.UnitIdsAsync(ct);
        Units = (await db.Units.AsNoTracking().OrderBy(u => u.Name).Select(u => new { u.Id, u.Name }).ToListAsync(ct))
            .Where(u => scope is null || scope.Contains(u.Id)).Select(u => (u.Id, u.Name)).ToList();
        if (Status is not null && !AlertFilter.Statuses.Contains(Status)) { ModelState.AddModelError(nameof(Status), "Choose a status from the list"); Status = null; }
        if (Kind is { Length: > 0 } && !AlertKinds.All.Contains(Kind)) { ModelState.AddModelError(nameof(Kind), "Choose a kind of alert from the list"); Kind = null; }
        if (Kind is { Length: 0 }) Kind = null;
        Alerts = await EarlyWarningAlerts.ListAsync(db, user, new AlertFilter(Status ?? AlertFilter.Open, Unit, Kind), Limit, ct);
        if (CanAct) Candidates = await AlertOwners.CandidatesAsync(db, Alerts.Where(a => a.ResolvedAt is null).Select(a => a.UnitId).ToList(), ct);
    }

    private async Task<bool> MayActAsync() => (await authorization.AuthorizeAsync(User, Policies.ActOnEarlyWarnings)).Succeeded;

    private IActionResult Back(string message)
    {
        TempData["Success"] = message;
        return RedirectToPage(new { unit = Unit, kind = Kind, status = Status });
    }

    public async Task<IActionResult> OnPostAcknowledgeAsync(long id, CancellationToken ct)
    {
        if (!await MayActAsync()) return Forbid();
        return await EarlyWarningAlerts.AcknowledgeAsync(db, user, audit, id, ct) switch
        {
            EarlyWarningAlerts.Change.NotFound => NotFound(),
            EarlyWarningAlerts.Change.Done => Back("Alert acknowledged"),
            _ => Back("That alert was already acknowledged"),
        };
    }

    public async Task<IActionResult> OnPostResolveAsync(long id, string? note, CancellationToken ct)
    {
        if (!await MayActAsync()) return Forbid();
        if (string.IsNullOrWhiteSpace(note) || note.Length > EarlyWarningAlerts.NoteLength)
        {
            ModelState.AddModelError($"Note-{id}", string.IsNullOrWhiteSpace(note)
                ? "Enter what was done about this alert"
                : "The note must be 2,000 characters or fewer");
            await OnGetAsync(ct);
            return Page();
        }
        return await EarlyWarningAlerts.ResolveAsync(db, user, audit, id, note, ct) switch
        {
            EarlyWarningAlerts.Change.NotFound => NotFound(),
            EarlyWarningAlerts.Change.Done => Back("Alert resolved"),
            _ => Back("That alert was already resolved"),
        };
    }

    public async Task<IActionResult> OnPostReopenAsync(long id, CancellationToken ct)
    {
        if (!await MayActAsync()) return Forbid();
        return await EarlyWarningAlerts.ReopenAsync(db, user, audit, id, ct) switch
        {
            EarlyWarningAlerts.Change.NotFound => NotFound(),
            EarlyWarningAlerts.Change.Done => Back("Alert reopened"),
            _ => Back("That alert is already open"),
        };
    }

    public async Task<IActionResult> OnPostReassignAsync(long id, string? owner, CancellationToken ct)
    {
        if (!await MayActAsync()) return Forbid();
        var result = string.IsNullOrEmpty(owner) ? EarlyWarningAlerts.Change.NotAllowed : await EarlyWarningAlerts.ReassignAsync(db, user, audit, id, owner, ct);
        switch (result)
        {
            case EarlyWarningAlerts.Change.NotFound: return NotFound();
            case EarlyWarningAlerts.Change.NotAllowed:
                ModelState.AddModelError($"Owner-{id}", "Choose someone who can see this unit");
                await OnGetAsync(ct);
                return Page();
            case EarlyWarningAlerts.Change.Done: return Back("Alert reassigned");
            default: return Back("That person already owns the alert");
        }
    }

    public async Task<IActionResult> OnPostEvaluateAsync(CancellationToken ct)
    {
        if (!user.IsAdministrator) return Forbid();
        var summary = await EarlyWarningEvaluation.RunAsync(db, ct);
        audit.Record(Audit.Actions.Create, "early-warning-alert", null, $"evaluated early warnings: {summary.Raised} raised, {summary.AlreadyRaised} already raised");
        await db.SaveChangesAsync(ct);
        return Back($"Evaluated {summary.Units} units: {summary.Raised} new alert{(summary.Raised == 1 ? "" : "s")}");
    }
}
