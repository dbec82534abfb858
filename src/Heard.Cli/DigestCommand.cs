using Heard.Web.Features.Ward;
using Heard.Web.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Heard.Cli;

/// <summary>
/// <c>./heard digest weekly [--week YYYY-MM-DD]</c>: queues each unit's weekly ward digest to its ward managers and delivers
/// the outbox (mail settings from the environment, e.g. Heard__Mail__PickupDirectory), as the web app does each Monday.
/// The week starts on the date given; without it, the last whole Monday-to-Sunday week. A digest already sent for a unit,
/// manager and week is not sent again. Last stdout line: <c>queued=N already=M delivered=D</c>.
/// </summary>
public static class DigestCommand
{
    public static async Task<int> RunAsync(CliOptions o)
    {
        var db = o.Database();
        var weekText = o.Get("--week");
        o.EnsureNoUnknown();
        if (o.Positional is not ["weekly"]) throw new UsageException("usage: ./heard digest weekly [--week YYYY-MM-DD]");
        WardWeek week;
        if (weekText is null) week = WardWeek.LastWholeWeekBefore(DateOnly.FromDateTime(DateTime.UtcNow));
        else if (!WardWeek.TryParse(weekText, out week)) throw new UsageException($"--week: '{weekText}' is not a date (YYYY-MM-DD)");

        await Startup.PrepareAsync(db, Console.Error);
        await using var context = db.CreateContext();
        var config = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var (summary, delivered) = await WardDigest.SendAsync(context, config, week, DateTime.UtcNow, CancellationToken.None);
        await CommandLineUser.Audit(context).RecordNowAsync(Audit.Actions.Create, "notification", null,
            $"weekly ward digests for {week.Key}: {summary.Queued} queued, {summary.AlreadySent} already sent");
        Console.Out.WriteLine($"week: {week.Label}; {summary.Units} units with a ward manager");
        Console.Out.WriteLine($"queued={summary.Queued} already={summary.AlreadySent} delivered={delivered}");
        return 0;
    }
}
