using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Organisation;

/// <summary>Adds a directorate or specialty to a division, or renames one. Its division is fixed once units may sit in it.</summary>
[Authorize(Policy = Policies.Administer)]
public sealed class DirectorateEditModel(HeardDbContext db, CurrentUser user, Audit audit, IAuthorizationService auth) : PageModel
{
    public sealed class InputModel
    {
        public int? DivisionId { get; set; }
        public string? Name { get; set; }
        public DateParts? EffectiveFrom { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public int? DirectorateId { get; private set; }
    public Trust Trust { get; private set; } = null!;
    public List<Division> Divisions { get; private set; } = [];
    public string? DivisionName { get; private set; }
    public List<OrganisationNameView> History { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, int? trustId, int? divisionId, CancellationToken ct)
    {
        var (directorate, trust) = await FindAsync(id, trustId, ct);
        if (trust is null) return NotFound();
        if (!await OrganisationQueries.CanAdministerTrustAsync(auth, user, trust.Id, ct)) return Forbid();
        await LoadAsync(trust, directorate, ct);
        Input = directorate is null
            ? new InputModel { DivisionId = divisionId }
            : new InputModel { DivisionId = directorate.DivisionId, Name = directorate.Name, EffectiveFrom = DateParts.From(DateOnly.FromDateTime(DateTime.UtcNow)) };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, int? trustId, CancellationToken ct)
    {
        var (directorate, trust) = await FindAsync(id, trustId, ct);
        if (trust is null) return NotFound();
        if (!await OrganisationQueries.CanAdministerTrustAsync(auth, user, trust.Id, ct)) return Forbid();
        await LoadAsync(trust, directorate, ct);

        ModelState.ReplaceInvalid("Input.DivisionId", "Choose the division this directorate is in");
        var divisionId = directorate?.DivisionId ?? Input.DivisionId;
        var division = Divisions.FirstOrDefault(d => d.Id == divisionId);
        if (division is null) ModelState.AddModelError("Input.DivisionId", "Choose the division this directorate is in");
        var name = Input.Name?.Trim() ?? "";
        if (name.Length == 0) ModelState.AddModelError("Input.Name", "Enter the directorate or specialty's name");
        else if (name.Length > UnitLifecycle.MaxNameLength) ModelState.AddModelError("Input.Name", $"Name must be {UnitLifecycle.MaxNameLength} characters or fewer");
        else if (division is not null && (await db.Directorates.Where(d => d.DivisionId == division.Id && d.Id != (id ?? 0)).Select(d => d.Name).ToListAsync(ct))
                 .Any(n => UnitLifecycle.NameKey(n) == UnitLifecycle.NameKey(name)))
            ModelState.AddModelError("Input.Name", $"{division.Name} already has a directorate called {name}");
        if (!ModelState.IsValid) return Page();

        if (directorate is null)
        {
            directorate = new Directorate { DivisionId = division!.Id, Name = name };
            db.Directorates.Add(directorate);
            await db.SaveChangesAsync(ct);
            audit.Record(Audit.Actions.Create, "directorate", directorate.Id, $"directorate '{name}' in division '{division.Name}' of trust {trust.OdsCode}");
            TempData["Success"] = $"{name} added to {division.Name}";
        }
        else if (name != directorate.Name)
        {
            if (await OrganisationNames.TryRecordRenameAsync(db, ModelState, Input.EffectiveFrom, OrganisationLevels.Directorate, directorate.Id,
                    directorate.Name, null, name, null, user.Name, ct) is not DateOnly from)
                return Page();
            audit.Record(Audit.Actions.Update, "directorate", directorate.Id, $"renamed '{directorate.Name}' -> '{name}' from {from:yyyy-MM-dd}");
            directorate.Name = name;
            TempData["Success"] = $"{name} saved";
        }
        await db.SaveChangesAsync(ct);
        return Redirect("/Organisation");
    }

    private async Task LoadAsync(Trust trust, Directorate? directorate, CancellationToken ct)
    {
        Trust = trust;
        DirectorateId = directorate?.Id;
        Divisions = await db.Divisions.AsNoTracking().Where(d => d.TrustId == trust.Id).OrderBy(d => d.Name).ToListAsync(ct);
        DivisionName = directorate is null ? null : Divisions.FirstOrDefault(d => d.Id == directorate.DivisionId)?.Name;
        if (directorate is not null) History = await OrganisationNames.HistoryAsync(db, OrganisationLevels.Directorate, directorate.Id, ct);
    }

    private async Task<(Directorate? Directorate, Trust? Trust)> FindAsync(int? id, int? trustId, CancellationToken ct)
    {
        if (id is int i)
        {
            var directorate = await db.Directorates.Include(d => d.Division).ThenInclude(d => d!.Trust).FirstOrDefaultAsync(d => d.Id == i, ct);
            return (directorate, directorate?.Division?.Trust);
        }
        return (null, trustId is int t ? await db.Trusts.AsNoTracking().FirstOrDefaultAsync(x => x.Id == t, ct) : null);
    }
}
