using System.Globalization;
using Heard.Analysis.Fft;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Dashboard;

public sealed class IndexModel(HeardDbContext db, CurrentUser user, Audit audit) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Trust { get; set; }
    [BindProperty(SupportsGet = true)] public int? Division { get; set; }
    [BindProperty(SupportsGet = true)] public int? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Setting { get; set; }
    [BindProperty(SupportsGet = true)] public string? Source { get; set; }

    public DashboardView? View { get; private set; }
    public DashboardFilter Filter { get; private set; } = null!;
    public List<int> AvailableMonths { get; } = [];
    public bool HasAnyData { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var latest = await db.FftMonthly.AsNoTracking().MaxAsync(m => (int?)m.Month, ct);
        HasAnyData = latest is not null;
        var to = ParseMonth(To) ?? latest ?? DashboardFilter.MonthOf(DateOnly.FromDateTime(DateTime.UtcNow));
        var from = ParseMonth(From) ?? DashboardFilter.MonthOf(DashboardFilter.StartOf(to).AddMonths(-11));
        if (from > to)
        {
            ModelState.AddModelError(nameof(From), "The start month must be before the end month");
            (from, to) = (to, from);
        }
        if (Setting is not null && !FftSettings.IsKnown(Setting)) Setting = null;
        if (Source is not null && !FeedbackSources.All.Contains(Source)) Source = null;
        Filter = new DashboardFilter(Trust, Division, Unit, from, to, Setting, Source);
        for (var d = DashboardFilter.StartOf(latest ?? to).AddMonths(-35); d <= DashboardFilter.StartOf(latest ?? to); d = d.AddMonths(1))
            AvailableMonths.Add(DashboardFilter.MonthOf(d));

        View = await DashboardQuery.LoadAsync(db, Filter, await user.UnitIdsAsync(ct), user.CanReadComments, user.CanReadIdentifiable, ct);
        if (View is null && (Trust is not null || Division is not null || Unit is not null)) return NotFound();
        if (View is { CommentsRedacted: false, Comments.Count: > 0 })
            await audit.RecordNowAsync(Audit.Actions.ReadIdentifiable, "comments", null, $"dashboard {DashboardQuery.Link(Filter)}: {View.Comments.Count} unredacted comments", ct);
        return Page();
    }

    private static int? ParseMonth(string? text) =>
        DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? DashboardFilter.MonthOf(d) : null;

    public static string Percent(int? value) => value is int v ? $"{v}%" : "–";
    public static string Rate(double? value) => value is double v ? $"{v * 100:0}%" : "not known";
}
