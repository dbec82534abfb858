using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Organisation;

/// <summary>
/// One unit: where it sits, its history of names and placements, the other names imports know it by, and (for
/// administrators) the changes of its life: rename, move, merge, close and reopen, each from a date and confirmed.
/// </summary>
public sealed class UnitDetailsModel(HeardDbContext db, CurrentUser user, Audit audit, IAuthorizationService auth) : PageModel
{
    public sealed class RenameForm
    {
        public string? NewName { get; set; }
        public DateParts EffectiveFrom { get; set; } = new();
        public bool Confirm { get; set; }
    }

    public sealed class MoveForm
    {
        public int? SiteId { get; set; }
        public int? DivisionId { get; set; }
        public int? DirectorateId { get; set; }
        public DateParts EffectiveFrom { get; set; } = new();
        public bool Confirm { get; set; }
    }

    public sealed class MergeForm
    {
        public int? TargetUnitId { get; set; }
        public DateParts EffectiveFrom { get; set; } = new();
        public bool Confirm { get; set; }
    }

    public sealed class DateForm
    {
        public DateParts Date { get; set; } = new();
        public bool Confirm { get; set; }
    }

    public sealed class AliasForm
    {
        public string? Alias { get; set; }
        public int? SiteId { get; set; }
    }

    [BindProperty] public RenameForm Rename { get; set; } = new();
    [BindProperty] public MoveForm Move { get; set; } = new();
    [BindProperty] public MergeForm Merge { get; set; } = new();
    [BindProperty] public DateForm Close { get; set; } = new();
    [BindProperty] public DateForm Reopen { get; set; } = new();
    [BindProperty] public AliasForm NewAlias { get; set; } = new();

    public UnitDetail Detail { get; private set; } = null!;
    public Trust Trust { get; private set; } = null!;
    public bool CanAdminister { get; private set; }
    public long FeedbackCount { get; private set; }
    public List<Site> Sites { get; private set; } = [];
    public List<Division> Divisions { get; private set; } = [];
    public List<Directorate> Directorates { get; private set; } = [];
    public List<UnitSummary> MergeTargets { get; private set; } = [];
    /// <summary>The form that was posted, so it opens again to show its errors.</summary>
    public string? ActiveForm { get; private set; }

    public UnitSummary Summary => Detail.Unit;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostRenameAsync(int id, CancellationToken ct) =>
        ChangeAsync(id, "rename", ct, async unit =>
        {
            var date = ReadDate(Rename.EffectiveFrom, "Rename.EffectiveFrom", "the date the new name takes effect");
            if (string.IsNullOrWhiteSpace(Rename.NewName)) ModelState.AddModelError("Rename.NewName", "Enter the new name");
            RequireConfirm(Rename.Confirm, "Rename.Confirm", "Confirm that you want to rename this unit");
            if (!ModelState.IsValid) return null;
            var old = unit.Name;
            await UnitLifecycle.RenameAsync(db, unit, Rename.NewName!, date!.Value, audit, ct);
            return $"{old} renamed {unit.Name} from {OrganisationText.Date(date.Value)}";
        }, new Dictionary<string, string> { ["name"] = "Rename.NewName", ["effectiveFrom"] = "Rename.EffectiveFrom" });

    public Task<IActionResult> OnPostMoveAsync(int id, CancellationToken ct) =>
        ChangeAsync(id, "move", ct, async unit =>
        {
            ModelState.ReplaceInvalid("Move.SiteId", "Choose the site the unit moves to");
            ModelState.ReplaceInvalid("Move.DivisionId", "Choose a division from the list");
            ModelState.ReplaceInvalid("Move.DirectorateId", "Choose a directorate from the list");
            if (Move.SiteId is null) ModelState.AddModelError("Move.SiteId", "Choose the site the unit moves to");
            var date = ReadDate(Move.EffectiveFrom, "Move.EffectiveFrom", "the date the move takes effect");
            RequireConfirm(Move.Confirm, "Move.Confirm", "Confirm that you want to move this unit");
            if (!ModelState.IsValid) return null;
            await UnitLifecycle.MoveAsync(db, unit, Move.SiteId!.Value, Move.DivisionId, Move.DirectorateId, date!.Value, audit, ct);
            return $"{unit.Name} moved from {OrganisationText.Date(date.Value)}";
        }, new Dictionary<string, string>
        {
            ["siteId"] = "Move.SiteId", ["divisionId"] = "Move.DivisionId", ["directorateId"] = "Move.DirectorateId",
            ["effectiveFrom"] = "Move.EffectiveFrom", ["name"] = "Move.SiteId",
        });

