namespace Heard.Analysis.Spc;

/// <summary>
/// The p-chart for a proportion with varying denominators (domain reference, section 4): per segment
/// p̄ = Σx / Σn over the base points; each point's limits p̄ ± 3 √(p̄(1 − p̄) / n_i) clipped to [0, 1]; the
/// near-limit band starts at p̄ ± 2 √(p̄(1 − p̄) / n_i) (2/3 of the way to the limit, as on the XmR chart).
/// The same four rules apply, each point judged against its own limits. Values are proportions 0..1.
/// </summary>
public static class PChart
{
    /// <summary>Evaluates the chart for the counts in time order: numerators[i] of denominators[i] in period i.</summary>
    /// <exception cref="ArgumentException">Lengths differ, a denominator is not positive, or a numerator is negative or above its denominator.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Limits fixed after fewer than 12 points, or a non-finite target.</exception>
    public static SpcChart Evaluate(ReadOnlySpan<long> numerators, ReadOnlySpan<long> denominators, SpcOptions? options = null)
    {
        options ??= SpcOptions.Default;
        SpcRuleEngine.Validate(options);
        if (numerators.Length != denominators.Length) throw new ArgumentException("numerators and denominators differ in length", nameof(denominators));
        for (var i = 0; i < numerators.Length; i++)
        {
            if (denominators[i] <= 0) throw new ArgumentException($"denominator {i} is not positive", nameof(denominators));
            if (numerators[i] < 0 || numerators[i] > denominators[i]) throw new ArgumentException($"numerator {i} is not between 0 and its denominator", nameof(numerators));
        }

        var x = numerators.ToArray();
        var n = denominators.ToArray();
        var points = new SpcPoint[x.Length];
        var segments = SpcRuleEngine.Segments(x.Length, options.RebaseAt, (start, count) =>
        {
            var baseCount = Math.Min(options.FixLimitsAfter ?? count, count);
            long sx = 0, sn = 0;
            for (var i = start; i < start + baseCount; i++) { sx += x[i]; sn += n[i]; }
            return new SpcSegment(start, count, (double)sx / sn, double.NaN, baseCount, SpcRuleEngine.IsTrial(count));
        });
        for (var s = 0; s < segments.Length; s++)
        {
            var pBar = segments[s].Mean;
            for (var i = segments[s].Start; i < segments[s].End; i++)
            {
                var sigma = Math.Sqrt(pBar * (1 - pBar) / n[i]);
                points[i] = new SpcPoint(
                    (double)x[i] / n[i],
                    pBar,
                    Math.Max(0, pBar - 3 * sigma),
                    Math.Min(1, pBar + 3 * sigma),
                    Math.Max(0, pBar - 2 * sigma),
                    Math.Min(1, pBar + 2 * sigma),
                    s,
                    SpcRules.None,
                    SpcPointType.CommonCause);
            }
        }
        SpcRuleEngine.Classify(points, segments, options.Improvement);
        return new SpcChart(points, segments, options.Improvement, options.Target, SpcRuleEngine.Assurance(points, options.Target, options.Improvement));
    }
}
