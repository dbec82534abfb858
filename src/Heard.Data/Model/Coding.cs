namespace Heard.Data.Model;

/// <summary>
/// A comment-coding model: the built-in one for NHS England's framework, or one a trust trained on its own coded
/// comments. Every code records the model (or the person) that set it.
/// </summary>
public sealed class TextModel
{
    public int Id { get; set; }
    /// <summary>Null for the built-in model, which every trust may use.</summary>
    public int? TrustId { get; set; }
    public required string Name { get; set; }
    /// <summary>The label set, e.g. "qdc-v7" or a trust's own frame name.</summary>
    public required string Framework { get; set; }
    /// <summary>Short fingerprint of the model file, so two records of the same model read the same.</summary>
    public required string VersionLabel { get; set; }
    public bool IsBuiltIn { get; set; }
    /// <summary>The model that codes new comments for its trust (or for every trust without one of its own).</summary>
    public bool IsActive { get; set; }
    /// <summary>Held-out scores measured when it was trained (micro-F1, macro-F1, per label).</summary>
    public string? ScoresJson { get; set; }
    /// <summary>The model file; null for the built-in model, which ships inside the application.</summary>
    public byte[]? ModelData { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
}

/// <summary>
/// One code on one free-text answer. Set by a model (with its confidence) or a person; removing a code keeps the row
/// with who removed it and when, so corrections can be learned from and audited.
/// </summary>
public sealed class CommentCode
{
    public long Id { get; set; }
    public long FeedbackAnswerId { get; set; }
    public long FeedbackRecordId { get; set; }
    public required string Label { get; set; }
    public string? Category { get; set; }
    public float? Confidence { get; set; }
    public int? TextModelId { get; set; }
    /// <summary>The person who added the code; null when a model set it.</summary>
    public string? SetBy { get; set; }
    public DateTime SetAt { get; set; }
    public DateTime? RemovedAt { get; set; }
    public string? RemovedBy { get; set; }
}