    public Task<IActionResult> OnPostMergeAsync(int id, CancellationToken ct) =>
        ChangeAsync(id, "merge", ct, async unit =>
        {
            ModelState.ReplaceInvalid("Merge.TargetUnitId", "Choose the unit this one merges into");
            if (Merge.TargetUnitId is null) ModelState.AddModelError("Merge.TargetUnitId", "Choose the unit this one merges into");
            var date = ReadDate(Merge.EffectiveFrom, "Merge.EffectiveFrom", "the date of the merge");
            RequireConfirm(Merge.Confirm, "Merge.Confirm", "Confirm that you want to merge this unit");
            if (!ModelState.IsValid) return null;
            var target = await db.Units.FirstOrDefaultAsync(u => u.Id == Merge.TargetUnitId, ct);
            if (target is null || !await user.CanSeeUnitAsync(target.Id, ct))
            {
                ModelState.AddModelError("Merge.TargetUnitId", "Choose the unit this one merges into");
                return null;
            }
            await UnitLifecycle.MergeAsync(db, unit, target, date!.Value, audit, ct);
            return $"{unit.Name} merged into {target.Name} from {OrganisationText.Date(date.Value)}";
        }, new Dictionary<string, string> { ["targetUnitId"] = "Merge.TargetUnitId", ["effectiveFrom"] = "Merge.EffectiveFrom" });

    public Task<IActionResult> OnPostCloseAsync(int id, CancellationToken ct) =>
        ChangeAsync(id, "close", ct, async unit =>
        {
            var date = ReadDate(Close.Date, "Close.Date", "the date the unit closes");
            RequireConfirm(Close.Confirm, "Close.Confirm", "Confirm that you want to close this unit");
            if (!ModelState.IsValid) return null;
            await UnitLifecycle.CloseAsync(db, unit, date!.Value, audit, ct);
            return $"{unit.Name} closed from {OrganisationText.Date(date.Value)}";
        }, new Dictionary<string, string> { ["closedOn"] = "Close.Date" });

    public Task<IActionResult> OnPostReopenAsync(int id, CancellationToken ct) =>
        ChangeAsync(id, "reopen", ct, async unit =>
        {
            var date = ReadDate(Reopen.Date, "Reopen.Date", "the date the unit reopens");
            RequireConfirm(Reopen.Confirm, "Reopen.Confirm", "Confirm that you want to reopen this unit");
            if (!ModelState.IsValid) return null;
            await UnitLifecycle.ReopenAsync(db, unit, date!.Value, audit, ct);
            return $"{unit.Name} reopened from {OrganisationText.Date(date.Value)}";
        }, new Dictionary<string, string> { ["reopenedOn"] = "Reopen.Date" });

    public Task<IActionResult> OnPostAddAliasAsync(int id, CancellationToken ct) =>
        ChangeAsync(id, "alias", ct, async unit =>
        {
            ModelState.ReplaceInvalid("NewAlias.SiteId", "Choose the site the name is used at");
            if (string.IsNullOrWhiteSpace(NewAlias.Alias)) ModelState.AddModelError("NewAlias.Alias", "Enter the name the source system uses");
            if (NewAlias.SiteId is null) ModelState.AddModelError("NewAlias.SiteId", "Choose the site the name is used at");
            if (!ModelState.IsValid) return null;
            var alias = await UnitLifecycle.AddAliasAsync(db, unit, NewAlias.SiteId!.Value, NewAlias.Alias!, audit, ct);
            return $"Files that name '{alias.Alias}' now map to {unit.Name}";
        }, new Dictionary<string, string> { ["alias"] = "NewAlias.Alias", ["aliasSiteId"] = "NewAlias.SiteId" });

