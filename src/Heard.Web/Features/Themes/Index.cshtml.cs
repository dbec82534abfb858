using System.Globalization;
using Heard.Data;
using Heard.Web.Features.Dashboard;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Heard.Web.Features.Themes;

/// <summary>
/// Theme insight: what patients' comments are about, for a trust, division or unit against the trust, month by month.
/// Counts only, so every role may see it (commissioners included); the links down to the comments themselves show only to
/// roles that may read comments.
/// </summary>
public sealed class IndexModel(HeardDbContext db, CurrentUser user) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Trust { get; set; }
    [BindProperty(SupportsGet = true)] public int? Division { get; set; }
    [BindProperty(SupportsGet = true)] public int? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Source { get; set; }
    [BindProperty(SupportsGet = true)] public string? Setting { get; set; }

    public ThemeView? View { get; private set; }
    public ThemeFilter Filter { get; private set; } = null!;
    public List<int> AvailableMonths { get; } = [];
    public bool CanReadComments => user.CanReadComments;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var (filter, errors, latest) = await ThemeRequest.ParseAsync(db, Trust, Division, Unit, From, To, Source, Setting, ct);
        foreach (var (field, message) in errors) ModelState.AddModelError(field, message);
        Filter = filter;
        for (var d = DashboardFilter.StartOf(latest).AddMonths(-35); d <= DashboardFilter.StartOf(latest); d = d.AddMonths(1))
            AvailableMonths.Add(DashboardFilter.MonthOf(d));
        foreach (var m in new[] { filter.FromMonth, filter.ToMonth }.Where(m => !AvailableMonths.Contains(m))) AvailableMonths.Add(m);
        AvailableMonths.Sort();

        View = await ThemeQuery.LoadAsync(db, filter, await user.UnitIdsAsync(ct), ct);
        if (View is null && (Trust is not null || Division is not null || Unit is not null)) return NotFound();
        if (View is not null) Filter = View.Filter;
        return Page();
    }

    public static string Percent(double? value) => value is double v ? v.ToString("0", CultureInfo.InvariantCulture) + "%" : "–";
    public static string Share(double? value) => value is double v ? (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "–";
    public static string Mean(double? value) => value is double v ? v.ToString("0.0", CultureInfo.InvariantCulture) : "–";
}
