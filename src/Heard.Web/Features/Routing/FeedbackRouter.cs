using System.Globalization;
using System.Text;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Routing;

/// <summary>
/// Sends new comments to the teams and people the routing rules name. Every channel stores through the database, so
/// routing reads from it rather than hooking each one: a pass reads the free-text answers stored since the last pass
/// (the <see cref="RoutingMark"/>), once a minute and as soon as a web import finishes. Once a day a catch-up pass reads
/// again everything since the previous catch-up, for comments whose codes or sentiment changed after their first
/// pass (the review queue); the unique index on comment and target keeps that from routing anything twice. Each pass
/// then writes one digest email per target to the outbox (a count and a link, never the comment).
/// </summary>
public sealed class FeedbackRouter(DatabaseTarget database, IConfiguration config, ILogger<FeedbackRouter> log) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan CatchUpEvery = TimeSpan.FromDays(1);
    private const int BatchSize = 2000;

    private readonly SemaphoreSlim _one = new(1, 1);
    private readonly SemaphoreSlim _nudge = new(0, 1);

    public sealed record Pass(int CommentsRead, int Routed, int DigestsQueued);

    /// <summary>Asks for a pass now rather than at the next minute: an import has just finished.</summary>
    public void RouteSoon()
    {
        if (_nudge.CurrentCount == 0)
        {
            try { _nudge.Release(); } catch (SemaphoreFullException) { }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await RunOnceAsync(catchUp: null, stoppingToken); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Routing feedback failed; trying again in a minute");
            }
            try { await _nudge.WaitAsync(Interval, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>
    /// One pass. catchUp: true forces the catch-up, false never does it; null does it when a day has passed since the last.
    /// </summary>
    public async Task<Pass> RunOnceAsync(bool? catchUp, CancellationToken ct)
    {
        await _one.WaitAsync(ct);
        try
        {
            await using var db = database.CreateContext();
            var mark = await db.RoutingMarks.OrderBy(m => m.Id).FirstOrDefaultAsync(ct);
            if (mark is null)
            {
                mark = new RoutingMark { Id = 1 };
                db.RoutingMarks.Add(mark);
            }
            var now = DateTime.UtcNow;
            var doCatchUp = catchUp ?? (mark.LastCatchUpAt is null || now - mark.LastCatchUpAt >= CatchUpEvery);
            var from = doCatchUp ? Math.Min(mark.CatchUpFromAnswerId, mark.LastFeedbackAnswerId) : mark.LastFeedbackAnswerId;
            var (read, routed, last) = await RouteSinceAsync(from, now, ct);
            mark.LastFeedbackAnswerId = Math.Max(mark.LastFeedbackAnswerId, last);
            mark.LastRunAt = now;
            if (doCatchUp)
            {
                mark.CatchUpFromAnswerId = mark.LastFeedbackAnswerId;
                mark.LastCatchUpAt = now;
            }
            await db.SaveChangesAsync(ct);
            var digests = await QueueDigestsAsync(db, now, ct);
            await MailOutbox.DeliverAsync(db, config, ct);
            return new Pass(read, routed, digests);
        }
        finally { _one.Release(); }
    }

    /// <summary>Routes the answers above <paramref name="from"/>; in a context of its own, cleared after each batch so a large catch-up holds one batch in memory.</summary>
    private async Task<(int Read, int Routed, long Last)> RouteSinceAsync(long from, DateTime now, CancellationToken ct)
    {
        await using var db = database.CreateContext();
        var rules = await db.RoutingRules.AsNoTracking().Where(r => r.IsActive).OrderBy(r => r.Id).ToListAsync(ct);
        var last = await db.FeedbackAnswers.MaxAsync(a => (long?)a.Id, ct) ?? 0;
        // No rule, nothing to read: the mark moves on, so a rule made later applies from then on.
        if (rules.Count == 0) return (0, 0, last);
        var byTrust = rules.GroupBy(r => r.TrustId).ToDictionary(g => g.Key, g => g.ToList());
        var trusts = byTrust.Keys.ToList();
        int read = 0, routed = 0;
        var after = from;
        while (after < last)
        {
            var to = Math.Min(last, after + BatchSize);
            var rows = await (
                from a in db.FeedbackAnswers.AsNoTracking()
                join f in db.Feedback on a.FeedbackRecordId equals f.Id
                join u in db.Units on f.UnitId equals u.Id
                where a.Id > after && a.Id <= to && a.Text != null && trusts.Contains(f.TrustId)
                select new { a.Id, f.TrustId, FeedbackId = f.Id, f.UnitId, f.SiteId, u.DivisionId, f.Source, a.Sentiment, a.Text })
                .ToListAsync(ct);
            if (rows.Count > 0)
            {
                var codes = (await db.CommentCodes.AsNoTracking()
                        .Where(c => c.FeedbackAnswerId > after && c.FeedbackAnswerId <= to && c.RemovedAt == null)
                        .Select(c => new { c.FeedbackAnswerId, c.Label, c.Category }).ToListAsync(ct))
                    .ToLookup(c => c.FeedbackAnswerId);
                var existing = (await db.RoutedItems.AsNoTracking()
                        .Where(i => i.FeedbackAnswerId > after && i.FeedbackAnswerId <= to)
                        .Select(i => new { i.FeedbackAnswerId, i.TargetKey }).ToListAsync(ct))
                    .Select(i => (i.FeedbackAnswerId, i.TargetKey)).ToHashSet();
                foreach (var r in rows)
                {
                    var themes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                    foreach (var c in codes[r.Id])
                    {
                        themes.Add(c.Label);
                        if (c.Category is not null) themes.Add(c.Category);
                    }
                    var comment = new RoutableComment(r.Id, r.FeedbackId, r.TrustId, r.UnitId, r.SiteId, r.DivisionId, r.Source, r.Sentiment, r.Text!, themes);
                    foreach (var rule in byTrust[r.TrustId])
                    {
                        if (!RoutingMatch.Matches(rule, comment)) continue;
                        foreach (var (kind, key, team, user) in RoutingMatch.Targets(rule, comment))
                        {
                            // The first rule (lowest id) to send a comment somewhere is the one its history names.
                            if (!existing.Add((r.Id, key))) continue;
                            db.RoutedItems.Add(new RoutedItem
                            {
                                FeedbackRecordId = r.FeedbackId, FeedbackAnswerId = r.Id, TrustId = r.TrustId, UnitId = r.UnitId,
                                RoutingRuleId = rule.Id, TargetKind = kind, TargetKey = key, TeamId = team, UserId = user, RoutedAt = now,
                            });
                            routed++;
                        }
                    }
                }
                read += rows.Count;
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
            after = to;
        }
        return (read, routed, last);
    }

    private async Task<int> QueueDigestsAsync(HeardDbContext db, DateTime now, CancellationToken ct)
    {
        var waiting = await db.RoutedItems.Where(i => i.NotifiedAt == null).ToListAsync(ct);
        if (waiting.Count == 0) return 0;
        var baseUrl = (config["Heard:PublicUrl"] ?? "").TrimEnd('/');
        var unitNames = await UnitNamesAsync(db, waiting.Select(i => i.UnitId), ct);
        var queued = 0;
        foreach (var target in waiting.GroupBy(i => i.TargetKey))
        {
            var first = target.First();
            var (name, recipients) = await RecipientsAsync(db, first, ct);
            foreach (var i in target) i.NotifiedAt = now;
            if (recipients.Count == 0)
            {
                log.LogInformation("Routed feedback for {Target} has nobody with an email address; it waits in Heard", name);
                continue;
            }
            var count = target.Count();
            var body = new StringBuilder();
            body.Append(CultureInfo.InvariantCulture, $"{count} comment{(count == 1 ? " has" : "s have")} been routed to {name}:\r\n\r\n");
            foreach (var unit in target.GroupBy(i => i.UnitId).OrderBy(u => unitNames.GetValueOrDefault(u.Key), StringComparer.Ordinal))
                body.Append(CultureInfo.InvariantCulture, $"  {unitNames.GetValueOrDefault(unit.Key, "Unit " + unit.Key)}: {unit.Count()}\r\n");
            body.Append(CultureInfo.InvariantCulture, $"\r\nPlease read and acknowledge them: {baseUrl}/Routing\r\n");
            body.Append("The comments themselves are shown only in Heard, after you sign in.\r\n");
            foreach (var to in recipients)
                MailOutbox.Queue(db, to, $"Heard: {count} comment{(count == 1 ? "" : "s")} routed to {name}", body.ToString(), now);
            queued++;
        }
        await db.SaveChangesAsync(ct);
        return queued;
    }

    private static async Task<Dictionary<int, string>> UnitNamesAsync(HeardDbContext db, IEnumerable<int> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return await db.Units.Where(u => list.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
    }

    /// <summary>Who a target's digest goes to: the team's mailbox (or, without one, its members), the person, or the unit's ward managers.</summary>
    private static async Task<(string Name, List<string> Emails)> RecipientsAsync(HeardDbContext db, RoutedItem item, CancellationToken ct)
    {
        switch (item.TargetKind)
        {
            case RoutingTargets.Team:
                var team = await db.Teams.AsNoTracking().FirstOrDefaultAsync(t => t.Id == item.TeamId, ct);
                if (team is null) return ("a team that no longer exists", []);
                if (!string.IsNullOrWhiteSpace(team.Email)) return (team.Name, [team.Email]);
                var members = await (from m in db.TeamMembers join u in db.Users on m.UserId equals u.Id
                                     where m.TeamId == team.Id && u.Email != null select u.Email!).ToListAsync(ct);
                return (team.Name, members);
            case RoutingTargets.Person:
                var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == item.UserId, ct);
                return (user?.DisplayName is { Length: > 0 } d ? d : user?.UserName ?? "you", user?.Email is { Length: > 0 } e ? [e] : []);
            default:
                var managers = await RoutedInbox.WardManagersAsync(db, item.UnitId, ct);
                var unitName = await db.Units.Where(u => u.Id == item.UnitId).Select(u => u.Name).FirstOrDefaultAsync(ct);
                return ($"the ward manager of {unitName}", managers.Select(m => m.Email).OfType<string>().Where(e => e.Length > 0).ToList());
        }
    }
}
