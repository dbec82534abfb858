using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Heard.Web.Features.Actions;

/// <summary>Changing an action's details: title, description, owner, due date, and its measure and change date. The unit stays.</summary>
[Authorize(Policy = Policies.ManageActions)]
public sealed class EditModel(HeardDbContext db, CurrentUser user, Audit audit, TimeProvider time) : ActionFormPage(db, user)
{
    public ImprovementAction Action { get; private set; } = null!;
    public override bool UnitFixed => true;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (await ActionQueries.FindAsync(Db, Me, id, ct) is not { } a) return NotFound();
        Action = a;
        (Title, Description, UnitId, OwnerUserId, DueOn, Metric, Theme, ChangedOn) =
            (a.Title, a.Description, a.UnitId, a.OwnerUserId, a.DueOn.ToString("yyyy-MM-dd"), a.Metric, a.Theme, a.ChangedOn?.ToString("yyyy-MM-dd"));
        await LoadChoicesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (await ActionQueries.FindAsync(Db, Me, id, ct) is not { } a) return NotFound();
        Action = a;
        UnitId = a.UnitId;
        var (value, errors) = await ActionEditing.CheckAsync(Db, Me, Fields(), a, ct);
        foreach (var (field, message) in errors) ModelState.AddModelError(field, message);
        if (value is null || !ModelState.IsValid)
        {
            await LoadChoicesAsync(ct);
            return Page();
        }
        ActionEditing.Apply(a, value, time);
        audit.Record(Audit.Actions.Update, "improvement-action", a.Id, $"{a.Title}: details changed");
        await Db.SaveChangesAsync(ct);
        TempData["Success"] = "Action updated";
        return Redirect(ActionQueries.Link(id));
    }
}
