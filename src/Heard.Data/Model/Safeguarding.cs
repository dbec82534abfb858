namespace Heard.Data.Model;

/// <summary>
/// A comment that may show a risk to someone, raised as the comment was stored and routed to the trust's named
/// safeguarding lead. It stays open until a person acknowledges it (who and when) and closes it with an outcome.
/// </summary>
public sealed class SafeguardingAlert
{
    public long Id { get; set; }
    public long FeedbackRecordId { get; set; }
    public long FeedbackAnswerId { get; set; }
    public int TrustId { get; set; }
    public int UnitId { get; set; }
    /// <summary>abuse, neglect, self-harm, suicide, violence or clinical (Heard.Analysis.Text.SafeguardingCategories).</summary>
    public required string Category { get; set; }
    /// <summary>high, medium or low (low: a mention of a service, such as the self-harm team).</summary>
    public required string Severity { get; set; }
    /// <summary>The words that raised the alert, not the whole comment.</summary>
    public required string MatchedText { get; set; }
    public int MatchStart { get; set; }
    public DateTime RaisedAt { get; set; }
    /// <summary>The lead it was routed to; null while the trust has none named.</summary>
    public string? LeadUserId { get; set; }
    /// <summary>When the lead's notification was written to the outbox.</summary>
    public DateTime? NotifiedAt { get; set; }
    public DateTime? AcknowledgedAt { get; set; }
    public string? AcknowledgedBy { get; set; }
    /// <summary>What was done: referred, already known, no concern, ...</summary>
    public string? Outcome { get; set; }
    public string? Note { get; set; }
    public DateTime? ClosedAt { get; set; }
    public string? ClosedBy { get; set; }
}

/// <summary>
/// An email waiting to be sent (sent_at null) or sent. Holds no comment text, since email is not a safe channel for it;
/// a reply to a patient holds only what staff wrote to them.
/// </summary>
public sealed class Notification
{
    public long Id { get; set; }
    public required string Recipient { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    /// <summary>An HTML version of <see cref="Body"/>, sent beside it as multipart/alternative; null for plain-text mail.</summary>
    public string? HtmlBody { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SentAt { get; set; }
}
