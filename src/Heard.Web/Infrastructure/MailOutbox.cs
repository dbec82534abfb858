using System.Globalization;
using System.Text;
using Heard.Data;
using Heard.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Infrastructure;

/// <summary>
/// The one way Heard sends email: a <see cref="Notification"/> row in the outbox, delivered as .eml files to
/// Heard:Mail:PickupDirectory (an SMTP server's pickup folder) when it is set. Without it the outbox waits.
/// Safeguarding alerts, routing digests and replies to patients all go this way.
/// </summary>
public static class MailOutbox
{
    // Two background services deliver; one at a time, so a message is never written by both.
    private static readonly SemaphoreSlim One = new(1, 1);

    /// <summary>Adds a message to the context; it is saved with the change that caused it.</summary>
    public static Notification Queue(HeardDbContext db, string recipient, string subject, string body, DateTime now)
    {
        var n = new Notification { Recipient = recipient, Subject = subject, Body = body, CreatedAt = now };
        db.Notifications.Add(n);
        return n;
    }

    /// <summary>Writes up to 100 waiting messages to the pickup folder; returns how many.</summary>
    public static async Task<int> DeliverAsync(HeardDbContext db, IConfiguration config, CancellationToken ct)
    {
        var folder = config["Heard:Mail:PickupDirectory"];
        if (string.IsNullOrWhiteSpace(folder)) return 0;
        var from = config["Heard:Mail:From"] ?? "heard@localhost";
        await One.WaitAsync(ct);
        try
        {
            Directory.CreateDirectory(folder);
            var pending = await db.Notifications.Where(n => n.SentAt == null).OrderBy(n => n.Id).Take(100).ToListAsync(ct);
            foreach (var n in pending)
            {
                var eml = $"From: {from}\r\nTo: {n.Recipient}\r\nSubject: {n.Subject}\r\nDate: {n.CreatedAt.ToString("r", CultureInfo.InvariantCulture)}\r\n" +
                    $"Message-ID: <heard-notification-{n.Id}@heard>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{n.Body}";
                // Written under a temporary name and renamed, so a relay watching the folder never reads half a message.
                var path = Path.Combine(folder, $"heard-{n.Id}.eml");
                await File.WriteAllTextAsync(path + ".tmp", eml, new UTF8Encoding(false), ct);
                File.Move(path + ".tmp", path, overwrite: true);
                n.SentAt = DateTime.UtcNow;
            }
            await db.SaveChangesAsync(ct);
            return pending.Count;
        }
        finally { One.Release(); }
    }
}
