namespace Heard.Analysis.Spc;

/// <summary>Which way a metric should move to count as better ("Making Data Count" improvement direction).</summary>
public enum ImprovementDirection
{
    /// <summary>Neither direction is better: special causes are reported as high or low.</summary>
    Neutral,

    /// <summary>Up is better (e.g. FFT % positive, response rate).</summary>
    Increase,

    /// <summary>Down is better (e.g. FFT % negative, complaints).</summary>
    Decrease,
}

/// <summary>What a point on an SPC chart shows; names match the CLI's <c>point_type</c> column (see <see cref="SpcText"/>).</summary>
public enum SpcPointType
{
    /// <summary>No special-cause rule applies: common-cause (natural) variation.</summary>
    CommonCause,

    /// <summary>Special cause in the improvement direction.</summary>
    SpecialCauseImprovement,

    /// <summary>Special cause against the improvement direction.</summary>
    SpecialCauseConcern,

    /// <summary>Special cause on the high side of a metric with no improvement direction.</summary>
    SpecialCauseNeutralHigh,

    /// <summary>Special cause on the low side of a metric with no improvement direction.</summary>
    SpecialCauseNeutralLow,
}

/// <summary>Whether the process can be relied on to meet a target.</summary>
public enum SpcAssurance
{
    /// <summary>No target, or no improvement direction to say what meeting it means, or no limits.</summary>
    None,

    /// <summary>The target lies outside the process limits on the side that the process will consistently meet.</summary>
    Pass,

    /// <summary>The target lies outside the process limits on the side that the process will consistently miss.</summary>
    Fail,

    /// <summary>The target lies within the process limits: the process will sometimes meet it and sometimes not.</summary>
    Inconsistent,
}

/// <summary>The special-cause rules that flagged a point; a point may be flagged by several.</summary>
[Flags]
public enum SpcRules
{
    /// <summary>No rule.</summary>
    None = 0,

    /// <summary>Rule 1: the point lies strictly outside a process limit.</summary>
    OutsideLimits = 1,

    /// <summary>Rule 2: the point is one of 7 or more consecutive points each strictly higher (or lower) than the one before.</summary>
    Trend = 2,

    /// <summary>Rule 3: the point is in the near-limit band and 2 of the 3 consecutive points around it are in that band on the same side.</summary>
    TwoOfThreeNearLimit = 4,

    /// <summary>Rule 4: the point is one of 7 or more consecutive points strictly on the same side of the mean.</summary>
    Shift = 8,
}

/// <summary>Options shared by <see cref="XmrChart"/> and <see cref="PChart"/>.</summary>
public sealed record SpcOptions
{
    /// <summary>Default options: neutral direction, no target, one segment, limits from every point, no screening.</summary>
    public static readonly SpcOptions Default = new();

    /// <summary>Which way is better; decides improvement/concern and what a target means.</summary>
    public ImprovementDirection Improvement { get; init; } = ImprovementDirection.Neutral;

    /// <summary>Optional target, in the same units as the values (a proportion 0..1 for a p-chart).</summary>
    public double? Target { get; init; }

    /// <summary>
    /// Zero-based indices of the points that start a new segment (a change point, "rebase"). Indices at or below 0
    /// or past the last point are ignored, duplicates count once, order does not matter.
    /// </summary>
    public IReadOnlyList<int> RebaseAt { get; init; } = [];

    /// <summary>
    /// When set (at least 12), each segment's mean and limits are computed from its first n points only and then held
    /// for the rest of the segment. A segment shorter than n uses all its points.
    /// </summary>
    public int? FixLimitsAfter { get; init; }

    /// <summary>
    /// XmR only: drop moving ranges above 3.267 × mR_bar and recompute mR_bar once (NHS-R default; the NHS England
    /// Excel tool does not screen). Ignored by the p-chart.
    /// </summary>
    public bool ScreenMovingRanges { get; init; }
}

/// <summary>One point of an evaluated chart.</summary>
/// <param name="Value">The plotted value (a proportion 0..1 for a p-chart).</param>
/// <param name="Mean">The centre line of the point's segment (mean, or p̄ for a p-chart).</param>
/// <param name="LowerProcessLimit">Lower process limit at this point; NaN when undefined (a one-point XmR segment).</param>
/// <param name="UpperProcessLimit">Upper process limit at this point; NaN when undefined.</param>
/// <param name="LowerNearLimit">Where the lower near-limit band starts (2/3 of the way from mean to limit).</param>
/// <param name="UpperNearLimit">Where the upper near-limit band starts.</param>
/// <param name="Segment">Zero-based index into <see cref="SpcChart.Segments"/>.</param>
/// <param name="Rules">Every rule that flagged the point.</param>
/// <param name="Type">The point's classification after precedence and improvement direction.</param>
public readonly record struct SpcPoint(
    double Value,
    double Mean,
    double LowerProcessLimit,
    double UpperProcessLimit,
    double LowerNearLimit,
    double UpperNearLimit,
    int Segment,
    SpcRules Rules,
    SpcPointType Type)
{
    /// <summary>True for any special-cause type.</summary>
    public bool IsSpecialCause => Type != SpcPointType.CommonCause;
}

