using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Heard.Web.Features.YouSaidWeDid;

/// <summary>Changes a record's words. A published record changes on the public pages at once.</summary>
[Authorize(Policy = Policies.ManageActions)]
public sealed class EditModel(HeardDbContext db, CurrentUser user, Audit audit, TimeProvider time) : RecordFormPage
{
    public YouSaidWeDidRecord Record { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } denied) return denied;
        (Title, YouSaid, WeDid) = (Record.Title, Record.YouSaid, Record.WeDid);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } denied) return denied;
        if (!CheckText()) return Page();
        (Record.Title, Record.YouSaid, Record.WeDid) = (Title!.Trim(), YouSaid!.Trim(), WeDid!.Trim());
        YouSaidWeDidRecords.Touch(Record, user, time.GetUtcNow().UtcDateTime);
        audit.Record(Audit.Actions.Update, "you-said-we-did", id, "words changed");
        await db.SaveChangesAsync(ct);
        TempData["Success"] = "Changes saved";
        return Redirect(YouSaidWeDidRecords.Link(id));
    }

    private async Task<IActionResult?> LoadAsync(long id, CancellationToken ct)
    {
        var r = await YouSaidWeDidRecords.FindAsync(db, user, id, ct);
        if (r is null) return NotFound();
        if (!await YouSaidWeDidRecords.CanManageAsync(db, user, r.TrustId, r.UnitId, ct)) return Forbid();
        Record = r;
        return null;
    }
}
