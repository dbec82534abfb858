using System.Globalization;
using Heard.Data;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Heard.Web.Features.Funnel;

/// <summary>
/// A trust's units on a funnel plot: which differ from the rest by more than chance would explain. Counts only, so every
/// role may see it, for the units in their scope.
/// </summary>
public sealed class IndexModel(HeardDbContext db, CurrentUser user) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Trust { get; set; }
    [BindProperty(SupportsGet = true)] public int? Division { get; set; }
    [BindProperty(SupportsGet = true)] public int? Months { get; set; }
    [BindProperty(SupportsGet = true)] public string? Measure { get; set; }
    [BindProperty(SupportsGet = true)] public string? Setting { get; set; }
    /// <summary>"unadjusted" draws limits for chance alone; otherwise the chart allows for over-dispersion.</summary>
    [BindProperty(SupportsGet = true)] public string? Limits { get; set; }

    public FunnelView? View { get; private set; }
    public FunnelFilter Filter { get; private set; } = null!;
    public bool Adjusted => Limits != "unadjusted";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var (filter, errors) = FunnelRequest.Parse(Trust, Division, Months, Measure, Setting);
        foreach (var (field, message) in errors) ModelState.AddModelError(field, message);
        Filter = filter;
        View = await FunnelQuery.LoadAsync(db, filter, await user.UnitIdsAsync(ct), ct);
        if (View is null && (Trust is not null || Division is not null)) return NotFound();
        if (View is not null) Filter = filter with { TrustId = View.TrustId };
        return Page();
    }

    public static string Percent(double? value) => value is double v ? v.ToString("0.0", CultureInfo.InvariantCulture) + "%" : "*";
}
