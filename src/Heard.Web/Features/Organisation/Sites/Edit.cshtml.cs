using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Organisation;

/// <summary>Adds a site to a trust, or changes a site's code and name.</summary>
[Authorize(Policy = Policies.Administer)]
public sealed class SiteEditModel(HeardDbContext db, CurrentUser user, Audit audit, IAuthorizationService auth) : PageModel
{
    public sealed class InputModel
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
        public DateParts? EffectiveFrom { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public int? SiteId { get; private set; }
    public Trust Trust { get; private set; } = null!;
    public List<OrganisationNameView> History { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, int? trustId, CancellationToken ct)
    {
        var (site, trust) = await FindAsync(id, trustId, ct);
        if (trust is null) return NotFound();
        if (!await OrganisationQueries.CanAdministerTrustAsync(auth, user, trust.Id, ct)) return Forbid();
        Trust = trust;
        SiteId = site?.Id;
        if (site is not null)
        {
            Input = new InputModel { Code = site.Code, Name = site.Name, EffectiveFrom = DateParts.From(DateOnly.FromDateTime(DateTime.UtcNow)) };
            History = await OrganisationNames.HistoryAsync(db, OrganisationLevels.Site, site.Id, ct);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, int? trustId, CancellationToken ct)
    {
        var (site, trust) = await FindAsync(id, trustId, ct);
        if (trust is null) return NotFound();
        if (!await OrganisationQueries.CanAdministerTrustAsync(auth, user, trust.Id, ct)) return Forbid();
        Trust = trust;
        SiteId = site?.Id;
        if (site is not null) History = await OrganisationNames.HistoryAsync(db, OrganisationLevels.Site, site.Id, ct);

        var code = Input.Code?.Trim().ToUpperInvariant() ?? "";
        var name = Input.Name?.Trim() ?? "";
        if (code.Length == 0) ModelState.AddModelError("Input.Code", "Enter the site's ODS code, for example RXX01");
        else if (!OrganisationCsv.IsShortCode(code)) ModelState.AddModelError("Input.Code", "Site code must be up to 20 letters, numbers or hyphens");
        else if ((await db.Sites.Where(s => s.TrustId == trust.Id && s.Id != (id ?? 0)).Select(s => s.Code).ToListAsync(ct))
                 .Contains(code, StringComparer.OrdinalIgnoreCase))
            ModelState.AddModelError("Input.Code", $"{trust.Name} already has a site with the code {code}");
        if (name.Length == 0) ModelState.AddModelError("Input.Name", "Enter the site's name");
        else if (name.Length > UnitLifecycle.MaxNameLength) ModelState.AddModelError("Input.Name", $"Name must be {UnitLifecycle.MaxNameLength} characters or fewer");
        if (!ModelState.IsValid) return Page();

        if (site is null)
        {
            site = new Site { TrustId = trust.Id, Code = code, Name = name };
            db.Sites.Add(site);
            await db.SaveChangesAsync(ct);
            audit.Record(Audit.Actions.Create, "site", site.Id, $"site {code} '{name}' of trust {trust.OdsCode}");
            TempData["Success"] = $"{name} added to {trust.Name}";
        }
        else if (code != site.Code || name != site.Name)
        {
            if (await OrganisationNames.TryRecordRenameAsync(db, ModelState, Input.EffectiveFrom, OrganisationLevels.Site, site.Id,
                    site.Name, site.Code, name, code, user.Name, ct) is not DateOnly from)
                return Page();
            audit.Record(Audit.Actions.Update, "site", site.Id, $"'{site.Code}' '{site.Name}' -> '{code}' '{name}' from {from:yyyy-MM-dd}");
            site.Code = code;
            site.Name = name;
            TempData["Success"] = $"{name} saved";
        }
        await db.SaveChangesAsync(ct);
        return Redirect("/Organisation");
    }

    private async Task<(Site? Site, Trust? Trust)> FindAsync(int? id, int? trustId, CancellationToken ct)
    {
        if (id is int i)
        {
            var site = await db.Sites.Include(s => s.Trust).FirstOrDefaultAsync(s => s.Id == i, ct);
            return (site, site?.Trust);
        }
        return (null, trustId is int t ? await db.Trusts.AsNoTracking().FirstOrDefaultAsync(x => x.Id == t, ct) : null);
    }
}
