using Heard.Data;
using Heard.Web.Features.Dashboard;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Ward;

/// <summary>The page a ward manager bookmarks: this month against last, the year's trend, and what patients said.</summary>
public sealed class IndexModel(HeardDbContext db, CurrentUser user, Audit audit) : PageModel
{
    public DashboardView Year { get; private set; } = null!;
    public DashboardView ThisMonth { get; private set; } = null!;
    public DashboardView LastMonth { get; private set; } = null!;
    public string SiteName { get; private set; } = "";
    public string? DivisionName { get; private set; }
    public string Settings { get; private set; } = "";
    public int Month { get; private set; }
    public bool Closed { get; private set; }
    public int UnitId { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await user.CanSeeUnitAsync(id, ct)) return NotFound();
        var unit = await db.Units.AsNoTracking().Include(u => u.Site).Include(u => u.Division).FirstOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null) return NotFound();
        UnitId = id;
        SiteName = unit.Site?.Name ?? "";
        DivisionName = unit.Division?.Name;
        Settings = string.Join(", ", unit.SettingCodes.Select(s => Heard.Analysis.Fft.FftSettings.IsKnown(s) ? Heard.Analysis.Fft.FftSettings.Label(s) : s));
        Closed = unit.ClosedOn is not null;
        Month = await db.FftMonthly.AsNoTracking().Where(m => m.UnitId == id).MaxAsync(m => (int?)m.Month, ct)
            ?? DashboardFilter.MonthOf(DateOnly.FromDateTime(DateTime.UtcNow));
        var previous = DashboardFilter.MonthOf(DashboardFilter.StartOf(Month).AddMonths(-1));
        var yearStart = DashboardFilter.MonthOf(DashboardFilter.StartOf(Month).AddMonths(-11));
        var scope = await user.UnitIdsAsync(ct);
        async Task<DashboardView> Load(int from, int to) =>
            (await DashboardQuery.LoadAsync(db, new DashboardFilter(unit.TrustId, null, id, from, to, null, null), scope, user.CanReadComments, user.CanReadIdentifiable, ct))!;
        Year = await Load(yearStart, Month);
        ThisMonth = await Load(Month, Month);
        LastMonth = await Load(previous, previous);
        if (!ThisMonth.CommentsRedacted && ThisMonth.Comments.Count > 0)
            await audit.RecordNowAsync(Audit.Actions.ReadIdentifiable, "comments", id, $"ward page: {ThisMonth.Comments.Count} unredacted comments", ct);
        return Page();
    }

    public static string Change(int? now, int? before) => (now, before) switch
    {
        (int n, int b) when n > b => $"up {n - b} points from last month",
        (int n, int b) when n < b => $"down {b - n} points from last month",
        (int, int) => "the same as last month",
        _ => "",
    };
}
