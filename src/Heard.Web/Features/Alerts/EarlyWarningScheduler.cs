using System.Globalization;
using System.Text;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Features.Import;
using Heard.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Alerts;

/// <summary>
/// Evaluates early warnings every day at Heard:EarlyWarning:DailyAt (UTC, default 06:00) and then sends each owner their
/// digest; and evaluates again whenever an import finishes (<see cref="ImportCompletions"/>), so new alerts are in the
/// inbox at once and in the next morning's digest.
/// </summary>
public sealed class EarlyWarningScheduler(DatabaseTarget database, IConfiguration config, ImportCompletions imports, ILogger<EarlyWarningScheduler> log)
    : BackgroundService
{
    public const string DailyAtSetting = "Heard:EarlyWarning:DailyAt";

    public TimeOnly DailyAt => TimeOnly.TryParse(config[DailyAtSetting], CultureInfo.InvariantCulture, out var t) ? t : new TimeOnly(6, 0);

    /// <summary>The first time of day <paramref name="at"/> strictly after <paramref name="now"/> (UTC).</summary>
    public static DateTime NextRun(DateTime now, TimeOnly at)
    {
        var today = now.Date + at.ToTimeSpan();
        return today > now ? today : today.AddDays(1);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Task<bool>? imported = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            // The same wait on imports carries over a daily run, so no waiter is left behind each day.
            imported ??= imports.Reader.WaitToReadAsync(stoppingToken).AsTask();
            var now = DateTime.UtcNow;
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var daily = Task.Delay(NextRun(now, DailyAt) - now, wait.Token);
            try
            {
                if (await Task.WhenAny(imported, daily) == imported)
                {
                    await wait.CancelAsync();
                    if (!await imported) return;
                    imported = null;
                    imports.Reader.TryRead(out _);
                    await EvaluateAsync(digest: false, stoppingToken);
                }
                else
                {
                    await daily;
                    await EvaluateAsync(digest: true, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
        }
    }

    private async Task EvaluateAsync(bool digest, CancellationToken ct)
    {
        try
        {
            await using var db = database.CreateContext();
            var summary = await EarlyWarningEvaluation.RunAsync(db, ct);
            log.LogInformation("Early warnings evaluated for {Units} units: {Raised} raised", summary.Units, summary.Raised);
            if (digest) await EarlyWarningDigest.SendAsync(db, config, DateTime.UtcNow, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Early-warning evaluation failed; it runs again after the next import or tomorrow");
        }
    }
}

/// <summary>
/// Each owner's daily email: their new alerts (not in a digest before) and those still open, each with its explanation
/// and a link to the inbox. Figures only, no comments. Queued in the notification outbox and delivered by
/// <see cref="MailOutbox"/> (SMTP, or .eml files in the pickup folder).
/// </summary>
public static class EarlyWarningDigest
{
    private sealed record OpenAlert(Data.Model.EarlyWarningAlert Alert, string UnitName);

    /// <summary>Queues one digest per owner with an email address and open alerts; returns how many were queued.</summary>
    public static async Task<int> QueueAsync(HeardDbContext db, IConfiguration config, DateTime now, CancellationToken ct)
    {
        var open = await (from a in db.EarlyWarningAlerts
                          join u in db.Units on a.UnitId equals u.Id
                          where a.ResolvedAt == null && a.OwnerUserId != null
                          orderby a.RaisedAt descending, a.Id descending
                          select new OpenAlert(a, u.Name)).ToListAsync(ct);
        if (open.Count == 0) return 0;
        var ownerIds = open.Select(o => o.Alert.OwnerUserId!).Distinct().ToList();
        var owners = await db.Users.Where(u => ownerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        var baseUrl = (config["Heard:PublicUrl"] ?? "").TrimEnd('/');
        var queued = 0;
        foreach (var group in open.GroupBy(o => o.Alert.OwnerUserId!))
        {
            if (!owners.TryGetValue(group.Key, out var owner) || string.IsNullOrWhiteSpace(owner.Email)) continue;
            var fresh = group.Where(o => o.Alert.NotifiedAt == null).ToList();
            var still = group.Where(o => o.Alert.NotifiedAt != null).ToList();
            var body = new StringBuilder();
            body.Append(CultureInfo.InvariantCulture, $"Early warnings for {(owner.DisplayName.Length > 0 ? owner.DisplayName : owner.UserName)}, {now:d MMMM yyyy}\r\n\r\n");
            void Section(string heading, List<OpenAlert> items)
            {
                body.Append(heading).Append("\r\n\r\n");
                foreach (var (a, unitName) in items)
                    body.Append(CultureInfo.InvariantCulture, $"- {unitName}: {a.Explanation}\r\n  {baseUrl}/Alerts?unit={a.UnitId}#alert-{a.Id}\r\n");
                body.Append("\r\n");
            }
            if (fresh.Count > 0) Section($"New ({fresh.Count}):", fresh);
            if (still.Count > 0) Section($"Still open ({still.Count}):", still);
            body.Append(CultureInfo.InvariantCulture, $"Acknowledge, reassign or resolve them in Heard: {baseUrl}/Alerts\r\n");
            db.Notifications.Add(new Notification
            {
                Recipient = owner.Email,
                Subject = $"Heard: {fresh.Count} new and {still.Count} open early warning{(fresh.Count + still.Count == 1 ? "" : "s")}",
                Body = body.ToString(),
                CreatedAt = now,
            });
            foreach (var o in fresh) o.Alert.NotifiedAt = now;
            queued++;
        }
        await db.SaveChangesAsync(ct);
        return queued;
    }

    /// <summary>Queues the digests and delivers the outbox.</summary>
    public static async Task<(int Queued, int Delivered)> SendAsync(HeardDbContext db, IConfiguration config, DateTime now, CancellationToken ct)
    {
        var queued = await QueueAsync(db, config, now, ct);
        return (queued, await MailOutbox.DeliverAsync(db, config, ct));
    }
}
