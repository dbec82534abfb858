namespace Heard.Data.Model;

/// <summary>
/// A quality improvement project in one trust: a SMART aim, a lead, the units it covers (none means trust-wide), the
/// people who co-design it, its Plan-Do-Study-Act cycles and the SPC measures that show whether it worked.
/// </summary>
public sealed class ImprovementProject
{
    public long Id { get; set; }
    public int TrustId { get; set; }
    public required string Title { get; set; }
    /// <summary>A SMART aim: what will improve, by how much, for whom, by when.</summary>
    public required string Aim { get; set; }
    public required string Lead { get; set; }
    /// <summary>proposed, active, sustaining or closed (ImprovementStatuses in the web app).</summary>
    public required string Status { get; set; }
    public DateOnly StartedOn { get; set; }
    /// <summary>An aspect of care that should always happen, co-designed with patients.</summary>
    public bool IsAlwaysEvent { get; set; }
    /// <summary>In patients' words, e.g. "I am always told the name of the nurse looking after me".</summary>
    public string? AlwaysEventStatement { get; set; }
    /// <summary>How it is measured, e.g. "Patients answering yes to: were you told the name of your nurse?".</summary>
    public string? AlwaysEventMeasure { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public List<ImprovementProjectUnit> Units { get; set; } = [];
}

public sealed class ImprovementProjectUnit
{
    public long ImprovementProjectId { get; set; }
    public int UnitId { get; set; }
}

/// <summary>A member of staff (a Heard user) or a patient partner taking part in a project, with their role in it.</summary>
public sealed class ImprovementParticipant
{
    public long Id { get; set; }
    public long ImprovementProjectId { get; set; }
    public string? UserId { get; set; }
    public long? PatientPartnerId { get; set; }
    /// <summary>Their part in the project, e.g. "co-designer", "sponsor", "data lead".</summary>
    public required string Role { get; set; }
    public DateOnly JoinedOn { get; set; }
    /// <summary>Time given, for a patient partner's recognition and expenses.</summary>
    public double? Hours { get; set; }
}

/// <summary>One Plan-Do-Study-Act cycle: what was tested and predicted, what was done and learned, and the decision.</summary>
public sealed class PdsaCycle
{
    public long Id { get; set; }
    public long ImprovementProjectId { get; set; }
    public int Number { get; set; }
    public required string Plan { get; set; }
    public required string Prediction { get; set; }
    public string? Done { get; set; }
    public string? Study { get; set; }
    /// <summary>adopt, adapt or abandon; null until decided.</summary>
    public string? Act { get; set; }
    public DateOnly StartedOn { get; set; }
    public DateOnly? EndedOn { get; set; }
    /// <summary>The cycle changed how care is given from its start, so the project's charts start new limits there.</summary>
    public bool IsChange { get; set; }
}

/// <summary>An SPC measure a project should move: a metric (and theme) for a unit, a division or the whole trust.</summary>
public sealed class ImprovementMeasure
{
    public long Id { get; set; }
    public long ImprovementProjectId { get; set; }
    public required string Metric { get; set; }
    public string Theme { get; set; } = "";
    public int? DivisionId { get; set; }
    public int? UnitId { get; set; }
}

/// <summary>A month's check of an Always Event: how many patients were asked and how many said it happened.</summary>
public sealed class AlwaysEventCheck
{
    public long Id { get; set; }
    public long ImprovementProjectId { get; set; }
    public int Month { get; set; }
    public int Asked { get; set; }
    public int Yes { get; set; }
    public required string RecordedBy { get; set; }
}

/// <summary>
/// A patient, carer or volunteer willing to help. Name and contact are identifiable: roles without clearance see
/// initials only, and every view of them is audited. Consent withdrawn stops invitations; the history is kept.
/// </summary>
public sealed class PatientPartner
{
    public long Id { get; set; }
    public int TrustId { get; set; }
    public required string FullName { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    /// <summary>patient, carer or volunteer.</summary>
    public required string Kind { get; set; }
    /// <summary>Lower-case keys separated by commas, e.g. "maternity,food".</summary>
    public string Interests { get; set; } = "";
    public string? Availability { get; set; }
    public string? AccessibilityNeeds { get; set; }
    /// <summary>What they agreed to, in the words they were given.</summary>
    public required string ConsentGiven { get; set; }
    public DateOnly ConsentedOn { get; set; }
    public DateOnly? WithdrawnOn { get; set; }
    public string? WithdrawalNote { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>A panel or focus group partners are invited to.</summary>
public sealed class InvolvementEvent
{
    public long Id { get; set; }
    public int TrustId { get; set; }
    public required string Title { get; set; }
    /// <summary>panel or focus-group.</summary>
    public required string Kind { get; set; }
    public DateOnly HeldOn { get; set; }
    public required string Purpose { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
}

public sealed class InvolvementInvitation
{
    public long Id { get; set; }
    public long InvolvementEventId { get; set; }
    public long PatientPartnerId { get; set; }
    public DateTime InvitedAt { get; set; }
    /// <summary>no-reply, accepted or declined.</summary>
    public required string Response { get; set; }
    public bool Attended { get; set; }
    public double? Hours { get; set; }
}

/// <summary>The criteria a panel scores an item against, one per line, each scored 1 to 5.</summary>
public sealed class ReviewProforma
{
    public long Id { get; set; }
    public int TrustId { get; set; }
    public required string Name { get; set; }
    public required string Criteria { get; set; }
    public IReadOnlyList<string> CriteriaList => Criteria.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>
/// An anonymised complaint response or report a panel reviews. Only the redacted text staff confirmed is stored: the
/// text as pasted never reaches the database.
/// </summary>
public sealed class PanelReview
{
    public long Id { get; set; }
    public int TrustId { get; set; }
    public long ReviewProformaId { get; set; }
    public long? InvolvementEventId { get; set; }
    public required string Title { get; set; }
    /// <summary>complaint-response or report.</summary>
    public required string Kind { get; set; }
    public required string RedactedText { get; set; }
    public required string ConfirmedBy { get; set; }
    public DateTime ConfirmedAt { get; set; }
}

/// <summary>One panel member's score (1 to 5) of one criterion, by its position in the pro-forma.</summary>
public sealed class PanelScore
{
    public long Id { get; set; }
    public long PanelReviewId { get; set; }
    public long? PatientPartnerId { get; set; }
    public int Criterion { get; set; }
    public int Score { get; set; }
    public string? Comment { get; set; }
    public required string RecordedBy { get; set; }
    public DateTime RecordedAt { get; set; }
}
