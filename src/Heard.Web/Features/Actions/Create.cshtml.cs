using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Heard.Web.Features.Actions;

/// <summary>
/// A new action, optionally from a piece of evidence: other pages link here with <c>?evidenceKind=..&amp;evidenceId=..&amp;evidenceLabel=..</c>
/// (and <c>unit</c>, <c>metric</c>, <c>theme</c> to fill the form in), e.g. a comment, a theme, an SPC chart or an alert.
/// </summary>
[Authorize(Policy = Policies.ManageActions)]
public sealed class CreateModel(HeardDbContext db, CurrentUser user, Audit audit, TimeProvider time) : ActionFormPage(db, user)
{
    [BindProperty(SupportsGet = true)] public string? EvidenceKind { get; set; }
    [BindProperty(SupportsGet = true)] public string? EvidenceId { get; set; }
    [BindProperty(SupportsGet = true)] public string? EvidenceLabel { get; set; }
    [BindProperty(SupportsGet = true)] public int? Unit { get; set; }

    /// <summary>The evidence as it will be stored (its label written by Heard for comments and complaints).</summary>
    public ActionEvidence? Evidence { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        UnitId = Unit;
        Metric = Request.Query["metric"].FirstOrDefault();
        Theme = Request.Query["theme"].FirstOrDefault();
        OwnerUserId = Me.UserId;
        if (!await CheckEvidenceAsync(ct)) return NotFound();
        await LoadChoicesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await CheckEvidenceAsync(ct)) return NotFound();
        var (value, errors) = await ActionEditing.CheckAsync(Db, Me, Fields(), null, ct);
        foreach (var (field, message) in errors) ModelState.AddModelError(field, message);
        if (value is null || !ModelState.IsValid)
        {
            await LoadChoicesAsync(ct);
            return Page();
        }
        var action = await ActionEditing.CreateAsync(Db, Me, audit, time, value, Evidence is null ? [] : [Evidence], ct);
        TempData["Success"] = $"Action created: {action.Title}";
        return Redirect(ActionQueries.Link(action.Id));
    }

    /// <summary>False when the evidence named is not one the user can see.</summary>
    private async Task<bool> CheckEvidenceAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(EvidenceKind) && string.IsNullOrWhiteSpace(EvidenceId)) return true;
        var (links, errors) = await ActionEditing.CheckEvidenceAsync(Db, Me, [new EvidenceInput(EvidenceKind, EvidenceId, EvidenceLabel)], time.GetUtcNow().UtcDateTime, ct);
        if (errors.Count > 0) return false;
        Evidence = links[0];
        return true;
    }
}
