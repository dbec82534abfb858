namespace Heard.Data.Model;

/// <summary>
/// Where a "You said, we did" record stands. Only <see cref="Published"/> records are on the public pages; a withdrawn
/// record leaves them at once but is kept, with who withdrew it and when.
/// </summary>
public static class YouSaidWeDidStatuses
{
    public const string Draft = "draft";
    public const string Published = "published";
    public const string Withdrawn = "withdrawn";
    public static readonly string[] All = [Draft, Published, Withdrawn];

    public static string Label(string status) => status switch
    {
        Draft => "Draft",
        Published => "Published",
        Withdrawn => "Withdrawn",
        _ => status,
    };
}

/// <summary>
/// What patients told a unit (or the whole trust) and what it changed as a result, written for the public: a summary
/// of what was said, what was done, the improvement actions behind it, and a few patients' own words when they agreed
/// to their comment being published.
/// </summary>
public sealed class YouSaidWeDidRecord
{
    public long Id { get; set; }
    public int TrustId { get; set; }
    /// <summary>The unit it is about; null for a record about the whole trust.</summary>
    public int? UnitId { get; set; }
    public required string Title { get; set; }
    /// <summary>A summary of what patients said, in staff's words (never a quotation: those are <see cref="YouSaidWeDidQuote"/>).</summary>
    public required string YouSaid { get; set; }
    public required string WeDid { get; set; }
    /// <summary>One of <see cref="YouSaidWeDidStatuses"/>.</summary>
    public string Status { get; set; } = YouSaidWeDidStatuses.Draft;
    /// <summary>When it was (last) published; it is listed on the public pages and in the monthly digest by this date.</summary>
    public DateTime? PublishedAt { get; set; }
    public string? PublishedBy { get; set; }
    public DateTime? WithdrawnAt { get; set; }
    public string? WithdrawnBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
}

/// <summary>An improvement action a record reports on.</summary>
public sealed class YouSaidWeDidAction
{
    public long Id { get; set; }
    public long YouSaidWeDidRecordId { get; set; }
    public long ImprovementActionId { get; set; }
    public DateTime AddedAt { get; set; }
    public required string AddedBy { get; set; }
}

/// <summary>
/// A patient's comment quoted on a record. Staff may shorten it; whatever they keep is redacted again every time it is
/// shown, and it is shown only while the respondent's consent to publish stands.
/// </summary>
public sealed class YouSaidWeDidQuote
{
    public long Id { get; set; }
    public long YouSaidWeDidRecordId { get; set; }
    public long FeedbackAnswerId { get; set; }
    public required string Text { get; set; }
    public DateTime AddedAt { get; set; }
    public required string AddedBy { get; set; }
}

/// <summary>A monthly digest queued for one person about one trust, recorded so a month is never sent twice.</summary>
public sealed class YouSaidWeDidDigest
{
    public long Id { get; set; }
    /// <summary>yyyymm.</summary>
    public int Month { get; set; }
    public int TrustId { get; set; }
    public required string UserId { get; set; }
    public DateTime QueuedAt { get; set; }
}
