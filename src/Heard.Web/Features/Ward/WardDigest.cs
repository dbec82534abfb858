using System.Globalization;
using System.Net;
using System.Text;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Features.Dashboard;
using Heard.Web.Features.Routing;
using Heard.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Ward;

/// <summary>
/// The weekly ward digest: one page of HTML (with a plain-text copy) per unit, from <see cref="WardWeekQuery"/> so it
/// says exactly what "My ward this week" says, queued in the outbox to the unit's ward managers. Comments are always
/// redacted, whoever it goes to: an email leaves Heard and can be forwarded.
/// </summary>
public static class WardDigest
{
    public sealed record Summary(int Units, int Queued, int AlreadySent);

    public static string Subject(WardWeekView v) => $"Heard: {v.UnitName}, week of {v.Week.Label}";

    /// <summary>The digest as the email shows it, redacted.</summary>
    public static Task<WardWeekView?> LoadAsync(HeardDbContext db, int unitId, WardWeek week, CancellationToken ct) =>
        WardWeekQuery.LoadAsync(db, unitId, week, canReadComments: true, canReadIdentifiable: false, ct);

    /// <summary>
    /// Queues the week's digest for every open unit with a ward manager who has an email address; a manager who was
    /// already sent that unit's digest for that week is not sent it again.
    /// </summary>
    public static async Task<Summary> QueueAsync(HeardDbContext db, IConfiguration config, WardWeek week, DateTime now, CancellationToken ct)
    {
        var managed = await (from s in db.UserScopes
                             join u in db.Units on s.ScopeId equals u.Id
                             join ur in db.UserRoles on s.UserId equals ur.UserId
                             join r in db.Roles on ur.RoleId equals r.Id
                             where s.Level == ScopeLevels.Unit && r.Name == Roles.WardManager && u.ClosedOn == null
                             select u.Id).Distinct().OrderBy(id => id).ToListAsync(ct);
        var baseUrl = (config["Heard:PublicUrl"] ?? "").TrimEnd('/');
        int queued = 0, already = 0;
        foreach (var unitId in managed)
        {
            var managers = (await RoutedInbox.WardManagersAsync(db, unitId, ct))
                .Where(m => !string.IsNullOrWhiteSpace(m.Email)).ToList();
            if (managers.Count == 0) continue;
            var view = await LoadAsync(db, unitId, week, ct);
            if (view is null) continue;
            var subject = Subject(view);
            var html = Html(view, baseUrl);
            var text = Text(view, baseUrl);
            foreach (var m in managers)
            {
                if (await db.Notifications.AnyAsync(n => n.Recipient == m.Email && n.Subject == subject, ct)) { already++; continue; }
                MailOutbox.Queue(db, m.Email!, subject, text, now, html);
                queued++;
            }
        }
        await db.SaveChangesAsync(ct);
        return new Summary(managed.Count, queued, already);
    }

    /// <summary>Queues the digests and delivers the outbox.</summary>
    public static async Task<(Summary Summary, int Delivered)> SendAsync(HeardDbContext db, IConfiguration config, WardWeek week, DateTime now, CancellationToken ct)
    {
        var summary = await QueueAsync(db, config, week, now, ct);
        return (summary, await MailOutbox.DeliverAsync(db, config, ct));
    }

    private static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
    private static string Percent(int? p) => p is int v ? $"{v}%" : "–";

