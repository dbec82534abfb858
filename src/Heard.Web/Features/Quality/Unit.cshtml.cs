using Heard.Data;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Heard.Web.Features.Quality;

/// <summary>
/// One unit's quality measures month by month beside its patient experience. Figures only, never comments, so every role
/// may see it for the units in their scope.
/// </summary>
public sealed class UnitModel(HeardDbContext db, CurrentUser user, IAuthorizationService authorization) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }

    public UnitQualityView View { get; private set; } = null!;
    public IReadOnlyList<string> Labels { get; private set; } = [];
    public bool CanImport { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await user.CanSeeUnitAsync(id, ct)) return NotFound();
        var (from, to, errors) = await QualityQuery.PeriodAsync(db, [id], From, To, ct);
        foreach (var (field, message) in errors) ModelState.AddModelError(field, message);
        var view = await QualityQuery.UnitAsync(db, id, from, to, ct);
        if (view is null) return NotFound();
        View = view;
        Labels = view.Months.Select(Dashboard.DashboardFilter.Label).ToList();
        CanImport = (await authorization.AuthorizeAsync(User, Policies.ImportData)).Succeeded;
        return Page();
    }
}
