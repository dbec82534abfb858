using Heard.Data;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Quality;

/// <summary>
/// Across the units of a trust or division: how each quality measure moves with patients' FFT percentage positive.
/// Figures only, so every role may see it for the units in their scope.
/// </summary>
public sealed class IndexModel(HeardDbContext db, CurrentUser user, IAuthorizationService authorization) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Trust { get; set; }
    [BindProperty(SupportsGet = true)] public int? Division { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }

    public CrossUnitView? View { get; private set; }
    public bool CanImport { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        CanImport = (await authorization.AuthorizeAsync(User, Policies.ImportData)).Succeeded;
        var scope = await user.UnitIdsAsync(ct);
        var units = scope is null ? await db.Units.Select(u => u.Id).ToListAsync(ct) : scope.ToList();
        var (from, to, errors) = await QualityQuery.PeriodAsync(db, units, From, To, ct);
        foreach (var (field, message) in errors) ModelState.AddModelError(field, message);
        View = await QualityQuery.AcrossAsync(db, scope, Trust, Division, from, to, ct);
        if (View is null && (Trust is not null || Division is not null)) return NotFound();
        return Page();
    }
}
