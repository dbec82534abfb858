using System.Globalization;
using Heard.Analysis.Spc;

namespace Heard.Analysis.EarlyWarning;

/// <summary>
/// The early-warning rules, applied to one unit's monthly series at its latest month (docs/early-warning.md):
/// <list type="number">
/// <item>SPC: the latest point of the XmR chart of FFT % positive, % negative, responses, complaints or PALS concerns is a
/// special cause of concern, judged with the SPC page's own code, improvement directions and change points;</item>
/// <item>theme rise: the latest point of the XmR chart of a theme's monthly negative comments is a special cause of
/// concern, with at least <see cref="EarlyWarningOptions.MinimumThemeNegatives"/> of them;</item>
/// <item>cluster: the latest month's complaints (or PALS concerns) are at least <see cref="EarlyWarningOptions.MinimumCluster"/>
/// and a Poisson count at the unit's usual rate (mean of the months before) reaches that many with probability
/// at most <see cref="EarlyWarningOptions.ClusterProbability"/>; a cluster replaces the SPC alert on the same metric;</item>
/// <item>collapse: the latest month's FFT responses are below <see cref="EarlyWarningOptions.CollapseFraction"/> of the
/// usual monthly number; a collapse replaces the SPC alert on responses.</item>
/// </list>
/// So there is at most one alert per unit, metric (and theme) and month.
/// </summary>
public static class EarlyWarningRules
{
    public static List<AlertFinding> Evaluate(UnitMonthlySeries unit, EarlyWarningOptions? options = null)
    {
        options ??= EarlyWarningOptions.Default;
        var alerts = new List<AlertFinding>();
        if (unit.Length == 0) return alerts;

        FftShare(unit, AlertMetrics.FftPositive, unit.FftPositive, ImprovementDirection.Increase, options, alerts);
        FftShare(unit, AlertMetrics.FftNegative, unit.FftNegative, ImprovementDirection.Decrease, options, alerts);

        var collapse = Collapse(unit, options);
        if (collapse is not null) alerts.Add(collapse);
        else Spc(unit, AlertMetrics.FftResponses, null, AlertMetrics.Label(AlertMetrics.FftResponses), Counts(unit.FftResponses),
            ImprovementDirection.Increase, percent: false, options, alerts);

        foreach (var (metric, counts) in new[] { (AlertMetrics.Complaints, unit.Complaints), (AlertMetrics.Pals, unit.Pals) })
        {
            var cluster = Cluster(unit, metric, counts, options);
            if (cluster is not null) alerts.Add(cluster);
            else Spc(unit, metric, null, AlertMetrics.Label(metric), Counts(counts), ImprovementDirection.Decrease, percent: false, options, alerts);
        }

        foreach (var theme in unit.Themes)
        {
            if (theme.Negative.Length != unit.Length || theme.Negative[^1] < options.MinimumThemeNegatives) continue;
            Spc(unit, AlertMetrics.ThemeNegative, theme.Theme, $"Negative comments on {theme.Theme}", Counts(theme.Negative),
                ImprovementDirection.Decrease, percent: false, options, alerts, kind: AlertKinds.ThemeRise);
        }
        return alerts;
    }

    private static (double[] Values, int[] Months) Counts(long[] counts)
    {
        var values = new double[counts.Length];
        for (var i = 0; i < counts.Length; i++) values[i] = counts[i];
        return (values, []);
    }

    /// <summary>A share's chart has a point only for months with FFT answers, as on the SPC page.</summary>
    private static void FftShare(UnitMonthlySeries unit, string metric, long[] numerators, ImprovementDirection improvement,
        EarlyWarningOptions options, List<AlertFinding> alerts)
    {
        var totals = unit.FftResponses;
        if (totals[^1] <= 0) return;
        var count = 0;
        foreach (var t in totals) if (t > 0) count++;
        var values = new double[count];
        var months = new int[count];
        for (int i = 0, j = 0; i < totals.Length; i++)
        {
            if (totals[i] <= 0) continue;
            values[j] = 100.0 * numerators[i] / totals[i];
            months[j++] = Months.Add(unit.FirstMonth, i);
        }
        Spc(unit, metric, null, AlertMetrics.Label(metric), (values, months), improvement, percent: true, options, alerts);
    }

    /// <param name="series">Values, and the month of each when they are not every month from the unit's first.</param>
    private static void Spc(UnitMonthlySeries unit, string metric, string? theme, string label, (double[] Values, int[] Months) series,
        ImprovementDirection improvement, bool percent, EarlyWarningOptions options, List<AlertFinding> alerts, string kind = AlertKinds.SpcConcern)
    {
        var values = series.Values;
        if (values.Length < options.MinimumMonths) return;
        var rebase = new List<int>();
        if (theme is null && unit.ChangePoints.TryGetValue(metric, out var changes))
        {
            foreach (var change in changes)
            {
                var index = IndexOnOrAfter(unit.FirstMonth, series.Months, values.Length, change);
                if (index > 0 && index < values.Length) rebase.Add(index);
            }
        }
        var chart = XmrChart.Evaluate(values, new SpcOptions { Improvement = improvement, RebaseAt = rebase });
        var last = chart.Points[^1];
        if (last.Type != SpcPointType.SpecialCauseConcern) return;
        var month = unit.LatestMonth;
        var (explanation, reference) = Explain(label, last, improvement == ImprovementDirection.Decrease, month, percent);
        alerts.Add(new AlertFinding(kind, unit.UnitId, metric, theme, month, explanation, last.Value, reference));
    }

