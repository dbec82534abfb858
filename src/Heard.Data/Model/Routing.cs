namespace Heard.Data.Model;

/// <summary>A group within a trust that acts on feedback (Catering, Estates, Patient Advice), with its own mailbox.</summary>
public sealed class Team
{
    public int Id { get; set; }
    public int TrustId { get; set; }
    public required string Name { get; set; }
    /// <summary>Where the team's digest goes; members with an address of their own get it too.</summary>
    public string? Email { get; set; }
    public DateTime CreatedAt { get; set; }
}

public sealed class TeamMember
{
    public int TeamId { get; set; }
    public required string UserId { get; set; }
    public DateTime AddedAt { get; set; }
}

public static class SentimentBands
{
    /// <summary>1 very positive or 2 positive.</summary>
    public const string Positive = "positive";
    /// <summary>3 neutral or mixed.</summary>
    public const string Neutral = "neutral";
    /// <summary>4 negative or 5 very negative.</summary>
    public const string Negative = "negative";
    public static readonly string[] All = [Positive, Neutral, Negative];

    public static bool Contains(string band, int? sentiment) => band switch
    {
        Positive => sentiment is 1 or 2,
        Neutral => sentiment is 3,
        Negative => sentiment is 4 or 5,
        _ => false,
    };
}

/// <summary>
/// Sends comments that match every condition it sets (theme, place, keyword, source, sentiment; an unset condition
/// matches anything) to a team, a person and/or the unit's ward manager. Applies to comments stored after it was made.
/// </summary>
public sealed class RoutingRule
{
    public int Id { get; set; }
    public int TrustId { get; set; }
    public required string Name { get; set; }
    /// <summary>A code label or a category of the trust's framework, e.g. "Food & drink provision & facilities".</summary>
    public string? Theme { get; set; }
    public int? UnitId { get; set; }
    public int? DivisionId { get; set; }
    public int? SiteId { get; set; }
    /// <summary>A word matched in the comment's text, by its stem and ignoring case ("meals" matches "meal").</summary>
    public string? Keyword { get; set; }
    /// <summary>A <see cref="FeedbackSources"/> code.</summary>
    public string? Source { get; set; }
    /// <summary>A <see cref="SentimentBands"/> band.</summary>
    public string? Sentiment { get; set; }
    public int? TargetTeamId { get; set; }
    public string? TargetUserId { get; set; }
    public bool TargetWardManager { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
}

public static class RoutingTargets
{
    public const string Team = "team";
    public const string Person = "person";
    public const string WardManager = "ward-manager";

    /// <summary>What makes a routed item unique for its comment: "team:4", "person:{user id}", "ward-manager:{unit id}".</summary>
    public static string Key(string kind, object id) => $"{kind}:{id}";
}

/// <summary>One comment sent to one target by a rule, stored once however many rules send it there.</summary>
public sealed class RoutedItem
{
    public long Id { get; set; }
    public long FeedbackRecordId { get; set; }
    public long FeedbackAnswerId { get; set; }
    public int TrustId { get; set; }
    public int UnitId { get; set; }
    public int RoutingRuleId { get; set; }
    /// <summary>A <see cref="RoutingTargets"/> kind.</summary>
    public required string TargetKind { get; set; }
    public required string TargetKey { get; set; }
    public int? TeamId { get; set; }
    public string? UserId { get; set; }
    public DateTime RoutedAt { get; set; }
    /// <summary>When the target's digest email was written to the outbox.</summary>
    public DateTime? NotifiedAt { get; set; }
    public DateTime? AcknowledgedAt { get; set; }
    public string? AcknowledgedBy { get; set; }
    public string? Note { get; set; }
}

/// <summary>How far routing has read: the one row that makes each pass read only comments stored since the last.</summary>
public sealed class RoutingMark
{
    public int Id { get; set; }
    /// <summary>Every free-text answer up to this id has been through the rules.</summary>
    public long LastFeedbackAnswerId { get; set; }
    /// <summary>Where the next daily catch-up starts: the mark as it stood at the last one.</summary>
    public long CatchUpFromAnswerId { get; set; }
    public DateTime? LastRunAt { get; set; }
    public DateTime? LastCatchUpAt { get; set; }
}

public static class ReplyKinds
{
    /// <summary>An email to the person who gave the feedback, sent through the outbox.</summary>
    public const string Email = "email";
    /// <summary>A public answer to an online review, published by the trust's web team once approved.</summary>
    public const string PublicReview = "public-review";
}

public static class ReplyStatuses
{
    public const string Sent = "sent";
    public const string Draft = "draft";
    public const string Approved = "approved";
}

/// <summary>A reply from staff to one piece of feedback: an email sent, or a public review reply awaiting or given approval.</summary>
public sealed class FeedbackReply
{
    public long Id { get; set; }
    public long FeedbackRecordId { get; set; }
    public int TrustId { get; set; }
    public int UnitId { get; set; }
    /// <summary>A <see cref="ReplyKinds"/> kind.</summary>
    public required string Kind { get; set; }
    /// <summary>A <see cref="ReplyStatuses"/> status.</summary>
    public required string Status { get; set; }
    public required string Body { get; set; }
    public required string WrittenBy { get; set; }
    public DateTime WrittenAt { get; set; }
    /// <summary>The outbox row that carries an email reply (which holds the address, so this row never does).</summary>
    public long? NotificationId { get; set; }
    public string? ApprovedBy { get; set; }
    public DateTime? ApprovedAt { get; set; }
}
