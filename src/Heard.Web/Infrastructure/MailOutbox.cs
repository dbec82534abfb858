using System.Globalization;
using System.Net;
using System.Net.Mail;
using System.Text;
using Heard.Data;
using Heard.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Infrastructure;

/// <summary>
/// The one way Heard sends email: a <see cref="Notification"/> row in the outbox, sent for every feature that emails
/// (safeguarding alerts, the early-warning digest, routing digests, action reminders, replies to patients). Over SMTP when Heard:Mail:Smtp:Host is set (Port, default 25; UserName, Password; EnableSsl);
/// otherwise as .eml files in Heard:Mail:PickupDirectory, a folder the trust's mail relay sends from. With neither, the
/// outbox waits and the pages are the notification.
/// </summary>
public static class MailOutbox
{
    public const string PickupDirectorySetting = "Heard:Mail:PickupDirectory";
    public const string SmtpHostSetting = "Heard:Mail:Smtp:Host";

    // Several background services deliver; one at a time, so a message is never sent by two.
    private static readonly SemaphoreSlim One = new(1, 1);

    /// <summary>Adds a message to the context; it is saved with the change that caused it.</summary>
    public static Notification Queue(HeardDbContext db, string recipient, string subject, string body, DateTime now)
    {
        var n = new Notification { Recipient = recipient, Subject = subject, Body = body, CreatedAt = now };
        db.Notifications.Add(n);
        return n;
    }

    /// <summary>A body that is a whole HTML document is sent as HTML; every other body as plain text.</summary>
    public static bool IsHtml(string body) => body.StartsWith("<!DOCTYPE html", StringComparison.OrdinalIgnoreCase);

    public static bool IsConfigured(IConfiguration config) =>
        !string.IsNullOrWhiteSpace(config[SmtpHostSetting]) || !string.IsNullOrWhiteSpace(config[PickupDirectorySetting]);

    /// <summary>Sends up to 100 waiting notifications, oldest first, marking each sent; returns how many.</summary>
    public static async Task<int> DeliverAsync(HeardDbContext db, IConfiguration config, CancellationToken ct)
    {
        if (!IsConfigured(config)) return 0;
        await One.WaitAsync(ct);
        try { return await SendAsync(db, config, ct); }
        finally { One.Release(); }
    }

    private static async Task<int> SendAsync(HeardDbContext db, IConfiguration config, CancellationToken ct)
    {
        var from = config["Heard:Mail:From"] ?? "heard@localhost";
        var pending = await db.Notifications.Where(n => n.SentAt == null).OrderBy(n => n.Id).Take(100).ToListAsync(ct);
        if (pending.Count == 0) return 0;
        var host = config[SmtpHostSetting];
        if (!string.IsNullOrWhiteSpace(host))
        {
            using var smtp = new SmtpClient(host, int.TryParse(config["Heard:Mail:Smtp:Port"], out var port) ? port : 25)
            {
                EnableSsl = bool.TryParse(config["Heard:Mail:Smtp:EnableSsl"], out var ssl) && ssl,
            };
            if (config["Heard:Mail:Smtp:UserName"] is { Length: > 0 } user)
                smtp.Credentials = new NetworkCredential(user, config["Heard:Mail:Smtp:Password"]);
            foreach (var n in pending)
            {
                using var message = new MailMessage(from, n.Recipient, n.Subject, n.Body) { BodyEncoding = Encoding.UTF8, SubjectEncoding = Encoding.UTF8, IsBodyHtml = IsHtml(n.Body) };
                await smtp.SendMailAsync(message, ct);
                // Saved one at a time: a relay that fails part way must not send the earlier ones again.
                n.SentAt = DateTime.UtcNow;
                await db.SaveChangesAsync(ct);
            }
            return pending.Count;
        }

        var folder = config[PickupDirectorySetting]!;
        Directory.CreateDirectory(folder);
        foreach (var n in pending)
        {
            var eml = $"From: {from}\r\nTo: {n.Recipient}\r\nSubject: {n.Subject}\r\nDate: {n.CreatedAt.ToString("r", CultureInfo.InvariantCulture)}\r\n" +
                $"Message-ID: <heard-notification-{n.Id}@heard>\r\nMIME-Version: 1.0\r\nContent-Type: {(IsHtml(n.Body) ? "text/html" : "text/plain")}; charset=utf-8\r\n\r\n{n.Body}";
            // Written under a temporary name and renamed, so a relay watching the folder never reads half a message.
            var path = Path.Combine(folder, $"heard-{n.Id}.eml");
            await File.WriteAllTextAsync(path + ".tmp", eml, new UTF8Encoding(false), ct);
            File.Move(path + ".tmp", path, overwrite: true);
            n.SentAt = DateTime.UtcNow;
        }
        await db.SaveChangesAsync(ct);
        return pending.Count;
    }
}
