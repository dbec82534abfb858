using System.Globalization;
using System.Text;
using Heard.Analysis.Text;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Safeguarding;

/// <summary>
/// Tells each trust's safeguarding lead about new alerts, the same day. Once a minute it writes one notification per
/// lead to the outbox (how many alerts, of what kind, and the link; never the comment, since email is not a safe
/// channel for it), and delivers the outbox (<see cref="MailOutbox"/>: SMTP, or .eml files in the pickup folder the
/// trust's mail relay sends from). Without either the outbox waits, and the alert list
/// and the red banner are the notification. Alerts raised while the web app was not running (a command-line import)
/// are picked up when it next starts.
/// </summary>
public sealed class SafeguardingNotifier(DatabaseTarget database, IConfiguration config, ILogger<SafeguardingNotifier> log) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try { await RunOnceAsync(stoppingToken); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Safeguarding notifications failed; trying again in a minute");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass: queue notifications for new alerts, then deliver the outbox if mail is set up.</summary>
    public async Task<(int Queued, int Delivered)> RunOnceAsync(CancellationToken ct)
    {
        await using var db = database.CreateContext();
        var queued = await QueueAsync(db, ct);
        var delivered = await MailOutbox.DeliverAsync(db, config, ct);
        return (queued, delivered);
    }

    private async Task<int> QueueAsync(HeardDbContext db, CancellationToken ct)
    {
        var waiting = await db.SafeguardingAlerts.Where(a => a.NotifiedAt == null && a.ClosedAt == null).ToListAsync(ct);
        if (waiting.Count == 0) return 0;
        var trustIds = waiting.Select(a => a.TrustId).Distinct().ToList();
        var trusts = await db.Trusts.Where(t => trustIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        var leadIds = trusts.Values.Select(t => t.SafeguardingLeadUserId).OfType<string>().Distinct().ToList();
        var leads = await db.Users.Where(u => leadIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        var baseUrl = (config["Heard:PublicUrl"] ?? "").TrimEnd('/');
        var now = DateTime.UtcNow;
        var queued = 0;
        foreach (var group in waiting.GroupBy(a => a.TrustId))
        {
            var trust = trusts[group.Key];
            // No lead named yet: the alerts wait (on the list and the banner) and are sent once one is named.
            if (trust.SafeguardingLeadUserId is not { } leadId || !leads.TryGetValue(leadId, out var lead)) continue;
            foreach (var a in group) { a.NotifiedAt = now; a.LeadUserId ??= leadId; }
            if (string.IsNullOrWhiteSpace(lead.Email))
            {
                log.LogWarning("Safeguarding lead {User} of {Trust} has no email address; alerts are on the list only", lead.UserName, trust.OdsCode);
                continue;
            }
            var count = group.Count();
            var body = new StringBuilder();
            body.Append(CultureInfo.InvariantCulture, $"{count} new safeguarding alert{(count == 1 ? "" : "s")} for {trust.Name}:\r\n\r\n");
            foreach (var kind in group.GroupBy(a => a.Category).OrderBy(k => k.Key, StringComparer.Ordinal))
                body.Append(CultureInfo.InvariantCulture, $"  {SafeguardingCategories.Label(kind.Key)}: {kind.Count()}\r\n");
            body.Append(CultureInfo.InvariantCulture, $"\r\nPlease acknowledge them today: {baseUrl}/Safeguarding\r\n");
            body.Append("The comments themselves are shown only in Heard, after you sign in.\r\n");
            MailOutbox.Queue(db, lead.Email, $"Heard: {count} safeguarding alert{(count == 1 ? "" : "s")} for {trust.Name}", body.ToString(), now);
            queued++;
        }
        await db.SaveChangesAsync(ct);
        return queued;
    }
}
