using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Organisation;

/// <summary>Adds or changes an integrated care board. ICBs span trusts, so only an administrator of the whole installation may.</summary>
[Authorize(Policy = Policies.Administer)]
public sealed class IcbEditModel(HeardDbContext db, CurrentUser user, Audit audit, IAuthorizationService auth) : PageModel
{
    public sealed class InputModel
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public int? IcbId { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        if (!await OrganisationQueries.CanAdministerInstallationAsync(auth, user, ct)) return Forbid();
        if (id is int i)
        {
            var icb = await db.Icbs.AsNoTracking().FirstOrDefaultAsync(x => x.Id == i, ct);
            if (icb is null) return NotFound();
            Input = new InputModel { Code = icb.Code, Name = icb.Name };
            IcbId = i;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        if (!await OrganisationQueries.CanAdministerInstallationAsync(auth, user, ct)) return Forbid();
        IcbId = id;
        Icb? icb = null;
        if (id is int i && (icb = await db.Icbs.FirstOrDefaultAsync(x => x.Id == i, ct)) is null) return NotFound();

        var code = Input.Code?.Trim().ToUpperInvariant() ?? "";
        var name = Input.Name?.Trim() ?? "";
        if (code.Length == 0) ModelState.AddModelError("Input.Code", "Enter the ICB's ODS code, for example QE1");
        else if (!OrganisationCsv.IsShortCode(code)) ModelState.AddModelError("Input.Code", "ICB code must be up to 20 letters, numbers or hyphens");
        else if (await db.Icbs.AnyAsync(x => x.Code == code && x.Id != (id ?? 0), ct))
            ModelState.AddModelError("Input.Code", $"Another ICB already has the code {code}");
        if (name.Length == 0) ModelState.AddModelError("Input.Name", "Enter the ICB's name");
        else if (name.Length > UnitLifecycle.MaxNameLength) ModelState.AddModelError("Input.Name", $"Name must be {UnitLifecycle.MaxNameLength} characters or fewer");
        if (!ModelState.IsValid) return Page();

        if (icb is null)
        {
            icb = new Icb { Code = code, Name = name };
            db.Icbs.Add(icb);
            await db.SaveChangesAsync(ct);
            audit.Record(Audit.Actions.Create, "icb", icb.Id, $"ICB {code} '{name}'");
            TempData["Success"] = $"{name} added";
        }
        else
        {
            audit.Record(Audit.Actions.Update, "icb", icb.Id, $"'{icb.Code}' '{icb.Name}' -> '{code}' '{name}'");
            icb.Code = code;
            icb.Name = name;
            TempData["Success"] = $"{name} saved";
        }
        await db.SaveChangesAsync(ct);
        return Redirect("/Organisation");
    }
}
