namespace Heard.Data.Model;

/// <summary>The stages of an improvement action; only <see cref="Open"/> and <see cref="InProgress"/> get reminders.</summary>
public static class ActionStatuses
{
    public const string Open = "open";
    public const string InProgress = "in-progress";
    public const string Done = "done";
    public const string Cancelled = "cancelled";
    public static readonly string[] All = [Open, InProgress, Done, Cancelled];
    public static bool IsLive(string status) => status is Open or InProgress;

    public static string Label(string status) => status switch
    {
        Open => "Open",
        InProgress => "In progress",
        Done => "Done",
        Cancelled => "Cancelled",
        _ => status,
    };
}

/// <summary>
/// Something a unit's staff will change because of what patients said: who owns it, by when, where it stands, the
/// evidence behind it and, for "did it work?", the SPC measure it should move and the date the change went live.
/// </summary>
public sealed class ImprovementAction
{
    public long Id { get; set; }
    public int TrustId { get; set; }
    /// <summary>The unit the action belongs to; its division and trust follow from the unit.</summary>
    public int UnitId { get; set; }
    public required string Title { get; set; }
    public string Description { get; set; } = "";
    /// <summary>The user who owns it and receives its reminders.</summary>
    public required string OwnerUserId { get; set; }
    public DateOnly DueOn { get; set; }
    /// <summary>One of <see cref="ActionStatuses"/>.</summary>
    public string Status { get; set; } = ActionStatuses.Open;
    /// <summary>The SPC metric key the action should move (Features/Spc/SpcMetrics), measured on the action's unit.</summary>
    public string? Metric { get; set; }
    /// <summary>The theme, for metrics about one theme.</summary>
    public string? Theme { get; set; }
    /// <summary>When the change went live: the chart is rebased here and before is compared with after.</summary>
    public DateOnly? ChangedOn { get; set; }
    /// <summary>Written when the action is closed as done: what difference it made, in the owner's words.</summary>
    public string? ImpactReview { get; set; }
    /// <summary>The "did it work?" reading shown when it was closed, kept as it was then.</summary>
    public string? ImpactSummary { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    public string? ClosedBy { get; set; }
}

/// <summary>A dated progress note on an action, by whom.</summary>
public sealed class ActionNote
{
    public long Id { get; set; }
    public long ImprovementActionId { get; set; }
    public DateTime WrittenAt { get; set; }
    public required string WrittenBy { get; set; }
    public required string Text { get; set; }
}

/// <summary>A file attached to an action, held in the database so it is backed up and authorised with the action.</summary>
public sealed class ActionAttachment
{
    public long Id { get; set; }
    public long ImprovementActionId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required byte[] Content { get; set; }
    public DateTime UploadedAt { get; set; }
    public required string UploadedBy { get; set; }
}

/// <summary>What an evidence link points at.</summary>
public static class EvidenceKinds
{
    /// <summary>Reference: the feedback_answer id.</summary>
    public const string Comment = "comment";
    /// <summary>Reference: <c>label|unit id|yyyy-MM</c> (month may be empty).</summary>
    public const string Theme = "theme";
    /// <summary>Reference: the alert's id, shown as /Alerts/{id}.</summary>
    public const string Alert = "alert";
    /// <summary>Reference: the feedback record id of a complaint.</summary>
    public const string Complaint = "complaint";
    /// <summary>Reference: a link within Heard to the survey result (for example a dashboard or survey page).</summary>
    public const string SurveyResult = "survey-result";
    /// <summary>Reference: the SPC chart's query string (unit, metric, theme).</summary>
    public const string SpcChart = "spc-chart";
    public static readonly string[] All = [Comment, Theme, Alert, Complaint, SurveyResult, SpcChart];

    public static string Label(string kind) => kind switch
    {
        Comment => "Comment",
        Theme => "Theme",
        Alert => "Alert",
        Complaint => "Complaint",
        SurveyResult => "Survey result",
        SpcChart => "SPC chart",
        _ => kind,
    };
}

/// <summary>A link from an action to the evidence behind it. Generic on purpose: the thing linked may live in any table.</summary>
public sealed class ActionEvidence
{
    public long Id { get; set; }
    public long ImprovementActionId { get; set; }
    /// <summary>One of <see cref="EvidenceKinds"/>.</summary>
    public required string Kind { get; set; }
    public required string Reference { get; set; }
    public required string Label { get; set; }
    public DateTime AddedAt { get; set; }
    public required string AddedBy { get; set; }
}

/// <summary>What kind of reminder; each is sent at most once per action and due date.</summary>
public static class ReminderKinds
{
    public const string BeforeDue = "before-due";
    public const string DueToday = "due-today";
    public const string Overdue = "overdue";
    public const string Escalated = "escalated";
}

/// <summary>A reminder or escalation sent for an action, recorded so it is never sent twice.</summary>
public sealed class ActionReminder
{
    public long Id { get; set; }
    public long ImprovementActionId { get; set; }
    /// <summary>One of <see cref="ReminderKinds"/>.</summary>
    public required string Kind { get; set; }
    /// <summary>The due date it was about: moving the due date starts the reminders again.</summary>
    public DateOnly DueOn { get; set; }
    public DateTime SentAt { get; set; }
    /// <summary>Who it went to (user names, comma-separated).</summary>
    public required string SentTo { get; set; }
}