    private static int IndexOnOrAfter(int firstMonth, int[] months, int length, int change)
    {
        if (months.Length == 0) return Months.Between(firstMonth, change) - 1;
        for (var i = 0; i < months.Length; i++) if (months[i] >= change) return i;
        return length;
    }

    /// <summary>The rule that flagged the point, by the rules' precedence, in words, with the limit or mean it crossed.</summary>
    internal static (string Text, double Reference) Explain(string label, SpcPoint p, bool highIsConcern, int month, bool percent)
    {
        var when = Months.Name(month);
        var value = percent ? Percent(p.Value) : Number(p.Value);
        if (p.Rules.HasFlag(SpcRules.OutsideLimits))
        {
            return highIsConcern
                ? ($"{label} rose above the upper process limit ({Reference(p.UpperProcessLimit, percent)}) in {when}: {value}", p.UpperProcessLimit)
                : ($"{label} fell below the lower process limit ({Reference(p.LowerProcessLimit, percent)}) in {when}: {value}", p.LowerProcessLimit);
        }
        if (p.Rules.HasFlag(SpcRules.Trend))
            return ($"{label} has {(highIsConcern ? "risen" : "fallen")} month on month for seven months or more, to {value} in {when}", p.Mean);
        if (p.Rules.HasFlag(SpcRules.TwoOfThreeNearLimit))
        {
            return highIsConcern
                ? ($"{label} was close to the upper process limit ({Reference(p.UpperProcessLimit, percent)}) in two of the last three months: {value} in {when}", p.UpperProcessLimit)
                : ($"{label} was close to the lower process limit ({Reference(p.LowerProcessLimit, percent)}) in two of the last three months: {value} in {when}", p.LowerProcessLimit);
        }
        return ($"{label} has been {(highIsConcern ? "above" : "below")} its average ({Reference(p.Mean, percent)}) for seven months or more in a row: {value} in {when}", p.Mean);
    }

    /// <summary>The mean of up to <see cref="EarlyWarningOptions.UsualMonths"/> months before the latest; null with too few.</summary>
    internal static double? UsualRate(long[] counts, EarlyWarningOptions options)
    {
        var before = counts.Length - 1;
        if (before < options.MinimumUsualMonths) return null;
        var take = Math.Min(before, options.UsualMonths);
        long sum = 0;
        for (var i = before - take; i < before; i++) sum += counts[i];
        return (double)sum / take;
    }

    private static AlertFinding? Cluster(UnitMonthlySeries unit, string metric, long[] counts, EarlyWarningOptions options)
    {
        var latest = counts[^1];
        if (latest < options.MinimumCluster || UsualRate(counts, options) is not double usual) return null;
        var p = Poisson.UpperTail(latest, usual);
        if (p > options.ClusterProbability) return null;
        var noun = metric == AlertMetrics.Complaints ? "complaint" : "PALS concern";
        var chance = p < 0.001 ? "less than 0.1%" : Percent(100 * p);
        var month = unit.LatestMonth;
        var text = $"{latest} {noun}s in {Months.Name(month)} where {Rate(usual)} a month is usual " +
            $"(the chance of {latest} or more at the usual rate is {chance})";
        return new AlertFinding(AlertKinds.Cluster, unit.UnitId, metric, null, month, text, latest, usual);
    }

    private static AlertFinding? Collapse(UnitMonthlySeries unit, EarlyWarningOptions options)
    {
        var counts = unit.FftResponses;
        if (UsualRate(counts, options) is not double usual || usual < options.MinimumUsualResponses) return null;
        var latest = counts[^1];
        if (latest >= options.CollapseFraction * usual) return null;
        var month = unit.LatestMonth;
        var text = latest == 0
            ? $"No FFT responses in {Months.Name(month)}, where {Rate(usual)} a month is usual"
            : $"FFT responses fell to {latest} in {Months.Name(month)}, under {Fraction(options.CollapseFraction)} the usual {Rate(usual)} a month";
        return new AlertFinding(AlertKinds.VolumeDrop, unit.UnitId, AlertMetrics.FftResponses, null, month, text, latest, usual);
    }

    private static string Fraction(double f) => f == 0.5 ? "half" : Percent(100 * f) + " of";
    private static string Percent(double v) => v.ToString("0.0", CultureInfo.InvariantCulture) + "%";
    private static string Number(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
    private static string Rate(double v) => v.ToString("0.0", CultureInfo.InvariantCulture);
    private static string Reference(double v, bool percent) => percent ? Percent(v) : Rate(v);
}

/// <summary>The Poisson distribution's upper tail, for counts of rare events such as complaints.</summary>
public static class Poisson
{
    /// <summary>P(X ≥ x) for X ~ Poisson(rate).</summary>
    public static double UpperTail(long x, double rate)
    {
        if (x <= 0) return 1;
        if (rate <= 0) return 0;
        // Summed upwards from x in log space, so a large rate cannot underflow e^-rate before the terms are scaled.
        var logTerm = -rate + x * Math.Log(rate);
        for (long i = 2; i <= x; i++) logTerm -= Math.Log(i);
        var term = Math.Exp(logTerm);
        var sum = 0.0;
        for (var k = x; term > 0; k++)
        {
            sum += term;
            if (k > rate && term < sum * 1e-16) break;
            term *= rate / (k + 1);
        }
        return Math.Min(1, sum);
    }
}
