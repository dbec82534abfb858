using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Heard.Web.Features.YouSaidWeDid;

/// <summary>A new draft record, for a unit or the whole trust; from an action's page it starts on that action's unit, linked to it.</summary>
[Authorize(Policy = Policies.ManageActions)]
public sealed class CreateModel(HeardDbContext db, CurrentUser user, Audit audit, TimeProvider time) : RecordFormPage
{
    [BindProperty] public string? Place { get; set; }
    [BindProperty(SupportsGet = true, Name = "actionId")] public long? ActionId { get; set; }
    public List<(string Value, string Label)> Places { get; private set; } = [];
    public string? ActionTitle { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery] int? unit, CancellationToken ct)
    {
        if (!await LoadActionAsync(ct)) return NotFound();
        if (unit is int u) Place = $"u{u}";
        Places = await YouSaidWeDidRecords.PlacesAsync(db, user, null, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadActionAsync(ct)) return NotFound();
        var place = await YouSaidWeDidRecords.ParsePlaceAsync(db, Place, ct);
        if (place is null || !await YouSaidWeDidRecords.CanManageAsync(db, user, place.Value.TrustId, place.Value.UnitId, ct))
            ModelState.AddModelError(nameof(Place), "Choose the unit, or the whole trust, from the list");
        if (!CheckText() || place is null)
        {
            Places = await YouSaidWeDidRecords.PlacesAsync(db, user, null, ct);
            return Page();
        }
        var now = time.GetUtcNow().UtcDateTime;
        var record = new YouSaidWeDidRecord
        {
            TrustId = place.Value.TrustId, UnitId = place.Value.UnitId, Title = Title!.Trim(), YouSaid = YouSaid!.Trim(), WeDid = WeDid!.Trim(),
            CreatedAt = now, CreatedBy = user.Name, UpdatedAt = now, UpdatedBy = user.Name,
        };
        db.YouSaidWeDidRecords.Add(record);
        await db.SaveChangesAsync(ct);
        if (ActionId is long actionId && await YouSaidWeDidRecords.CheckActionAsync(db, user, record, actionId, ct) is null)
            db.YouSaidWeDidActions.Add(new YouSaidWeDidAction { YouSaidWeDidRecordId = record.Id, ImprovementActionId = actionId, AddedAt = now, AddedBy = user.Name });
        audit.Record(Audit.Actions.Create, "you-said-we-did", record.Id, record.Title);
        await db.SaveChangesAsync(ct);
        TempData["Success"] = "Draft saved. Preview it, quote a comment if you wish, then publish it.";
        return Redirect(YouSaidWeDidRecords.Link(record.Id));
    }

    private async Task<bool> LoadActionAsync(CancellationToken ct)
    {
        if (ActionId is not long id) return true;
        var action = await Actions.ActionQueries.FindAsync(db, user, id, ct);
        if (action is null) return false;
        ActionTitle = action.Title;
        return true;
    }
}
