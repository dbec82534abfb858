using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Responses;

public sealed record ReplyView(long Id, string Kind, string Status, string Body, string WrittenBy, DateTime WrittenAt, string? ApprovedBy, DateTime? ApprovedAt);

/// <summary>An approved public reply, as the trust's web team takes it to publish beside the review.</summary>
public sealed record ApprovedReviewReply(long Id, long FeedbackId, string? ReviewReference, string UnitName, DateOnly ReviewedOn, string Reply, DateTime ApprovedAt);

/// <summary>
/// Replies to feedback. An email reply goes to the address the person gave, through the outbox, and only when they
/// consented to be contacted; since it uses contact details, only roles cleared for identifiable data may send one,
/// and each use is audited. A public reply to an online review is a draft until a PX administrator other than the
/// person who wrote it approves it; nothing is published by Heard itself.
/// </summary>
public static class Replies
{
    public const int MaxLength = 4000;

    public enum Outcome { Done, NotFound, NoConsent, NoEmailAddress, NotAllowed, NotAReview, Empty, TooLong, OwnReply, AlreadyApproved }

    /// <summary>A piece of feedback the user may see, or null.</summary>
    public static async Task<FeedbackRecord?> FindAsync(HeardDbContext db, CurrentUser user, long feedbackId, CancellationToken ct)
    {
        if (!user.CanReadComments) return null;
        var record = await db.Feedback.AsNoTracking().FirstOrDefaultAsync(f => f.Id == feedbackId, ct);
        return record is not null && await user.CanSeeUnitAsync(record.UnitId, ct) ? record : null;
    }

    /// <summary>The address a reply would go to: only with consent to contact and an email address given.</summary>
    public static async Task<(Outcome Why, string? Email)> ContactAddressAsync(HeardDbContext db, FeedbackRecord record, CancellationToken ct)
    {
        if (record.ConsentToContact != true) return (Outcome.NoConsent, null);
        var email = await db.ContactDetails.Where(c => c.FeedbackRecordId == record.Id && c.Email != null && c.Email != "")
            .Select(c => c.Email).FirstOrDefaultAsync(ct);
        return email is null ? (Outcome.NoEmailAddress, null) : (Outcome.Done, email);
    }

    public static async Task<List<ReplyView>> ListAsync(HeardDbContext db, long feedbackId, CancellationToken ct) =>
        await db.FeedbackReplies.AsNoTracking().Where(r => r.FeedbackRecordId == feedbackId).OrderBy(r => r.WrittenAt).ThenBy(r => r.Id)
            .Select(r => new ReplyView(r.Id, r.Kind, r.Status, r.Body, r.WrittenBy, r.WrittenAt, r.ApprovedBy, r.ApprovedAt)).ToListAsync(ct);