    /// <summary>
    /// One page of HTML for email clients: inline styles only (most clients drop style sheets), tables with captions and
    /// header cells, NHS blue and readable sizes.
    /// </summary>
    public static string Html(WardWeekView v, string baseUrl)
    {
        var s = v.Score;
        var b = new StringBuilder();
        var ci = CultureInfo.InvariantCulture;
        const string h2 = "style=\"font-size:20px;margin:24px 0 8px;color:#212b32\"";
        const string p = "style=\"margin:0 0 12px\"";
        b.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(Subject(v))).Append("</title></head>\n");
        b.Append("<body style=\"margin:0;padding:0;background:#f0f4f5;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#212b32\">\n");
        b.Append("<div style=\"max-width:640px;margin:0 auto;background:#ffffff;padding:0 24px 24px\">\n");
        b.Append("<div style=\"background:#005eb8;color:#ffffff;padding:16px 24px;margin:0 -24px 16px\"><strong>Heard</strong> · weekly ward digest</div>\n");
        b.Append("<h1 style=\"font-size:28px;margin:0 0 4px\">").Append(E(v.UnitName)).Append("</h1>\n");
        b.Append(ci, $"<p {p}>{E(v.SiteName)}{(v.DivisionName is null ? "" : " · " + E(v.DivisionName))} · {E(v.Week.Label)}</p>\n");

        b.Append(ci, $"<h2 {h2}>The score against its usual range</h2>\n");
        b.Append("<table style=\"border-collapse:collapse;width:100%\"><caption style=\"text-align:left;font-weight:bold;padding-bottom:4px\">FFT this week</caption>\n<tbody>\n");
        void Row(string key, string value, string figure) =>
            b.Append(ci, $"<tr><th scope=\"row\" style=\"text-align:left;padding:4px 8px 4px 0;border-bottom:1px solid #d8dde0;font-weight:normal\">{key}</th><td data-figure=\"{figure}\" style=\"padding:4px 0;border-bottom:1px solid #d8dde0\">{value}</td></tr>\n");
        Row("FFT answers", s.Responses.ToString("N0", ci), "week-responses");
        Row("Positive", Percent(s.PercentPositive), "week-positive");
        Row("Usual range", s.HasRange ? string.Create(ci, $"{s.Lower:0}% to {s.Upper:0}% (average {s.Mean:0}%)") : "not known yet", "usual-range");
        b.Append("</tbody></table>\n");
        b.Append(ci, $"<p {p} data-reading=\"{s.Reading}\">{E(WardWeekQuery.Explain(s))}</p>\n");
        b.Append(ci, $"<p style=\"margin:0 0 12px;font-size:14px;color:#4c6272\">{E(WardWeekQuery.RangeExplanation)}</p>\n");

        void Comments(IReadOnlyList<LatestComment> items, string id)
        {
            b.Append(ci, $"<ul id=\"{id}\" style=\"padding-left:20px;margin:0 0 12px\">\n");
            foreach (var c in items)
                b.Append(ci, $"<li style=\"margin-bottom:8px\">{E(c.Text)} <span style=\"font-size:14px;color:#4c6272\">({c.Date.ToString("d MMM", ci)}, {E(FeedbackSources.Label(c.Source))})</span></li>\n");
            b.Append("</ul>\n");
        }

        b.Append(ci, $"<h2 {h2}>What patients praised</h2>\n");
        if (v.Praise.Count == 0) b.Append(ci, $"<p {p}>No comments this week were coded as positive.</p>\n");
        else
        {
            b.Append(ci, $"<p {p}>To share with the team: {v.PraiseCount} positive comment{(v.PraiseCount == 1 ? "" : "s")} and compliments this week.</p>\n");
            Comments(v.Praise, "praise");
        }

        b.Append(ci, $"<h2 {h2}>New comments</h2>\n");
        if (v.CommentCount == 0) b.Append(ci, $"<p {p}>No comments were received this week.</p>\n");
        else
        {
            b.Append(ci, $"<p {p}><span data-figure=\"comments\">{v.CommentCount}</span> comment{(v.CommentCount == 1 ? "" : "s")} this week{(v.CommentCount > v.Comments.Count ? $", the newest {v.Comments.Count} here" : "")}. Details that could identify someone are hidden.</p>\n");
            Comments(v.Comments, "comments");
        }

        b.Append(ci, $"<h2 {h2}>Open early warnings</h2>\n");
        if (v.Alerts.Count == 0) b.Append(ci, $"<p {p}>No early warnings are open for this ward.</p>\n");
        else
        {
            b.Append("<ul id=\"alerts\" style=\"padding-left:20px;margin:0 0 12px\">\n");
            foreach (var a in v.Alerts)
                b.Append(ci, $"<li style=\"margin-bottom:8px\">{E(a.Explanation)} <a href=\"{E(baseUrl)}/Alerts?unit={a.UnitId}#alert-{a.Id}\" style=\"color:#005eb8\">Open the alert</a></li>\n");
            b.Append("</ul>\n");
        }

