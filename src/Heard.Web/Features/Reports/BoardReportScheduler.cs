using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Features.Dashboard;
using Heard.Web.Features.Equality;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Reports;

/// <summary>
/// Archives each scheduled report once its period has closed: every hour it looks for schedules whose latest closed
/// month or quarter has no scheduled version yet, and saves one, starting from the narratives of the latest version
/// people saved for that period (if any). A period that closed before the schedule existed is not filled in.
/// </summary>
public sealed class BoardReportScheduler(DatabaseTarget database, IConfiguration config, TimeProvider time, ILogger<BoardReportScheduler> log)
    : BackgroundService
{
    public const string SavedBy = "schedule";
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try { await RunOnceAsync(time.GetUtcNow().UtcDateTime, stoppingToken); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Scheduled board reports failed; trying again in an hour");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>The latest period of this kind that has closed by <paramref name="today"/>.</summary>
    public static ReportPeriod LatestClosed(string kind, DateOnly today)
    {
        var p = ReportPeriod.Containing(kind, DashboardFilter.MonthOf(today.AddMonths(-1)));
        return p.ClosesOn <= today ? p : p.Previous();
    }

    /// <summary>Archives what is due at <paramref name="now"/>; returns the versions saved.</summary>
    public async Task<int> RunOnceAsync(DateTime now, CancellationToken ct)
    {
        await using var db = database.CreateContext();
        var schedules = await db.BoardReportSchedules.OrderBy(s => s.Id).ToListAsync(ct);
        var today = DateOnly.FromDateTime(now);
        var saved = 0;
        foreach (var schedule in schedules)
        {
            var period = LatestClosed(schedule.Period, today);
            if (schedule.LastArchivedToMonth is int last && last >= period.ToMonth) continue;
            var request = new BoardReportRequest(schedule.TrustId, schedule.DivisionId, period);
            var figures = await BoardReportQuery.GenerateAsync(db, request, EqualityRequest.MinimumGroupSize(config), ct);
            schedule.LastArchivedToMonth = period.ToMonth;
            if (figures is null)
            {
                await db.SaveChangesAsync(ct);
                continue;
            }
            var narratives = await BoardReportArchive.LatestNarrativesAsync(db, request, ct);
            await BoardReportArchive.SaveAsync(db, figures, narratives, now, SavedBy, schedule.Id, ct);
            saved++;
            log.LogInformation("Archived the scheduled {Period} report for trust {Trust} division {Division}, {Label}",
                schedule.Period, schedule.TrustId, schedule.DivisionId, period.Label);
        }
        return saved;
    }
}
