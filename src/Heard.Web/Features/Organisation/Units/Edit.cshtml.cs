using Heard.Analysis.Fft;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Organisation;

/// <summary>
/// Adds a ward, team or service, or changes what is not history (code, kind, FFT settings, specialities).
/// Name and placement change on the unit's own page, through rename and move, so earlier months keep what was true then.
/// </summary>
[Authorize(Policy = Policies.Administer)]
public sealed class UnitEditModel(HeardDbContext db, CurrentUser user, Audit audit, IAuthorizationService auth) : PageModel
{
    public sealed class InputModel
    {
        public int? SiteId { get; set; }
        public int? DivisionId { get; set; }
        public int? DirectorateId { get; set; }
        public string? Code { get; set; }
        public string? Name { get; set; }
        public string? Kind { get; set; }
        public List<string> Settings { get; set; } = [];
        public string? FirstSpeciality { get; set; }
        public string? SecondSpeciality { get; set; }
    }

    public static readonly IReadOnlyDictionary<string, string> Fields = new Dictionary<string, string>
    {
        ["name"] = "Name", ["code"] = "Code", ["kind"] = "Kind", ["settings"] = "Settings", ["siteId"] = "SiteId",
        ["divisionId"] = "DivisionId", ["directorateId"] = "DirectorateId", ["firstSpeciality"] = "FirstSpeciality",
        ["secondSpeciality"] = "SecondSpeciality",
    };

    [BindProperty] public InputModel Input { get; set; } = new();
    public Unit? Unit { get; private set; }
    public Trust Trust { get; private set; } = null!;
    public List<Site> Sites { get; private set; } = [];
    public List<Division> Divisions { get; private set; } = [];
    public List<Directorate> Directorates { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, int? trustId, int? siteId, CancellationToken ct)
    {
        var (unit, trust) = await FindAsync(id, trustId, ct);
        if (trust is null) return NotFound();
        if (unit is not null && !await user.CanSeeUnitAsync(unit.Id, ct)) return NotFound();
        if (!await OrganisationQueries.CanAdministerTrustAsync(auth, user, trust.Id, ct)) return Forbid();
        await LoadAsync(trust, unit, ct);
        Input = unit is null
            ? new InputModel { SiteId = siteId ?? (Sites.Count == 1 ? Sites[0].Id : null), Kind = UnitKinds.Ward }
            : new InputModel
            {
                Code = unit.Code, Kind = unit.Kind, Settings = unit.SettingCodes.ToList(),
                FirstSpeciality = unit.FirstSpeciality, SecondSpeciality = unit.SecondSpeciality,
            };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, int? trustId, CancellationToken ct)
    {
        var (unit, trust) = await FindAsync(id, trustId, ct);
        if (trust is null) return NotFound();
        if (unit is not null && !await user.CanSeeUnitAsync(unit.Id, ct)) return NotFound();
        if (!await OrganisationQueries.CanAdministerTrustAsync(auth, user, trust.Id, ct)) return Forbid();
        await LoadAsync(trust, unit, ct);

        ModelState.ReplaceInvalid("Input.SiteId", "Choose the site the unit is at");
        ModelState.ReplaceInvalid("Input.DivisionId", "Choose a division from the list");
        ModelState.ReplaceInvalid("Input.DirectorateId", "Choose a directorate or specialty from the list");
        if (string.IsNullOrWhiteSpace(Input.Code)) ModelState.AddModelError("Input.Code", "Enter a unit code, for example RXX01-W12");
        if (unit is null)
        {
            if (Input.SiteId is null) ModelState.AddModelError("Input.SiteId", "Choose the site the unit is at");
            if (string.IsNullOrWhiteSpace(Input.Name)) ModelState.AddModelError("Input.Name", "Enter the unit's name, as patients and staff know it");
        }
        if (string.IsNullOrWhiteSpace(Input.Kind)) ModelState.AddModelError("Input.Kind", "Choose whether this is a ward, a team or a service");
        if (!ModelState.IsValid) return Page();

        try
        {
            if (unit is null)
            {
                unit = new Unit
                {
                    SiteId = Input.SiteId!.Value, TrustId = trust.Id, DivisionId = Input.DivisionId, DirectorateId = Input.DirectorateId,
                    Code = Input.Code!, Name = Input.Name!, Kind = Input.Kind!, Settings = string.Join(',', Input.Settings),
                    FirstSpeciality = Input.FirstSpeciality, SecondSpeciality = Input.SecondSpeciality,
                };
                if (Sites.All(s => s.Id != unit.SiteId))
                    throw new UnitChangeException("siteId", "Choose a site of this trust");
                await UnitLifecycle.CreateAsync(db, unit, audit, ct);
                TempData["Success"] = $"{unit.Name} added";
            }
            else
            {
                await UnitLifecycle.UpdateDetailsAsync(db, unit, Input.Code!, Input.Kind!, Input.Settings, Input.FirstSpeciality, Input.SecondSpeciality, audit, ct);
                TempData["Success"] = $"{unit.Name} saved";
            }
        }
        catch (UnitChangeException e)
        {
            FormFields.AddError(ModelState, "Input", e, Fields);
            return Page();
        }
        return Redirect($"/Organisation/Units/{unit.Id}");
    }

    public static IReadOnlyList<string> AllSettings => FftSettings.All;

    private async Task LoadAsync(Trust trust, Unit? unit, CancellationToken ct)
    {
        Trust = trust;
        Unit = unit;
        Sites = await db.Sites.AsNoTracking().Where(s => s.TrustId == trust.Id).OrderBy(s => s.Name).ToListAsync(ct);
        Divisions = await db.Divisions.AsNoTracking().Where(d => d.TrustId == trust.Id).OrderBy(d => d.Name).ToListAsync(ct);
        var divisionIds = Divisions.Select(d => d.Id).ToList();
        Directorates = await db.Directorates.AsNoTracking().Where(d => divisionIds.Contains(d.DivisionId)).OrderBy(d => d.Name).ToListAsync(ct);
    }

    private async Task<(Unit? Unit, Trust? Trust)> FindAsync(int? id, int? trustId, CancellationToken ct)
    {
        if (id is int i)
        {
            var unit = await db.Units.Include(u => u.Trust).FirstOrDefaultAsync(u => u.Id == i, ct);
            return (unit, unit?.Trust);
        }
        return (null, trustId is int t ? await db.Trusts.AsNoTracking().FirstOrDefaultAsync(x => x.Id == t, ct) : null);
    }
}
