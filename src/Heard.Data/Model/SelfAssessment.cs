namespace Heard.Data.Model;

public static class SelfAssessmentStatuses
{
    public const string Draft = "draft";
    public const string Complete = "complete";
}

/// <summary>
/// One self-assessment against the patient experience improvement framework, by a trust (DivisionId null) or one of its
/// divisions, for a period. Rounds are never overwritten by the next one: each is kept so scores can be followed over time.
/// A complete round is read-only until an administrator reopens it.
/// </summary>
public sealed class SelfAssessmentRound
{
    public int Id { get; set; }
    public int TrustId { get; set; }
    public Trust? Trust { get; set; }
    public int? DivisionId { get; set; }
    public Division? Division { get; set; }
    public required string Title { get; set; }
    public DateOnly PeriodStart { get; set; }
    public DateOnly PeriodEnd { get; set; }
    public string Status { get; set; } = SelfAssessmentStatuses.Draft;
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTime? CompletedAt { get; set; }
    public string? CompletedBy { get; set; }
    public List<SelfAssessmentAnswer> Answers { get; set; } = [];
    public List<SelfAssessmentEvidence> Evidence { get; set; } = [];
}

/// <summary>A round's answer for one requirement (e.g. "10B"): its 0 to 5 score and the three narrative fields of the framework's table.</summary>
public sealed class SelfAssessmentAnswer
{
    public long Id { get; set; }
    public int RoundId { get; set; }
    public required string RequirementId { get; set; }
    public int? Score { get; set; }
    public string? CurrentPosition { get; set; }
    public string? PlannedAction { get; set; }
    public string? WhatGoodLooksLike { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}

public static class SelfAssessmentEvidenceKinds
{
    public const string Action = "action";
    public const string Report = "report";
    public const string Survey = "survey";
    public const string Link = "link";
    public static readonly string[] All = [Action, Report, Survey, Link];
}

/// <summary>
/// A link from a requirement to something in Heard that evidences it. Actions are stored by id and label (the actions
/// feature is separate, so a deleted action leaves a readable label); every link is a path within Heard, never an outside address.
/// </summary>
public sealed class SelfAssessmentEvidence
{
    public long Id { get; set; }
    public int RoundId { get; set; }
    public required string RequirementId { get; set; }
    public string Kind { get; set; } = SelfAssessmentEvidenceKinds.Link;
    public int? TargetId { get; set; }
    public required string Label { get; set; }
    public required string Href { get; set; }
    public DateTime AddedAt { get; set; }
    public string? AddedBy { get; set; }
}
