namespace Heard.Data.Model;

/// <summary>
/// A dated change to how care is given (e.g. "new discharge lounge opened") marked on one SPC chart: a scope (a trust,
/// one of its divisions, or one unit) and a metric. From this date the chart starts a new mean and new limits.
/// </summary>
public sealed class SpcChangePoint
{
    public long Id { get; set; }
    public int TrustId { get; set; }
    /// <summary>Set for a division's chart (with <see cref="UnitId"/> null).</summary>
    public int? DivisionId { get; set; }
    /// <summary>Set for a unit's chart.</summary>
    public int? UnitId { get; set; }
    /// <summary>The metric's key, e.g. <c>fft-positive</c>.</summary>
    public required string Metric { get; set; }
    /// <summary>The theme, for metrics about one theme; empty otherwise (never null, so it can be part of a key).</summary>
    public string Theme { get; set; } = "";
    public DateOnly EffectiveOn { get; set; }
    public required string Note { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
}
