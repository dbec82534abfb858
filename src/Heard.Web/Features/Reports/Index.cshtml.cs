using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Features.Dashboard;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Reports;

public sealed record ScheduleSummary(long Id, string Organisation, string Period, string? LastArchived, string CreatedBy);

/// <summary>
/// Board and committee reports: open one for a trust or division and a month or quarter, the archive of saved versions,
/// and the schedules that archive a version as each period closes. Lists only what the user sees all of.
/// </summary>
[Authorize(Policy = Policies.ReadBoardReports)]
public sealed class IndexModel(HeardDbContext db, CurrentUser user, Audit audit, IAuthorizationService authorization) : PageModel
{
    public List<(string Value, string Name)> Organisations { get; private set; } = [];
    public List<BoardReportVersionSummary> Versions { get; private set; } = [];
    public List<ScheduleSummary> Schedules { get; private set; } = [];
    public bool CanPrepare { get; private set; }
    /// <summary>The latest month with feedback, as the default month to open.</summary>
    public string DefaultMonth { get; private set; } = "";

    [BindProperty] public string? Organisation { get; set; }
    [BindProperty] public string? Period { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostScheduleAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (!CanPrepare) return StatusCode(StatusCodes.Status403Forbidden);
        if (Organisations.All(o => o.Value != Organisation)) ModelState.AddModelError(nameof(Organisation), "Select the trust or division to report on");
        if (!BoardReportPeriods.All.Contains(Period ?? "")) ModelState.AddModelError(nameof(Period), "Select monthly or quarterly");
        if (!ModelState.IsValid) return Page();
        var (trust, division) = (await BoardReportArchive.ParseOrganisationAsync(db, Organisation, ct))!.Value;
        if (await db.BoardReportSchedules.AnyAsync(s => s.TrustId == trust && s.DivisionId == division && s.Period == Period, ct))
        {
            ModelState.AddModelError(nameof(Organisation), "That report is already scheduled");
            return Page();
        }
        var schedule = new BoardReportSchedule { TrustId = trust, DivisionId = division, Period = Period!, CreatedAt = DateTime.UtcNow, CreatedBy = user.Name };
        db.BoardReportSchedules.Add(schedule);
        await db.SaveChangesAsync(ct);
        audit.Record(Audit.Actions.Create, "board-report-schedule", schedule.Id, $"{Period} report for trust {trust} division {division}");
        await db.SaveChangesAsync(ct);
        TempData["Success"] = "Report scheduled: a version is archived when each period closes";
        return Redirect("/Reports");
    }

    public async Task<IActionResult> OnPostUnscheduleAsync(long id, CancellationToken ct)
    {
        await LoadAsync(ct);
        if (!CanPrepare) return StatusCode(StatusCodes.Status403Forbidden);
        if (Schedules.All(s => s.Id != id)) return NotFound();
        var schedule = await db.BoardReportSchedules.FirstAsync(s => s.Id == id, ct);
        db.BoardReportSchedules.Remove(schedule);
        audit.Record(Audit.Actions.Delete, "board-report-schedule", id, $"{schedule.Period} report for trust {schedule.TrustId} division {schedule.DivisionId}");
        await db.SaveChangesAsync(ct);
        TempData["Success"] = "Schedule removed. Versions it archived stay in the archive.";
        return Redirect("/Reports");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var scope = await user.UnitIdsAsync(ct);
        CanPrepare = (await authorization.AuthorizeAsync(User, Policies.PrepareBoardReports)).Succeeded;
        Organisations = await BoardReportArchive.OrganisationChoicesAsync(db, scope, ct);
        Versions = await BoardReportArchive.ListAsync(db, scope, ct);
        var readable = await BoardReportArchive.ReadableAsync(db, scope, ct);
        var names = await BoardReportArchive.OrganisationNamesAsync(db, ct);
        Schedules = (await db.BoardReportSchedules.AsNoTracking().OrderBy(s => s.Id).ToListAsync(ct))
            .Where(s => readable(s.TrustId, s.DivisionId))
            .Select(s => new ScheduleSummary(s.Id, names(s.TrustId, s.DivisionId), s.Period,
                s.LastArchivedToMonth is int m ? ReportPeriod.Containing(s.Period, m).Label : null, s.CreatedBy))
            .ToList();
        var latest = await db.FftMonthly.AsNoTracking().MaxAsync(m => (int?)m.Month, ct) ?? DashboardFilter.MonthOf(DateOnly.FromDateTime(DateTime.UtcNow));
        DefaultMonth = DashboardFilter.StartOf(latest).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
    }
}
