using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Actions;

/// <summary>Closing an action as done: the "did it work?" reading of this moment, and the impact review it asks for.</summary>
[Authorize(Policy = Policies.ManageActions)]
public sealed class CloseModel(HeardDbContext db, CurrentUser user, Audit audit, TimeProvider time) : PageModel
{
    public ImprovementAction Action { get; private set; } = null!;
    public string UnitName { get; private set; } = "";
    public ImpactReading? Reading { get; private set; }

    [BindProperty] public string? ImpactReview { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!ActionStatuses.IsLive(Action.Status)) return Redirect(ActionQueries.Link(id));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!ActionStatuses.IsLive(Action.Status)) return Redirect(ActionQueries.Link(id));
        var error = await ActionEditing.ChangeStatusAsync(db, user, audit, time, Action, ActionStatuses.Done, ImpactReview, ct);
        if (error is not null)
        {
            ModelState.AddModelError(nameof(ImpactReview), error);
            return Page();
        }
        await db.SaveChangesAsync(ct);
        TempData["Success"] = $"Action closed as done: {Action.Title}";
        return Redirect(ActionQueries.Link(id));
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        if (await ActionQueries.FindAsync(db, user, id, ct) is not { } action) return false;
        Action = action;
        UnitName = await db.Units.Where(u => u.Id == action.UnitId).Select(u => u.Name).FirstAsync(ct);
        Reading = await DidItWork.LoadAsync(db, action.TrustId, action.UnitId, action.Metric, action.Theme, action.ChangedOn, ct);
        return true;
    }
}
