using System.Globalization;
using Heard.Data;

namespace Heard.Web.Features.YouSaidWeDid;

/// <summary>
/// Sends the monthly "You said, we did" digest on the first day of each month at Heard:YouSaidWeDid:DigestAt (UTC,
/// default 07:00), for the month just ended. A person is sent a trust's month once, so a restart on the 1st is safe, and
/// `./heard yswd digest` does the same by hand.
/// </summary>
public sealed class MonthlyDigestScheduler(DatabaseTarget database, IConfiguration config, TimeProvider clock, ILogger<MonthlyDigestScheduler> log)
    : BackgroundService
{
    public const string DigestAtSetting = "Heard:YouSaidWeDid:DigestAt";

    public TimeOnly DigestAt => TimeOnly.TryParse(config[DigestAtSetting], CultureInfo.InvariantCulture, out var t) ? t : new TimeOnly(7, 0);

    /// <summary>The first day of a month at <paramref name="at"/> strictly after <paramref name="now"/> (UTC).</summary>
    public static DateTime NextRun(DateTime now, TimeOnly at)
    {
        var run = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc) + at.ToTimeSpan();
        return run > now ? run : run.AddMonths(1);
    }

    /// <summary>The month (yyyymm) that the run at <paramref name="run"/> reports on: the one before it.</summary>
    public static int MonthBefore(DateTime run)
    {
        var previous = new DateOnly(run.Year, run.Month, 1).AddMonths(-1);
        return previous.Year * 100 + previous.Month;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var next = NextRun(now, DigestAt);
            try { await Task.Delay(next - now, clock, stoppingToken); }
            catch (OperationCanceledException) { return; }
            try
            {
                await using var db = database.CreateContext();
                var (summary, delivered) = await MonthlyDigest.SendAsync(db, config, MonthBefore(next), clock.GetUtcNow().UtcDateTime, stoppingToken);
                log.LogInformation("You said, we did digests: {Published} published, {Queued} queued, {Delivered} delivered",
                    summary.Published, summary.Queued, delivered);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                log.LogError(e, "The You said, we did digest failed; it is tried again next month, or run ./heard yswd digest");
            }
        }
    }
}
