using Heard.Web.Features.Alerts;
using Heard.Web.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Heard.Cli;

/// <summary>
/// <c>./heard alerts evaluate [--digest]</c>: evaluates the early-warning rules for every unit now, as the web app does
/// each morning and after each import; alerts already raised are not raised again. With --digest it also sends each
/// owner's digest (mail settings from the environment, e.g. Heard__Mail__PickupDirectory). Last stdout line:
/// <c>raised=N already=M</c>.
/// </summary>
public static class AlertsCommand
{
    public static async Task<int> RunAsync(CliOptions o)
    {
        var db = o.Database();
        var digest = o.Flag("--digest");
        o.EnsureNoUnknown();
        if (o.Positional is not ["evaluate"]) throw new UsageException("usage: ./heard alerts evaluate [--digest]");

        await Startup.PrepareAsync(db, Console.Error);
        await using var context = db.CreateContext();
        var summary = await EarlyWarningEvaluation.RunAsync(context, CancellationToken.None);
        await CommandLineUser.Audit(context).RecordNowAsync(Audit.Actions.Create, "early-warning-alert", null,
            $"evaluated early warnings: {summary.Raised} raised, {summary.AlreadyRaised} already raised");
        Console.Out.WriteLine($"evaluated: {summary.Units} units in {summary.Trusts} trusts" +
            (summary.Month == 0 ? "" : $", latest month {summary.Month / 100:D4}-{summary.Month % 100:D2}"));
        if (digest)
        {
            var config = new ConfigurationBuilder().AddEnvironmentVariables().Build();
            var (queued, delivered) = await EarlyWarningDigest.SendAsync(context, config, DateTime.UtcNow, CancellationToken.None);
            Console.Out.WriteLine($"digests: {queued} queued, {delivered} delivered");
        }
        Console.Out.WriteLine($"raised={summary.Raised} already={summary.AlreadyRaised}");
        return 0;
    }
}
