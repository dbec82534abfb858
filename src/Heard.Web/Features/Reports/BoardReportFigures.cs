using System.Text.Json;
using System.Text.Json.Serialization;
using Heard.Analysis.Spc;

namespace Heard.Web.Features.Reports;

/// <summary>
/// Every figure in a board report, as generated: the snapshot an archived version keeps. Nothing in it depends on who
/// generated it or when, so the same period over the same data gives the same snapshot, byte for byte.
/// </summary>
public sealed record BoardReportFigures(
    int TrustId, string TrustName, int? DivisionId, string? DivisionName, string Period, int FromMonth, int ToMonth,
    int PreviousFromMonth, int PreviousToMonth, int Units, FftHeadline Headline, IReadOnlyList<SpcSummaryRow> Spc,
    IReadOnlyList<ThemeChange> Themes, IReadOnlyList<SourceFigure> Sources, IReadOnlyList<AlertLine> Alerts,
    IReadOnlyList<ActionLine> Actions, EqualityHeadline Equality, IReadOnlyList<string>? UnitNames = null)
{
    public ReportPeriod ReportPeriod => new(Period, FromMonth, ToMonth);
    public string Title => $"{Subject}: patient experience report, {ReportPeriod.Label}";

    /// <summary>What the report covers: the trust, the division, or the chosen units (named while few enough to read).</summary>
    public string Subject => UnitNames switch
    {
        null => DivisionName ?? TrustName,
        { Count: 1 } names => $"{TrustName}, {names[0]}",
        { Count: <= 3 } names => $"{TrustName}, {string.Join(", ", names.Take(names.Count - 1))} and {names[^1]}",
        var names => $"{TrustName}, {names.Count} chosen units",
    };

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    public string ToJson() => JsonSerializer.Serialize(this, Json);
    public static BoardReportFigures FromJson(string json) => JsonSerializer.Deserialize<BoardReportFigures>(json, Json)
        ?? throw new InvalidDataException("The report's figures are empty.");
}

/// <summary>FFT for the whole slice in the period, exactly as the dashboard shows it for the same filter.</summary>
public sealed record FftHeadline(long Responses, int? PercentPositive, int? PercentNegative, double? ResponseRate, long PreviousResponses,
    int? PreviousPercentPositive, string Link);

/// <summary>
/// One FFT setting (or all settings together): the period's figures from the dashboard, and the SPC reading of the
/// monthly percentage positive over the months to the period's end.
/// </summary>
public sealed record SpcSummaryRow(string? Setting, string Label, long Responses, int? PercentPositive, int? PercentNegative,
    int ChartMonths, double? Latest, double? Mean, double? LowerLimit, double? UpperLimit, SpcPointType Variation, bool VariationHigh,
    SpcAssurance Assurance, string DashboardLink, string SpcLink);

public sealed record QuotedComment(DateOnly Date, string UnitName, string Text);

/// <summary>A theme whose share of coded comments moved most between the previous period and this one.</summary>
public sealed record ThemeChange(string Theme, string Category, long Comments, long PreviousComments, double? Share, double? PreviousShare,
    double? MeanSentiment, double? PreviousMeanSentiment, IReadOnlyList<QuotedComment> Examples, string Link, string CommentsLink)
{
    public bool Rose => (Share ?? 0) >= (PreviousShare ?? 0);
}

/// <summary>Records of another source (complaints, PALS, compliments...) in the period and the one before.</summary>
public sealed record SourceFigure(string Source, string Label, long Records, long PreviousRecords, string Link);

public sealed record AlertLine(long Id, string UnitName, string Kind, string Metric, string? Theme, string MonthName, string Explanation,
    string Status, string? ResolvedBy, string? ResolutionNote, string Link);

public sealed record ActionLine(long Id, string Title, string UnitName, string Status, DateOnly DueOn, bool OverdueAtPeriodEnd, string? Impact, string Link);

/// <summary>
/// FFT by the demographics respondents gave, with small groups suppressed as on the equality page: the lines a board
/// reads (widest gap in each characteristic, seldom-heard groups), never a suppressed group's figure.
/// </summary>
public sealed record EqualityHeadline(long Responses, int? PercentPositive, bool TooFewToBreakDown, int MinimumGroupSize, int SuppressedGroups,
    IReadOnlyList<string> Lines, string Link);

/// <summary>How the report writes its figures, the same in HTML, PDF and Word.</summary>
public static class ReportFormat
{
    public static string Percent(int? v) => v is int x ? $"{x}%" : "–";
    public static string Share(double? v) => v is double x ? (100 * x).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%" : "–";
    public static string Rate(double? v) => v is double x ? (100 * x).ToString("0", System.Globalization.CultureInfo.InvariantCulture) + "%" : "not known";
    public static string Value(double? v, string unit = "%") => v is double x ? x.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + unit : "–";
    public static string Sentiment(double? v) => v is double x ? x.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : "–";
    public static string Count(long v) => v.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    public static string Variation(SpcSummaryRow r) =>
        r.ChartMonths == 0 ? "No months with responses" : Spc.SpcChartSvg.Describe(r.Variation) + (r.Variation == SpcPointType.CommonCause ? "" : r.VariationHigh ? " (high)" : " (low)");

    public static string Assurance(SpcSummaryRow r) => Spc.SpcChartSvg.Describe(r.Assurance);

    public static string ThemeMovement(ThemeChange t) =>
        $"{(t.Rose ? "Up" : "Down")} from {Share(t.PreviousShare)} to {Share(t.Share)} of coded comments ({Count(t.PreviousComments)} to {Count(t.Comments)} comments); " +
        $"mean sentiment {Sentiment(t.PreviousMeanSentiment)} to {Sentiment(t.MeanSentiment)} (1 very positive, 5 very negative).";
}
