using System.Globalization;
using System.Text;
using Heard.Analysis.Spc;
using Heard.Data;
using Heard.Web.Features.Dashboard;
using Heard.Web.Features.Spc;

namespace Heard.Web.Features.Actions;

/// <summary>Whether the change had held a number of months after it went live; <see cref="Held"/> is null when not judged.</summary>
public sealed record HeldReading(int Months, bool? Held, string Text);

/// <summary>
/// "Did it work?" for one action: its measure's monthly series on the action's unit, the chart rebased at the change,
/// the means before and after, the SPC reading of the months after against the limits of the months before, and
/// whether the change has held at 3 and 6 months. Every rule is written out in docs/actions.md.
/// </summary>
public sealed record ImpactReading(
    SpcMetric Metric, string? Theme, DateOnly ChangedOn, IReadOnlyList<SpcMonth> Months, SpcChart Chart, int? FirstMonthAfter,
    int BeforeCount, int AfterCount, double? MeanBefore, double? MeanAfter, double? LowerLimitBefore, double? UpperLimitBefore,
    string Verdict, string SpcReading, HeldReading At3, HeldReading At6)
{
    public double? Difference => MeanBefore is double b && MeanAfter is double a ? a - b : null;

    /// <summary>The reading in one paragraph, as stored with the impact review when an action is closed.</summary>
    public string Summary()
    {
        var s = new StringBuilder();
        var d = DidItWork.Decimals(Metric);
        s.Append(CultureInfo.InvariantCulture, $"{Metric.Label}{(Theme is null ? "" : $" ({Theme})")}, change on {ChangedOn:d MMM yyyy}. ");
        if (MeanBefore is double b) s.Append(CultureInfo.InvariantCulture, $"Mean before: {SpcChartSvg.Format(b, d, Metric.Unit)} ({BeforeCount} months). ");
        if (MeanAfter is double a) s.Append(CultureInfo.InvariantCulture, $"Mean after: {SpcChartSvg.Format(a, d, Metric.Unit)} ({AfterCount} months). ");
        if (Difference is double diff) s.Append(CultureInfo.InvariantCulture, $"Difference: {(diff >= 0 ? "+" : "")}{SpcChartSvg.Format(diff, d, Metric.Unit)}. ");
        s.Append(Verdict).Append(". ").Append(SpcReading).Append(". ");
        s.Append(At3.Text).Append(". ").Append(At6.Text).Append('.');
        return s.ToString();
    }
}

public static class DidItWork
{
    /// <summary>Points needed on one side of the baseline mean in a row for a shift (rule 4 of "Making Data Count").</summary>
    public const int ShiftLength = 7;

    public static int Decimals(SpcMetric m) => m.Measure == SpcMeasure.Mean ? 2 : 1;

    /// <summary>Reads the action's measure on its unit; null when it names no measure or change date, or the unit has no chart.</summary>
    public static async Task<ImpactReading?> LoadAsync(HeardDbContext db, int trustId, int unitId, string? metricKey, string? theme, DateOnly? changedOn, CancellationToken ct)
    {
        if (SpcMetrics.Find(metricKey) is not { } metric || changedOn is not DateOnly changed) return null;
        // The caller has already checked that the user may see the action's unit, so the chart is read unscoped.
        var view = await SpcQuery.LoadAsync(db, new SpcFilter(trustId, null, unitId, metric.Key, metric.NeedsTheme ? theme : null, false, null), null, ct);
        if (view is null) return null;
        return Assess(view.Metric, view.Filter.Theme, changed, view.Months);
    }

    /// <summary>The reading from a monthly series; the first month starting on or after the change date is the first month after.</summary>
    public static ImpactReading Assess(SpcMetric metric, string? theme, DateOnly changedOn, IReadOnlyList<SpcMonth> months)
    {
        var firstAfter = -1;
        for (var i = 0; i < months.Count; i++)
        {
            if (DashboardFilter.StartOf(months[i].Month) >= changedOn) { firstAfter = i; break; }
        }
        var split = firstAfter < 0 ? months.Count : firstAfter;
        var values = months.Select(m => m.Value).ToArray();
        var chart = XmrChart.Evaluate(values, new SpcOptions { Improvement = metric.Improvement, RebaseAt = split > 0 && split < months.Count ? [split] : [] });
        var before = values[..split];
        var after = values[split..];
        double? meanBefore = before.Length > 0 ? before.Average() : null;
        double? meanAfter = after.Length > 0 ? after.Average() : null;

        // Limits of the months before, held over the months after: a point beyond them, or a run on one side of the
        // old mean, says the process changed (rules 1 and 4), which a rebased chart's own limits cannot say.
        double? lower = null, upper = null;
        if (before.Length >= 2)
        {
            var baseline = XmrChart.Evaluate(before).Points[0];
            lower = baseline.LowerProcessLimit;
            upper = baseline.UpperProcessLimit;
        }

        var firstAfterMonth = DashboardFilter.MonthOf(new DateOnly(changedOn.Year, changedOn.Month, 1) < changedOn
            ? new DateOnly(changedOn.Year, changedOn.Month, 1).AddMonths(1)
            : changedOn);
        var latest = months.Count == 0 ? (int?)null : months[^1].Month;

        string verdict, reading;
        if (before.Length == 0) { verdict = "Not yet known: no months of data before the change"; reading = "No SPC reading without months before the change"; }
        else if (after.Length == 0) { verdict = "Not yet known: no months of data since the change"; reading = "No SPC reading until there is a month after the change"; }
        else
        {
            var diff = meanAfter!.Value - meanBefore!.Value;
            verdict = metric.Improvement switch
            {
                ImprovementDirection.Neutral => diff == 0 ? "No change in the mean (this measure has no better direction)" : $"The mean went {(diff > 0 ? "up" : "down")} (this measure has no better direction)",
                _ when diff == 0 => "No change in the mean",
                _ => Better(metric.Improvement, diff) ? "The mean moved the better way" : "The mean moved the worse way",
            };
            reading = lower is null
                ? "No SPC reading: limits need at least 2 months before the change"
                : Signal(metric.Improvement, after, meanBefore.Value, lower.Value, upper!.Value);
        }
        return new ImpactReading(metric, theme, changedOn, months, chart, firstAfter < 0 ? null : firstAfter, before.Length, after.Length,
            meanBefore, meanAfter, lower, upper, verdict, reading,
            Held(3, metric.Improvement, months, split, firstAfterMonth, latest, meanBefore, lower, upper),
            Held(6, metric.Improvement, months, split, firstAfterMonth, latest, meanBefore, lower, upper));
    }

