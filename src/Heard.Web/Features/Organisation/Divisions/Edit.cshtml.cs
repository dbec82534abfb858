using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Organisation;

/// <summary>Adds a division to a trust, or renames one.</summary>
[Authorize(Policy = Policies.Administer)]
public sealed class DivisionEditModel(HeardDbContext db, CurrentUser user, Audit audit, IAuthorizationService auth) : PageModel
{
    public sealed class InputModel
    {
        public string? Name { get; set; }
        public DateParts? EffectiveFrom { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public int? DivisionId { get; private set; }
    public Trust Trust { get; private set; } = null!;
    public List<OrganisationNameView> History { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, int? trustId, CancellationToken ct)
    {
        var (division, trust) = await FindAsync(id, trustId, ct);
        if (trust is null) return NotFound();
        if (!await OrganisationQueries.CanAdministerTrustAsync(auth, user, trust.Id, ct)) return Forbid();
        Trust = trust;
        DivisionId = division?.Id;
        if (division is not null)
        {
            Input = new InputModel { Name = division.Name, EffectiveFrom = DateParts.From(DateOnly.FromDateTime(DateTime.UtcNow)) };
            History = await OrganisationNames.HistoryAsync(db, OrganisationLevels.Division, division.Id, ct);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, int? trustId, CancellationToken ct)
    {
        var (division, trust) = await FindAsync(id, trustId, ct);
        if (trust is null) return NotFound();
        if (!await OrganisationQueries.CanAdministerTrustAsync(auth, user, trust.Id, ct)) return Forbid();
        Trust = trust;
        DivisionId = division?.Id;
        if (division is not null) History = await OrganisationNames.HistoryAsync(db, OrganisationLevels.Division, division.Id, ct);

        var name = Input.Name?.Trim() ?? "";
        if (name.Length == 0) ModelState.AddModelError("Input.Name", "Enter the division's name");
        else if (name.Length > UnitLifecycle.MaxNameLength) ModelState.AddModelError("Input.Name", $"Name must be {UnitLifecycle.MaxNameLength} characters or fewer");
        else if ((await db.Divisions.Where(d => d.TrustId == trust.Id && d.Id != (id ?? 0)).Select(d => d.Name).ToListAsync(ct))
                 .Any(n => UnitLifecycle.NameKey(n) == UnitLifecycle.NameKey(name)))
            ModelState.AddModelError("Input.Name", $"{trust.Name} already has a division called {name}");
        if (!ModelState.IsValid) return Page();

        if (division is null)
        {
            division = new Division { TrustId = trust.Id, Name = name };
            db.Divisions.Add(division);
            await db.SaveChangesAsync(ct);
            audit.Record(Audit.Actions.Create, "division", division.Id, $"division '{name}' of trust {trust.OdsCode}");
            TempData["Success"] = $"{name} added to {trust.Name}";
        }
        else if (name != division.Name)
        {
            if (await OrganisationNames.TryRecordRenameAsync(db, ModelState, Input.EffectiveFrom, OrganisationLevels.Division, division.Id,
                    division.Name, null, name, null, user.Name, ct) is not DateOnly from)
                return Page();
            audit.Record(Audit.Actions.Update, "division", division.Id, $"renamed '{division.Name}' -> '{name}' from {from:yyyy-MM-dd}");
            division.Name = name;
            TempData["Success"] = $"{name} saved";
        }
        await db.SaveChangesAsync(ct);
        return Redirect("/Organisation");
    }

    private async Task<(Division? Division, Trust? Trust)> FindAsync(int? id, int? trustId, CancellationToken ct)
    {
        if (id is int i)
        {
            var division = await db.Divisions.Include(d => d.Trust).FirstOrDefaultAsync(d => d.Id == i, ct);
            return (division, division?.Trust);
        }
        return (null, trustId is int t ? await db.Trusts.AsNoTracking().FirstOrDefaultAsync(x => x.Id == t, ct) : null);
    }
}
