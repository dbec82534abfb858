using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Organisation;

/// <summary>Adds a trust (administrators of the whole installation) or changes one (administrators whose scope covers it).</summary>
[Authorize(Policy = Policies.Administer)]
public sealed class TrustEditModel(HeardDbContext db, CurrentUser user, Audit audit, IAuthorizationService auth) : PageModel
{
    public sealed class InputModel
    {
        public string? OdsCode { get; set; }
        public string? Name { get; set; }
        public int? IcbId { get; set; }
        public bool TransparencyPublic { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public int? TrustId { get; private set; }
    public List<Icb> Icbs { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        if (!await AllowedAsync(id, ct)) return Forbid();
        if (id is int i)
        {
            var trust = await db.Trusts.AsNoTracking().FirstOrDefaultAsync(t => t.Id == i, ct);
            if (trust is null) return NotFound();
            Input = new InputModel { OdsCode = trust.OdsCode, Name = trust.Name, IcbId = trust.IcbId, TransparencyPublic = trust.TransparencyPublic };
            TrustId = i;
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        if (!await AllowedAsync(id, ct)) return Forbid();
        TrustId = id;
        Trust? trust = null;
        if (id is int i && (trust = await db.Trusts.FirstOrDefaultAsync(t => t.Id == i, ct)) is null) return NotFound();

        ModelState.ReplaceInvalid("Input.IcbId", "Choose an integrated care board from the list");
        var code = Input.OdsCode?.Trim().ToUpperInvariant() ?? "";
        var name = Input.Name?.Trim() ?? "";
        if (code.Length == 0) ModelState.AddModelError("Input.OdsCode", "Enter the trust's ODS code, for example RXX");
        else if (!OrganisationCsv.IsOdsCode(code)) ModelState.AddModelError("Input.OdsCode", "ODS code must be 3 to 5 capital letters or numbers, for example RXX or R1H");
        else if (await db.Trusts.AnyAsync(t => t.OdsCode == code && t.Id != (id ?? 0), ct))
            ModelState.AddModelError("Input.OdsCode", $"Another trust already has the ODS code {code}");
        if (name.Length == 0) ModelState.AddModelError("Input.Name", "Enter the trust's name");
        else if (name.Length > UnitLifecycle.MaxNameLength) ModelState.AddModelError("Input.Name", $"Name must be {UnitLifecycle.MaxNameLength} characters or fewer");
        if (Input.IcbId is int icbId && !await db.Icbs.AnyAsync(x => x.Id == icbId, ct))
            ModelState.AddModelError("Input.IcbId", "Choose an integrated care board from the list");
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }

        if (trust is null)
        {
            trust = new Trust { OdsCode = code, Name = name, IcbId = Input.IcbId, TransparencyPublic = Input.TransparencyPublic };
            db.Trusts.Add(trust);
            await db.SaveChangesAsync(ct);
            audit.Record(Audit.Actions.Create, "trust", trust.Id, $"trust {code} '{name}', ICB {Input.IcbId?.ToString() ?? "none"}, transparency page {(Input.TransparencyPublic ? "public" : "not public")}");
            TempData["Success"] = $"{name} added. Now add its sites, divisions and units.";
        }
        else
        {
            audit.Record(Audit.Actions.Update, "trust", trust.Id,
                $"'{trust.OdsCode}' '{trust.Name}' ICB {trust.IcbId?.ToString() ?? "none"} transparency {(trust.TransparencyPublic ? "public" : "off")} -> " +
                $"'{code}' '{name}' ICB {Input.IcbId?.ToString() ?? "none"} transparency {(Input.TransparencyPublic ? "public" : "off")}");
            trust.OdsCode = code;
            trust.Name = name;
            trust.IcbId = Input.IcbId;
            trust.TransparencyPublic = Input.TransparencyPublic;
            TempData["Success"] = $"{name} saved";
        }
        await db.SaveChangesAsync(ct);
        return Redirect("/Organisation");
    }

    private async Task<bool> AllowedAsync(int? id, CancellationToken ct) => id is int i
        ? await OrganisationQueries.CanAdministerTrustAsync(auth, user, i, ct)
        : await OrganisationQueries.CanAdministerInstallationAsync(auth, user, ct);

    private async Task LoadAsync(CancellationToken ct) => Icbs = await db.Icbs.AsNoTracking().OrderBy(x => x.Name).ToListAsync(ct);
}
