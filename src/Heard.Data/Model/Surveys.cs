namespace Heard.Data.Model;

public static class SurveyStatuses
{
    /// <summary>Being written; patients never see it.</summary>
    public const string Draft = "draft";
    /// <summary>Collecting answers; never edited again, so every answer keeps the wording it was given.</summary>
    public const string Live = "live";
    /// <summary>Replaced by a newer version or stopped; its answers stay tied to it.</summary>
    public const string Retired = "retired";
}

/// <summary>A survey a trust runs: the FFT question plus its own follow-ups. The questions live in versions.</summary>
public sealed class Survey
{
    public int Id { get; set; }
    public int TrustId { get; set; }
    public required string Name { get; set; }
    public string? Purpose { get; set; }
    /// <summary>The person or team who answers for the survey, shown on the trust's survey register.</summary>
    public string? Owner { get; set; }
    public DateOnly? StartsOn { get; set; }
    public DateOnly? EndsOn { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public List<SurveyVersion> Versions { get; set; } = [];
    public List<SurveyAssignment> Assignments { get; set; } = [];
}

/// <summary>
/// One fixed set of questions, as JSON. A live version is never changed: a change makes the next version, and each
/// response records the version it answered (<see cref="FeedbackRecord.SurveyVersionId"/>).
/// </summary>
public sealed class SurveyVersion
{
    public int Id { get; set; }
    public int SurveyId { get; set; }
    public int Number { get; set; }
    public string Status { get; set; } = SurveyStatuses.Draft;
    public required string DefinitionJson { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTime? PublishedAt { get; set; }
}

/// <summary>
/// Where a survey runs: one unit and FFT setting, reached by a short code in a link and a QR code. The same questions
/// are asked in every format (web, kiosk, paper, easy read, translations).
/// </summary>
public sealed class SurveyAssignment
{
    public int Id { get; set; }
    public int SurveyId { get; set; }
    public int UnitId { get; set; }
    public required string Setting { get; set; }
    /// <summary>Short, unguessable-enough code for /s/{code}; printed under the QR code for people who type it.</summary>
    public required string Code { get; set; }
    public DateOnly? StartsOn { get; set; }
    public DateOnly? EndsOn { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// A system that sends responses through the API (SMS and IVR providers, other survey tools). Its key is shown once;
/// only a hash is kept.
/// </summary>
public sealed class ApiClient
{
    public int Id { get; set; }
    public int TrustId { get; set; }
    public required string Name { get; set; }
    /// <summary>The first characters of the key, so staff can tell keys apart without the key itself.</summary>
    public required string KeyPrefix { get; set; }
    public required string KeyHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTime? RevokedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
}