/// <summary>A run of points sharing one centre line and one way of computing limits (between change points).</summary>
/// <param name="Start">Index of the segment's first point.</param>
/// <param name="Count">Number of points in the segment.</param>
/// <param name="Mean">Centre line: mean of the base points (XmR) or p̄ = Σx/Σn of the base points (p-chart).</param>
/// <param name="MovingRangeMean">XmR: mR_bar after any screening (NaN with fewer than 2 base points); p-chart: NaN.</param>
/// <param name="BaseCount">How many points (from the start) the mean and limits were computed from.</param>
/// <param name="IsTrial">Fewer than 13 points in the segment: the limits are trial limits.</param>
public readonly record struct SpcSegment(int Start, int Count, double Mean, double MovingRangeMean, int BaseCount, bool IsTrial)
{
    /// <summary>Index one past the segment's last point.</summary>
    public int End => Start + Count;
}

/// <summary>An evaluated chart: every point's limits and type, the segments, the variation and assurance.</summary>
public sealed class SpcChart
{
    internal SpcChart(SpcPoint[] points, SpcSegment[] segments, ImprovementDirection improvement, double? target, SpcAssurance assurance)
    {
        Points = points;
        Segments = segments;
        Improvement = improvement;
        Target = target;
        Assurance = assurance;
    }

    /// <summary>The points, in input order.</summary>
    public IReadOnlyList<SpcPoint> Points { get; }

    /// <summary>The segments, in order; one unless change points were given.</summary>
    public IReadOnlyList<SpcSegment> Segments { get; }

    /// <summary>The improvement direction the chart was evaluated with.</summary>
    public ImprovementDirection Improvement { get; }

    /// <summary>The target, if any.</summary>
    public double? Target { get; }

    /// <summary>The variation icon of the chart: the type of its last point (common cause for an empty chart).</summary>
    public SpcPointType Variation => Points.Count == 0 ? SpcPointType.CommonCause : Points[^1].Type;

    /// <summary>Assurance against the target, judged on the limits of the last point (the last segment).</summary>
    public SpcAssurance Assurance { get; }
}

/// <summary>The stable text names used by the CLI and the JSON API.</summary>
public static class SpcText
{
    /// <summary><c>common_cause</c>, <c>special_cause_improvement</c>, <c>special_cause_concern</c>, <c>special_cause_neutral_high</c>, <c>special_cause_neutral_low</c>.</summary>
    public static string Name(this SpcPointType type) => type switch
    {
        SpcPointType.CommonCause => "common_cause",
        SpcPointType.SpecialCauseImprovement => "special_cause_improvement",
        SpcPointType.SpecialCauseConcern => "special_cause_concern",
        SpcPointType.SpecialCauseNeutralHigh => "special_cause_neutral_high",
        SpcPointType.SpecialCauseNeutralLow => "special_cause_neutral_low",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary><c>pass</c>, <c>fail</c>, <c>inconsistent</c>, <c>none</c>.</summary>
    public static string Name(this SpcAssurance assurance) => assurance switch
    {
        SpcAssurance.Pass => "pass",
        SpcAssurance.Fail => "fail",
        SpcAssurance.Inconsistent => "inconsistent",
        SpcAssurance.None => "none",
        _ => throw new ArgumentOutOfRangeException(nameof(assurance)),
    };

    /// <summary><c>increase</c>, <c>decrease</c>, <c>neutral</c>.</summary>
    public static string Name(this ImprovementDirection direction) => direction switch
    {
        ImprovementDirection.Increase => "increase",
        ImprovementDirection.Decrease => "decrease",
        _ => "neutral",
    };

    /// <summary>Reads <c>increase</c>, <c>decrease</c> or <c>neutral</c> (case-insensitive).</summary>
    public static bool TryParseDirection(string? text, out ImprovementDirection direction)
    {
        direction = ImprovementDirection.Neutral;
        switch (text?.Trim().ToLowerInvariant())
        {
            case "increase": direction = ImprovementDirection.Increase; return true;
            case "decrease": direction = ImprovementDirection.Decrease; return true;
            case "neutral": return true;
            default: return false;
        }
    }
}