        b.Append(ci, $"<h2 {h2}>Actions due</h2>\n");
        if (v.Actions.Count == 0) b.Append(ci, $"<p {p}>No open actions are overdue or due in the next {WardWeekQuery.ActionsDueWithinDays} days.</p>\n");
        else
        {
            b.Append(ci, $"<table id=\"actions\" style=\"border-collapse:collapse;width:100%\"><caption style=\"text-align:left;font-weight:bold;padding-bottom:4px\">Open actions overdue or due by {v.Week.To.AddDays(WardWeekQuery.ActionsDueWithinDays).ToString("d MMMM yyyy", ci)}</caption>\n");
            b.Append("<thead><tr><th scope=\"col\" style=\"text-align:left\">Action</th><th scope=\"col\" style=\"text-align:left\">Owner</th><th scope=\"col\" style=\"text-align:left\">Due</th></tr></thead><tbody>\n");
            foreach (var a in v.Actions)
                b.Append(ci, $"<tr><th scope=\"row\" style=\"text-align:left;font-weight:normal;padding:4px 8px 4px 0;border-bottom:1px solid #d8dde0\"><a href=\"{E(baseUrl)}{a.Link}\" style=\"color:#005eb8\">{E(a.Title)}</a></th><td style=\"padding:4px 8px 4px 0;border-bottom:1px solid #d8dde0\">{E(a.OwnerName)}</td><td style=\"padding:4px 0;border-bottom:1px solid #d8dde0\">{a.DueOn.ToString("d MMM yyyy", ci)}{(a.Overdue ? " <strong style=\"color:#d5281b\">overdue</strong>" : "")}</td></tr>\n");
            b.Append("</tbody></table>\n");
        }

        b.Append(ci, $"<p style=\"margin:24px 0 0\"><a href=\"{E(baseUrl)}/ward/{v.UnitId}/week?week={v.Week.Key}\" style=\"color:#005eb8\">See this week in Heard</a></p>\n");
        b.Append("</div>\n</body></html>\n");
        return b.ToString();
    }

    /// <summary>The same digest as plain text, for mail clients that do not show HTML.</summary>
    public static string Text(WardWeekView v, string baseUrl)
    {
        var s = v.Score;
        var ci = CultureInfo.InvariantCulture;
        var b = new StringBuilder();
        b.Append(ci, $"{v.UnitName}, {v.Week.Label}\r\n\r\n");
        b.Append(ci, $"FFT answers: {s.Responses}. Positive: {Percent(s.PercentPositive)}. {WardWeekQuery.Explain(s)}\r\n\r\n");
        b.Append(ci, $"What patients praised ({v.PraiseCount}):\r\n");
        foreach (var c in v.Praise) b.Append(ci, $"- {c.Text}\r\n");
        b.Append(ci, $"\r\nNew comments ({v.CommentCount}):\r\n");
        foreach (var c in v.Comments) b.Append(ci, $"- {c.Text}\r\n");
        b.Append(ci, $"\r\nOpen early warnings ({v.Alerts.Count}):\r\n");
        foreach (var a in v.Alerts) b.Append(ci, $"- {a.Explanation}\r\n");
        b.Append(ci, $"\r\nActions due ({v.Actions.Count}):\r\n");
        foreach (var a in v.Actions) b.Append(ci, $"- {a.Title}, {a.OwnerName}, due {a.DueOn.ToString("d MMM yyyy", ci)}{(a.Overdue ? " (overdue)" : "")}\r\n");
        b.Append(ci, $"\r\nSee this week in Heard: {baseUrl}/ward/{v.UnitId}/week?week={v.Week.Key}\r\n");
        return b.ToString();
    }
}
