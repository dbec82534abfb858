using Heard.Data;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Heard.Web.Features.Safeguarding;

/// <summary>
/// Safeguarding alerts in the user's scope, newest first: open ones by default, closed ones on request. Each can be
/// acknowledged (who and when) and then closed with an outcome. Full comments only for roles cleared for
/// identifiable data, and each such view is audited.
/// </summary>
[Authorize(Policy = Policies.SeeSafeguardingAlerts)]
public sealed class IndexModel(HeardDbContext db, CurrentUser user, Audit audit) : PageModel
{
    public const int Limit = 200;

    [BindProperty(SupportsGet = true)] public bool Closed { get; set; }
    public List<AlertView> Alerts { get; private set; } = [];
    public bool Redacted => !user.CanReadIdentifiable;
    public DateTime Now { get; } = DateTime.UtcNow;
    public bool CanNameLeads => user.IsAdministrator;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Alerts = await SafeguardingAlerts.ListAsync(db, user, openOnly: !Closed, Limit, ct);
        if (!Redacted && Alerts.Count > 0)
            await audit.RecordNowAsync(Audit.Actions.ReadIdentifiable, "safeguarding-alert", null,
                $"safeguarding alerts ({(Closed ? "all" : "open")}): {Alerts.Count} unredacted comments", ct);
    }

    public async Task<IActionResult> OnPostAcknowledgeAsync(long id, CancellationToken ct)
    {
        var result = await SafeguardingAlerts.AcknowledgeAsync(db, user, audit, id, ct);
        if (result == SafeguardingAlerts.Change.NotFound) return NotFound();
        TempData["Success"] = result == SafeguardingAlerts.Change.Done ? "Alert acknowledged" : "That alert was already acknowledged";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostCloseAsync(long id, string? outcome, string? note, CancellationToken ct)
    {
        if (outcome is null || !SafeguardingAlerts.Outcomes.Contains(outcome))
        {
            ModelState.AddModelError($"Outcome-{id}", "Choose what was done about this alert");
            await OnGetAsync(ct);
            return Page();
        }
        if (note is { Length: > 2000 })
        {
            ModelState.AddModelError($"Note-{id}", "The note must be 2,000 characters or fewer");
            await OnGetAsync(ct);
            return Page();
        }
        var result = await SafeguardingAlerts.CloseAsync(db, user, audit, id, outcome, note, ct);
        if (result == SafeguardingAlerts.Change.NotFound) return NotFound();
        TempData["Success"] = result == SafeguardingAlerts.Change.Done ? "Alert closed" : "That alert was already closed";
        return RedirectToPage();
    }
}
