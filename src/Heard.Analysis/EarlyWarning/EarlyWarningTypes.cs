using System.Globalization;

namespace Heard.Analysis.EarlyWarning;

/// <summary>What kind of early warning an alert is; the stable names are stored and shown in links and the API.</summary>
public static class AlertKinds
{
    /// <summary>The latest point of a unit's SPC chart is a special cause of concern.</summary>
    public const string SpcConcern = "spc-concern";

    /// <summary>A theme's negative comments on a unit rose beyond their usual level.</summary>
    public const string ThemeRise = "theme-rise";

    /// <summary>More complaints or PALS concerns in the latest month than the unit's usual rate makes plausible.</summary>
    public const string Cluster = "cluster";

    /// <summary>The unit's FFT responses collapsed in the latest month.</summary>
    public const string VolumeDrop = "volume-drop";

    public static readonly string[] All = [SpcConcern, ThemeRise, Cluster, VolumeDrop];

    public static string Label(string kind) => kind switch
    {
        SpcConcern => "Special cause of concern",
        ThemeRise => "Negative comments on a theme rising",
        Cluster => "Cluster of complaints or concerns",
        VolumeDrop => "Feedback volume collapsed",
        _ => kind,
    };
}

/// <summary>The metrics an alert can be about. FFT shares, complaints and PALS match the SPC page's metric keys.</summary>
public static class AlertMetrics
{
    public const string FftPositive = "fft-positive";
    public const string FftNegative = "fft-negative";
    /// <summary>FFT answers received in the month (every answer, don't know included).</summary>
    public const string FftResponses = "fft-responses";
    public const string Complaints = "complaints";
    public const string Pals = "pals";
    /// <summary>Negative or very negative comments on one theme in the month.</summary>
    public const string ThemeNegative = "theme-negative";

    public static readonly string[] All = [FftPositive, FftNegative, FftResponses, Complaints, Pals, ThemeNegative];

    public static string Label(string metric) => metric switch
    {
        FftPositive => "% positive",
        FftNegative => "% negative",
        FftResponses => "FFT responses",
        Complaints => "Complaints",
        Pals => "PALS concerns",
        ThemeNegative => "Negative comments",
        _ => metric,
    };
}

/// <summary>Months as the integer yyyymm used throughout Heard's monthly tables.</summary>
public static class Months
{
    public static int Add(int month, int count)
    {
        var index = month / 100 * 12 + month % 100 - 1 + count;
        return index / 12 * 100 + index % 12 + 1;
    }

    /// <summary>Months from <paramref name="from"/> to <paramref name="to"/>, both counted.</summary>
    public static int Between(int from, int to) => (to / 100 * 12 + to % 100) - (from / 100 * 12 + from % 100) + 1;

    /// <summary>"October 2026".</summary>
    public static string Name(int month) =>
        new DateOnly(month / 100, month % 100, 1).ToString("MMMM yyyy", CultureInfo.InvariantCulture);
}

/// <summary>One theme's negative comments on a unit, one count per month of the unit's series.</summary>
public sealed record ThemeNegativeSeries(string Theme, long[] Negative);

/// <summary>
/// A unit's monthly figures, read from the monthly aggregate tables: every array has one entry per month from
/// <see cref="FirstMonth"/> to the latest month evaluated, in order, zero where nothing was recorded.
/// </summary>
public sealed class UnitMonthlySeries
{
    public required int UnitId { get; init; }
    public required string UnitName { get; init; }
    /// <summary>yyyymm of the first entry of every array.</summary>
    public required int FirstMonth { get; init; }
    /// <summary>FFT answers very good or good.</summary>
    public required long[] FftPositive { get; init; }
    /// <summary>FFT answers poor or very poor.</summary>
    public required long[] FftNegative { get; init; }
    /// <summary>Every FFT answer (the denominator of both shares).</summary>
    public required long[] FftResponses { get; init; }
    public required long[] Complaints { get; init; }
    public required long[] Pals { get; init; }
    public IReadOnlyList<ThemeNegativeSeries> Themes { get; init; } = [];
    /// <summary>
    /// Change points marked on the unit's SPC charts, by metric key: the first month (yyyymm) of each new segment, as the
    /// SPC page rebases them, so an alert agrees with the chart its evidence link opens.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<int>> ChangePoints { get; init; } = new Dictionary<string, IReadOnlyList<int>>();

    public int Length => FftResponses.Length;
    public int LatestMonth => Months.Add(FirstMonth, Length - 1);
}

/// <summary>The thresholds of the early-warning rules (docs/early-warning.md explains each).</summary>
public sealed record EarlyWarningOptions
{
    public static readonly EarlyWarningOptions Default = new();

    /// <summary>A chart needs this many months (points) before its latest point is judged; fewer give trial limits.</summary>
    public int MinimumMonths { get; init; } = 12;

    /// <summary>A theme's latest month needs at least this many negative comments to raise an alert.</summary>
    public int MinimumThemeNegatives { get; init; } = 3;

    /// <summary>Months before the latest that make a unit's usual rate (complaints, PALS, responses).</summary>
    public int UsualMonths { get; init; } = 12;

    /// <summary>The usual rate needs at least this many months before the latest.</summary>
    public int MinimumUsualMonths { get; init; } = 6;

    /// <summary>A cluster needs at least this many complaints (or PALS concerns) in the latest month.</summary>
    public int MinimumCluster { get; init; } = 3;

    /// <summary>A cluster is a count this unlikely (or less) from a Poisson process at the usual rate.</summary>
    public double ClusterProbability { get; init; } = 0.01;

    /// <summary>Responses below this fraction of the usual monthly number are a collapse.</summary>
    public double CollapseFraction { get; init; } = 0.5;

    /// <summary>A collapse is only judged on units that usually get at least this many responses a month.</summary>
    public double MinimumUsualResponses { get; init; } = 10;
}

/// <summary>
/// An early warning about one unit, metric (and theme) in one month, with the figures behind it and a plain-English
/// explanation. <see cref="Value"/> and <see cref="Reference"/> are in the metric's units (percentages for shares):
/// the latest figure and the limit, mean or usual rate it was judged against.
/// </summary>
public sealed record AlertFinding(
    string Kind, int UnitId, string Metric, string? Theme, int Month, string Explanation, double Value, double Reference);
