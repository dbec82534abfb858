using System.Globalization;
using Heard.Data;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Heard.Web.Features.Equality;

/// <summary>
/// Equality and inclusion: FFT results and themes by the demographics respondents gave, with small groups suppressed, and
/// which groups are seldom heard against the population served. Counts only, so every role may see it, within their scope.
/// </summary>
public sealed class IndexModel(HeardDbContext db, CurrentUser user, IConfiguration config) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Trust { get; set; }
    [BindProperty(SupportsGet = true)] public int? Division { get; set; }
    [BindProperty(SupportsGet = true)] public int? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public int? Months { get; set; }
    [BindProperty(SupportsGet = true)] public string? Setting { get; set; }

    public EqualityView? View { get; private set; }
    public EqualityFilter Filter { get; private set; } = null!;
    public bool CanImport => user.IsInRole(Heard.Data.Model.Roles.PxAdministrator) || user.IsInRole(Heard.Data.Model.Roles.PxAnalyst);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var (filter, errors) = EqualityRequest.Parse(Trust, Division, Unit, Months, Setting);
        foreach (var (field, message) in errors) ModelState.AddModelError(field, message);
        Filter = filter;
        View = await EqualityQuery.LoadAsync(db, filter, await user.UnitIdsAsync(ct), EqualityRequest.MinimumGroupSize(config), ct);
        if (View is null && (Trust is not null || Division is not null || Unit is not null)) return NotFound();
        return Page();
    }

    public static string Percent(double? value) => value is double v ? v.ToString("0", CultureInfo.InvariantCulture) + "%" : "–";
    public static string Share(double? value) => value is double v ? (100 * v).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "–";
}
