using System.Globalization;
using Heard.Data;

namespace Heard.Web.Features.Ward;

/// <summary>
/// Sends the weekly ward digests each Monday at Heard:WardDigest:MondayAt (UTC, default 07:00), for the week that ended
/// the day before. A digest already sent for a unit, manager and week is not sent again, so a restart on Monday is safe.
/// </summary>
public sealed class WardDigestScheduler(DatabaseTarget database, IConfiguration config, TimeProvider clock, ILogger<WardDigestScheduler> log)
    : BackgroundService
{
    public const string MondayAtSetting = "Heard:WardDigest:MondayAt";

    public TimeOnly MondayAt => TimeOnly.TryParse(config[MondayAtSetting], CultureInfo.InvariantCulture, out var t) ? t : new TimeOnly(7, 0);

    /// <summary>The first Monday at <paramref name="at"/> strictly after <paramref name="now"/> (UTC).</summary>
    public static DateTime NextRun(DateTime now, TimeOnly at)
    {
        var daysToMonday = ((int)DayOfWeek.Monday - (int)now.DayOfWeek + 7) % 7;
        var run = now.Date.AddDays(daysToMonday) + at.ToTimeSpan();
        return run > now ? run : run.AddDays(7);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            try { await Task.Delay(NextRun(now, MondayAt) - now, clock, stoppingToken); }
            catch (OperationCanceledException) { return; }
            try
            {
                await using var db = database.CreateContext();
                var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
                var (summary, delivered) = await WardDigest.SendAsync(db, config, WardWeek.LastWholeWeekBefore(today), clock.GetUtcNow().UtcDateTime, stoppingToken);
                log.LogInformation("Weekly ward digests: {Queued} queued for {Units} units, {Delivered} delivered", summary.Queued, summary.Units, delivered);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                log.LogError(e, "Weekly ward digests failed; they are tried again next Monday, or run ./heard digest weekly");
            }
        }
    }
}