    public static async Task<Outcome> SendEmailAsync(HeardDbContext db, CurrentUser user, Audit audit, long feedbackId, string? body, CancellationToken ct)
    {
        var record = await FindAsync(db, user, feedbackId, ct);
        if (record is null) return Outcome.NotFound;
        if (!CanRespond(user) || !user.CanReadIdentifiable) return Outcome.NotAllowed;
        if (Check(body) is { } bad) return bad;
        var (why, email) = await ContactAddressAsync(db, record, ct);
        if (email is null) return why;
        var unitName = await db.Units.Where(u => u.Id == record.UnitId).Select(u => u.Name).FirstAsync(ct);
        var trustName = await db.Trusts.Where(t => t.Id == record.TrustId).Select(t => t.Name).FirstAsync(ct);
        var now = DateTime.UtcNow;
        var notification = MailOutbox.Queue(db, email, $"A reply to your feedback about {unitName}, {trustName}",
            body!.Trim().ReplaceLineEndings("\r\n") + "\r\n", now);
        await db.SaveChangesAsync(ct);
        db.FeedbackReplies.Add(new FeedbackReply
        {
            FeedbackRecordId = record.Id, TrustId = record.TrustId, UnitId = record.UnitId, Kind = ReplyKinds.Email, Status = ReplyStatuses.Sent,
            Body = body.Trim(), WrittenBy = user.Name, WrittenAt = now, NotificationId = notification.Id,
        });
        audit.Record(Audit.Actions.ReadIdentifiable, "contact-detail", record.Id, "used the email address to send a reply");
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    public static async Task<Outcome> DraftReviewReplyAsync(HeardDbContext db, CurrentUser user, Audit audit, long feedbackId, string? body, CancellationToken ct)
    {
        var record = await FindAsync(db, user, feedbackId, ct);
        if (record is null) return Outcome.NotFound;
        if (!CanRespond(user)) return Outcome.NotAllowed;
        if (record.Source != FeedbackSources.OnlineReview) return Outcome.NotAReview;
        if (Check(body) is { } bad) return bad;
        var reply = new FeedbackReply
        {
            FeedbackRecordId = record.Id, TrustId = record.TrustId, UnitId = record.UnitId, Kind = ReplyKinds.PublicReview, Status = ReplyStatuses.Draft,
            Body = body!.Trim(), WrittenBy = user.Name, WrittenAt = DateTime.UtcNow,
        };
        db.FeedbackReplies.Add(reply);
        await db.SaveChangesAsync(ct);
        audit.Record(Audit.Actions.Create, "feedback-reply", reply.Id, "drafted a public reply to an online review");
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    /// <summary>Marks a draft approved for publishing. A second person must do it: the writer never approves their own.</summary>
    public static async Task<Outcome> ApproveAsync(HeardDbContext db, CurrentUser user, Audit audit, long replyId, CancellationToken ct)
    {
        var reply = await db.FeedbackReplies.FirstOrDefaultAsync(r => r.Id == replyId && r.Kind == ReplyKinds.PublicReview, ct);
        if (reply is null || await FindAsync(db, user, reply.FeedbackRecordId, ct) is null) return Outcome.NotFound;
        if (!user.IsInRole(Roles.PxAdministrator)) return Outcome.NotAllowed;
        if (reply.Status == ReplyStatuses.Approved) return Outcome.AlreadyApproved;
        if (string.Equals(reply.WrittenBy, user.Name, StringComparison.OrdinalIgnoreCase)) return Outcome.OwnReply;
        reply.Status = ReplyStatuses.Approved;
        reply.ApprovedBy = user.Name;
        reply.ApprovedAt = DateTime.UtcNow;
        audit.Record(Audit.Actions.Update, "feedback-reply", reply.Id, $"approved for publishing (written by {reply.WrittenBy})");
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    public static async Task<List<ApprovedReviewReply>> ApprovedAsync(HeardDbContext db, CurrentUser user, CancellationToken ct)
    {
        var units = await user.UnitIdsAsync(ct);
        return await (from r in db.FeedbackReplies.AsNoTracking()
                      join f in db.Feedback on r.FeedbackRecordId equals f.Id
                      join u in db.Units on r.UnitId equals u.Id
                      where r.Kind == ReplyKinds.PublicReview && r.Status == ReplyStatuses.Approved && (units == null || units.Contains(r.UnitId))
                      orderby r.ApprovedAt descending, r.Id descending
                      select new ApprovedReviewReply(r.Id, f.Id, f.ExternalId, u.Name, f.ReceivedOn, r.Body, r.ApprovedAt!.Value))
            .Take(1000).ToListAsync(ct);
    }

    public static bool CanRespond(CurrentUser user) => Policies.Responders.Any(user.IsInRole);

    public static string Message(Outcome o) => o switch
    {
        Outcome.NoConsent => "This person did not consent to contact, so Heard cannot send them a reply",
        Outcome.NoEmailAddress => "This person consented to contact but gave no email address",
        Outcome.NotAllowed => "Your role cannot do this",
        Outcome.NotAReview => "Public replies are only for online reviews",
        Outcome.Empty => "Enter your reply",
        Outcome.TooLong => $"The reply must be {MaxLength:N0} characters or fewer",
        Outcome.OwnReply => "You wrote this reply, so someone else must approve it",
        Outcome.AlreadyApproved => "That reply was already approved",
        _ => "",
    };

    private static Outcome? Check(string? body) =>
        string.IsNullOrWhiteSpace(body) ? Outcome.Empty : body.Length > MaxLength ? Outcome.TooLong : null;
}
