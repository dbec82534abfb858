namespace Heard.Data.Model;

public static class ImprovementDirections
{
    public const string Higher = "higher";
    public const string Lower = "lower";
    /// <summary>Neither way is better in itself (e.g. a count of incidents reported, where more reporting can be healthy).</summary>
    public const string Neither = "neither";
}

/// <summary>
/// A quality measure other than patient experience (falls, staffing fill rate, staff FFT...). Measures are rows, so a
/// trust adds one without a schema change; <see cref="Key"/> is what files and the API name it by.
/// </summary>
public sealed class QualityMeasure
{
    public int Id { get; set; }
    public required string Key { get; set; }
    public required string Name { get; set; }
    /// <summary>What a value counts: "count", "%", "WTE", "per 1,000 bed days"...</summary>
    public required string UnitOfMeasure { get; set; }
    public string ImprovementDirection { get; set; } = ImprovementDirections.Neither;
    /// <summary>Values outside these bounds are rejected on import; null means unbounded.</summary>
    public double? Minimum { get; set; }
    public double? Maximum { get; set; }
    public string? Description { get; set; }
    public int SortOrder { get; set; }
}

public static class QualityChannels
{
    public const string File = "file";
    public const string Api = "api";
}

/// <summary>
/// One measure's value for one unit and month. A newer value for the same unit, month and measure supersedes this one
/// rather than overwriting it, so the history of what was reported, and when, is kept.
/// </summary>
public sealed class QualityValue
{
    public long Id { get; set; }
    public int QualityMeasureId { get; set; }
    public int TrustId { get; set; }
    public int UnitId { get; set; }
    /// <summary>Month as yyyymm, like the FFT figures it sits beside.</summary>
    public int Month { get; set; }
    public double Value { get; set; }
    public required string Channel { get; set; }
    public DateTime RecordedAt { get; set; }
    public string? RecordedBy { get; set; }
    /// <summary>The row exactly as it arrived (a CSV line or an API item).</summary>
    public long? ImportedRowId { get; set; }
    /// <summary>When a newer value replaced this one; null for the current value.</summary>
    public DateTime? SupersededAt { get; set; }
}
