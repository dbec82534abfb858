using System.Globalization;
using System.Net;
using System.Text;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Features.Actions;
using Heard.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.YouSaidWeDid;

/// <summary>
/// The monthly staff email: for each trust, what was published that month on the units in each person's scope, and
/// the linked actions still open. Sent to those who manage actions (the PX team, division leads, ward managers) with an
/// email address, one message per person and trust, once per month (recorded in you_said_we_did_digest). HTML, with
/// every piece of text redacted as on the public page, since email leaves Heard.
/// </summary>
public static class MonthlyDigest
{
    public sealed record Summary(int Published, int Queued, int AlreadySent);

    public static async Task<Summary> QueueAsync(HeardDbContext db, IConfiguration config, int month, DateTime now, CancellationToken ct)
    {
        var from = new DateTime(month / 100, month % 100, 1, 0, 0, 0, DateTimeKind.Utc);
        var to = from.AddMonths(1);
        var published = await db.YouSaidWeDidRecords.AsNoTracking()
            .Where(r => r.Status == YouSaidWeDidStatuses.Published && r.PublishedAt >= from && r.PublishedAt < to)
            .OrderBy(r => r.PublishedAt).ThenBy(r => r.Id).ToListAsync(ct);
        if (published.Count == 0) return new Summary(0, 0, 0);

        var roleIds = await db.Roles.Where(r => Policies.ActionManagers.Contains(r.Name!)).Select(r => r.Id).ToListAsync(ct);
        var userIds = await db.UserRoles.Where(ur => roleIds.Contains(ur.RoleId)).Select(ur => ur.UserId).Distinct().ToListAsync(ct);
        var people = (await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id) && u.Email != null && u.Email != "").ToListAsync(ct))
            .Where(u => !Admin.Users.UserForm.IsDisabled(u.LockoutEnd)).ToList();
        var unitTrust = await db.Units.AsNoTracking().Select(u => new { u.Id, u.TrustId }).ToDictionaryAsync(u => u.Id, u => u.TrustId, ct);
        var trusts = await db.Trusts.AsNoTracking().ToDictionaryAsync(t => t.Id, ct);
        var places = await YouSaidWeDidRecords.PlaceNamesAsync(db, published, ct);
        var ids = published.Select(r => r.Id).ToList();
        var openActions = await (from l in db.YouSaidWeDidActions.AsNoTracking()
                                 join a in db.ImprovementActions.AsNoTracking() on l.ImprovementActionId equals a.Id
                                 where ids.Contains(l.YouSaidWeDidRecordId) && (a.Status == ActionStatuses.Open || a.Status == ActionStatuses.InProgress)
                                 orderby a.DueOn
                                 select new { l.YouSaidWeDidRecordId, a.Id, a.Title, a.Status, a.DueOn }).ToListAsync(ct);
        var sent = (await db.YouSaidWeDidDigests.Where(d => d.Month == month).Select(d => new { d.TrustId, d.UserId }).ToListAsync(ct))
            .Select(d => (d.TrustId, d.UserId)).ToHashSet();
        var baseUrl = (config["Heard:PublicUrl"] ?? "").TrimEnd('/');
        var label = from.ToString("MMMM yyyy", CultureInfo.InvariantCulture);
        int queued = 0, already = 0;

        foreach (var person in people)
        {
            var scope = await CurrentUser.UnitsInScopeAsync(db, person.Id, ct);
            var trustsInScope = scope?.Select(u => unitTrust.GetValueOrDefault(u)).ToHashSet();
            foreach (var trustGroup in published.GroupBy(r => r.TrustId))
            {
                var mine = trustGroup.Where(r => scope is null || (r.UnitId is int u ? scope.Contains(u) : trustsInScope!.Contains(r.TrustId))).ToList();
                if (mine.Count == 0) continue;
                if (sent.Contains((trustGroup.Key, person.Id))) { already++; continue; }
                var trust = trusts[trustGroup.Key];
                var html = new StringBuilder();
                var text = new StringBuilder();
                string E(string s) => WebUtility.HtmlEncode(s);
                html.Append("<!DOCTYPE html>\r\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>You said, we did</title></head>\r\n<body style=\"font-family: Arial, sans-serif; color: #212b32\">\r\n");
                html.Append(CultureInfo.InvariantCulture, $"<h1>You said, we did: {E(label)}</h1>\r\n<p>Published for {E(trust.Name)} in {E(label)}, on the units you look after.</p>\r\n");
                text.Append(CultureInfo.InvariantCulture, $"You said, we did: {label}\r\nPublished for {trust.Name} in {label}, on the units you look after.\r\n");
                foreach (var r in mine)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<h2>{E(YouSaidWeDidRecords.ForPublic(r.Title))}</h2>\r\n<p><strong>{E(places[r.Id])}</strong>, published {r.PublishedAt:d MMMM yyyy}</p>\r\n");
                    html.Append(CultureInfo.InvariantCulture, $"<p><strong>You said:</strong> {E(YouSaidWeDidRecords.ForPublic(r.YouSaid))}</p>\r\n<p><strong>We did:</strong> {E(YouSaidWeDidRecords.ForPublic(r.WeDid))}</p>\r\n");
                    text.Append(CultureInfo.InvariantCulture, $"\r\n{YouSaidWeDidRecords.ForPublic(r.Title)}\r\n{places[r.Id]}, published {r.PublishedAt:d MMMM yyyy}\r\n");
                    text.Append(CultureInfo.InvariantCulture, $"You said: {YouSaidWeDidRecords.ForPublic(r.YouSaid)}\r\nWe did: {YouSaidWeDidRecords.ForPublic(r.WeDid)}\r\n");
                    var open = openActions.Where(a => a.YouSaidWeDidRecordId == r.Id).ToList();
                    if (open.Count > 0)
                    {
                        html.Append("<p>Linked actions still open:</p>\r\n<ul>\r\n");
                        foreach (var a in open)
                            text.Append(CultureInfo.InvariantCulture, $"Still open: {YouSaidWeDidRecords.ForPublic(a.Title)}, due {a.DueOn:d MMMM yyyy}: {baseUrl + ActionQueries.Link(a.Id)}\r\n");
                        foreach (var a in open)
                            html.Append(CultureInfo.InvariantCulture, $"<li><a href=\"{E(baseUrl + ActionQueries.Link(a.Id))}\">{E(YouSaidWeDidRecords.ForPublic(a.Title))}</a>: {E(ActionStatuses.Label(a.Status).ToLowerInvariant())}, due {a.DueOn:d MMMM yyyy}</li>\r\n");
                        html.Append("</ul>\r\n");
                    }
                    html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{E(baseUrl + YouSaidWeDidRecords.Link(r.Id))}\">The record in Heard</a></p>\r\n");
                    text.Append(CultureInfo.InvariantCulture, $"The record in Heard: {baseUrl + YouSaidWeDidRecords.Link(r.Id)}\r\n");
                }
                html.Append(CultureInfo.InvariantCulture, $"<p>The public page: <a href=\"{E(baseUrl + YouSaidWeDidRecords.PublicLink(trust.OdsCode))}\">{E(baseUrl + YouSaidWeDidRecords.PublicLink(trust.OdsCode))}</a></p>\r\n</body></html>\r\n");
                text.Append(CultureInfo.InvariantCulture, $"\r\nThe public page: {baseUrl + YouSaidWeDidRecords.PublicLink(trust.OdsCode)}\r\n");
                MailOutbox.Queue(db, person.Email!, $"Heard: You said, we did, {label} ({mine.Count} published)", text.ToString(), now, html.ToString());
                db.YouSaidWeDidDigests.Add(new YouSaidWeDidDigest { Month = month, TrustId = trustGroup.Key, UserId = person.Id, QueuedAt = now });
                queued++;
            }
        }
        await db.SaveChangesAsync(ct);
        return new Summary(published.Count, queued, already);
    }

    /// <summary>Queues the month's digests and delivers the outbox.</summary>
    public static async Task<(Summary Summary, int Delivered)> SendAsync(HeardDbContext db, IConfiguration config, int month, DateTime now, CancellationToken ct)
    {
        var summary = await QueueAsync(db, config, month, now, ct);
        return (summary, await MailOutbox.DeliverAsync(db, config, ct));
    }
}
