namespace Heard.Data.Model;

/// <summary>
/// An early warning about one unit: a metric (and theme) that deteriorated in a month, raised by the early-warning
/// evaluation from the monthly aggregates. One per unit, metric, theme and month. Its owner acknowledges it and resolves
/// it with a note of what was done; a resolution can be undone (reopened).
/// </summary>
public sealed class EarlyWarningAlert
{
    public long Id { get; set; }
    public int TrustId { get; set; }
    public int UnitId { get; set; }
    /// <summary>spc-concern, theme-rise, cluster or volume-drop (Heard.Analysis.EarlyWarning.AlertKinds).</summary>
    public required string Kind { get; set; }
    /// <summary>fft-positive, fft-negative, fft-responses, complaints, pals or theme-negative.</summary>
    public required string Metric { get; set; }
    /// <summary>The theme for theme alerts; empty otherwise (never null, so it can be part of the key).</summary>
    public string Theme { get; set; } = "";
    /// <summary>yyyymm.</summary>
    public int Month { get; set; }
    public required string Explanation { get; set; }
    /// <summary>JSON array of {"label", "href"}: the chart and the comments behind the alert.</summary>
    public required string Evidence { get; set; }
    /// <summary>The month's figure (a percentage for shares).</summary>
    public double Value { get; set; }
    /// <summary>The limit, average or usual rate the figure was judged against.</summary>
    public double Reference { get; set; }
    public DateTime RaisedAt { get; set; }
    public string? OwnerUserId { get; set; }
    /// <summary>When it was first in its owner's daily digest; null while new.</summary>
    public DateTime? NotifiedAt { get; set; }
    public DateTime? AcknowledgedAt { get; set; }
    public string? AcknowledgedBy { get; set; }
    public DateTime? ResolvedAt { get; set; }
    public string? ResolvedBy { get; set; }
    public string? ResolutionNote { get; set; }
}
