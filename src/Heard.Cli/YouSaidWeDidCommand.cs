using System.Globalization;
using Heard.Web.Features.YouSaidWeDid;
using Heard.Web.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Heard.Cli;

/// <summary>
/// <c>./heard yswd digest [--month YYYY-MM]</c>: queues the monthly "You said, we did" email for staff (default: last
/// month) and delivers the outbox (mail settings from the environment, e.g. Heard__Mail__PickupDirectory). A month is
/// sent once per person and trust, so running it again (or from a scheduler every day) sends nothing new. Last stdout
/// line: <c>published=N queued=M already=K</c>.
/// </summary>
public static class YouSaidWeDidCommand
{
    public static async Task<int> RunAsync(CliOptions o)
    {
        var db = o.Database();
        var monthText = o.Get("--month");
        o.EnsureNoUnknown();
        if (o.Positional is not ["digest"]) throw new UsageException("usage: ./heard yswd digest [--month YYYY-MM]");
        var lastMonth = DateTime.UtcNow.AddMonths(-1);
        var month = lastMonth.Year * 100 + lastMonth.Month;
        if (monthText is not null)
        {
            if (!DateOnly.TryParseExact(monthText + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var m))
                throw new UsageException($"--month '{monthText}' is not a month (use YYYY-MM)");
            month = m.Year * 100 + m.Month;
        }

        await Startup.PrepareAsync(db, Console.Error);
        await using var context = db.CreateContext();
        var config = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var (summary, delivered) = await MonthlyDigest.SendAsync(context, config, month, DateTime.UtcNow, CancellationToken.None);
        await CommandLineUser.Audit(context).RecordNowAsync(Audit.Actions.Create, "you-said-we-did-digest", month,
            $"monthly digest: {summary.Queued} queued, {summary.AlreadySent} already sent");
        Console.Out.WriteLine($"digests: {summary.Queued} queued, {delivered} delivered");
        Console.Out.WriteLine($"published={summary.Published} queued={summary.Queued} already={summary.AlreadySent}");
        return 0;
    }
}