    private static bool Better(ImprovementDirection d, double change) => d == ImprovementDirection.Increase ? change > 0 : change < 0;

    private static string Signal(ImprovementDirection d, double[] after, double mean, double lower, double upper)
    {
        bool AboveLimit(double v) => !double.IsNaN(upper) && v > upper;
        bool BelowLimit(double v) => !double.IsNaN(lower) && v < lower;
        var high = after.Any(AboveLimit) || Run(after, v => v > mean);
        var low = after.Any(BelowLimit) || Run(after, v => v < mean);
        if (d == ImprovementDirection.Neutral)
            return high || low ? $"Special cause{(high ? " high" : "")}{(high && low ? " and" : "")}{(low ? " low" : "")} against the limits before the change"
                : "Common cause: the months after stay within what the months before would lead you to expect";
        var improvement = d == ImprovementDirection.Increase ? high : low;
        var concern = d == ImprovementDirection.Increase ? low : high;
        return (improvement, concern) switch
        {
            (true, false) => "Special cause improvement against the limits before the change",
            (false, true) => "Special cause concern against the limits before the change",
            (true, true) => "Special cause both ways against the limits before the change",
            _ => "Common cause: no sign yet that the change moved the measure beyond its usual variation",
        };
    }

    private static bool Run(double[] values, Func<double, bool> side)
    {
        var run = 0;
        foreach (var v in values)
        {
            run = side(v) ? run + 1 : 0;
            if (run >= ShiftLength) return true;
        }
        return false;
    }

    /// <summary>
    /// Held at n months: the data reach the n-th month after the change, the mean of those months is on the better side
    /// of the mean before, so is the n-th month's own figure (or the latest one within them), and none of them is beyond
    /// the old limits on the worse side.
    /// </summary>
    private static HeldReading Held(int n, ImprovementDirection d, IReadOnlyList<SpcMonth> months, int split, int firstAfterMonth, int? latest,
        double? meanBefore, double? lower, double? upper)
    {
        var lastMonth = DashboardFilter.MonthOf(DashboardFilter.StartOf(firstAfterMonth).AddMonths(n - 1));
        var within = months.Skip(split).Where(m => m.Month <= lastMonth).ToList();
        var label = $"{n} months after";
        if (latest is null || latest < lastMonth)
            return new(n, null, $"{label}: not yet — {within.Count} month{(within.Count == 1 ? "" : "s")} of data");
        if (within.Count == 0 || meanBefore is not double mean)
            return new(n, null, $"{label}: not known — no months of data {(within.Count == 0 ? "after" : "before")} the change");
        if (d == ImprovementDirection.Neutral)
            return new(n, null, $"{label}: not judged — this measure has no better direction");
        var meanWithin = within.Average(m => m.Value);
        var last = within[^1].Value;
        var worseBeyond = within.Any(m => d == ImprovementDirection.Increase
            ? lower is double l && !double.IsNaN(l) && m.Value < l
            : upper is double u && !double.IsNaN(u) && m.Value > u);
        var held = Better(d, meanWithin - mean) && Better(d, last - mean) && !worseBeyond;
        return new(n, held, held
            ? $"{label}: held — still on the better side of the mean before, with no special cause concern"
            : $"{label}: not held — {(worseBeyond ? "a month beyond the old limits on the worse side" : !Better(d, meanWithin - mean) ? "the months since are not on the better side of the mean before" : "the latest month is back on the worse side of the mean before")}");
    }
}

/// <summary>What the "did it work?" partial shows: the reading and the unit it is about.</summary>
public sealed record DidItWorkPanel(ImpactReading Reading, int UnitId, string UnitName);