    public Task<IActionResult> OnPostRemoveAliasAsync(int id, int aliasId, CancellationToken ct) =>
        ChangeAsync(id, "alias", ct, async unit =>
        {
            var alias = await db.UnitAliases.FirstOrDefaultAsync(a => a.Id == aliasId && a.UnitId == unit.Id, ct);
            if (alias is null) return "That alias had already been removed";
            await UnitLifecycle.RemoveAliasAsync(db, alias, audit, ct);
            return $"'{alias.Alias}' no longer maps to {unit.Name}";
        }, new Dictionary<string, string>());

    /// <summary>Checks the user may change this unit, runs the change, and shows its rule's complaint beside the field it is about.</summary>
    private async Task<IActionResult> ChangeAsync(int id, string form, CancellationToken ct, Func<Unit, Task<string?>> change,
        IReadOnlyDictionary<string, string> fields)
    {
        ActiveForm = form;
        if (!await user.CanSeeUnitAsync(id, ct)) return NotFound();
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null) return NotFound();
        if (!await OrganisationQueries.CanAdministerTrustAsync(auth, user, unit.TrustId, ct)) return Forbid();
        try
        {
            if (await change(unit) is { } done)
            {
                TempData["Success"] = done;
                return Redirect($"/Organisation/Units/{id}");
            }
        }
        catch (UnitChangeException e)
        {
            if (fields.TryGetValue(e.Field, out var key)) ModelState.AddModelError(key, e.Message);
            else ModelState.AddModelError("", e.Message);
        }
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private DateOnly? ReadDate(DateParts parts, string key, string what)
    {
        var date = parts.Read(what, out var error);
        if (error is not null) ModelState.AddModelError(key, error);
        return date;
    }

    private void RequireConfirm(bool confirmed, string key, string message)
    {
        if (!confirmed) ModelState.AddModelError(key, message);
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var unitIds = await user.UnitIdsAsync(ct);
        var detail = await OrganisationQueries.UnitAsync(db, id, unitIds, ct);
        if (detail is null) return false;
        Detail = detail;
        var unit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == id, ct);
        Trust = await db.Trusts.AsNoTracking().FirstAsync(t => t.Id == unit.TrustId, ct);
        CanAdminister = await OrganisationQueries.CanAdministerTrustAsync(auth, user, unit.TrustId, ct);
        FeedbackCount = await db.Feedback.LongCountAsync(f => f.UnitId == id, ct);
        if (CanAdminister)
        {
            Sites = await db.Sites.AsNoTracking().Where(s => s.TrustId == unit.TrustId).OrderBy(s => s.Name).ToListAsync(ct);
            Divisions = await db.Divisions.AsNoTracking().Where(d => d.TrustId == unit.TrustId).OrderBy(d => d.Name).ToListAsync(ct);
            var divisionIds = Divisions.Select(d => d.Id).ToList();
            Directorates = await db.Directorates.AsNoTracking().Where(d => divisionIds.Contains(d.DivisionId)).OrderBy(d => d.Name).ToListAsync(ct);
            MergeTargets = (await OrganisationQueries.UnitsAsync(db, unitIds, unit.TrustId, ct))
                .Where(u => u.Id != id && u.ClosedOn is null).ToList();
        }
        if (ActiveForm != "move")
            Move = new MoveForm { SiteId = unit.SiteId, DivisionId = unit.DivisionId, DirectorateId = unit.DirectorateId };
        if (ActiveForm != "alias")
            NewAlias = new AliasForm { SiteId = unit.SiteId };
        return true;
    }
}
