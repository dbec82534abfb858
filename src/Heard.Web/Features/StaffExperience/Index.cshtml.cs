using Heard.Data;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.StaffExperience;

/// <summary>
/// Staff experience beside patient experience: the Staff Survey's "patient feedback is used to make informed decisions"
/// and staff FFT, for a trust's units in the user's scope or one unit, month by month against patients' FFT % positive.
/// </summary>
[Authorize(Policy = Policies.SeeStaffExperience)]
public sealed class IndexModel(HeardDbContext db, CurrentUser user, IAuthorizationService authorization) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Trust { get; set; }
    [BindProperty(SupportsGet = true)] public int? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }

    public StaffExperienceView? View { get; private set; }
    public bool CanImport { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        CanImport = (await authorization.AuthorizeAsync(User, Policies.ImportData)).Succeeded;
        var scope = await user.UnitIdsAsync(ct);
        var units = scope is null ? await db.Units.Select(u => u.Id).ToListAsync(ct) : scope.ToList();
        if (Unit is int u) units = units.Where(x => x == u).ToList();
        var (from, to, errors) = await Quality.QualityQuery.PeriodAsync(db, units, From, To, ct);
        foreach (var (field, message) in errors) ModelState.AddModelError(field, message);
        View = await StaffExperienceQuery.BuildAsync(db, scope, Trust, Unit, from, to, ct);
        if (View is null && (Trust is not null || Unit is not null)) return NotFound();
        return Page();
    }
}
