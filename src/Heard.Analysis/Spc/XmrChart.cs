namespace Heard.Analysis.Spc;

/// <summary>
/// The XmR (individuals and moving range) chart of "Making Data Count" (domain reference, section 4).
/// Per segment: mean of the base points; moving ranges |y_i − y_(i−1)| between consecutive base points;
/// mR_bar their mean (optionally screened once, dropping ranges above 3.267 × mR_bar); process limits
/// mean ± 2.66 × mR_bar; near-limit band from mean ± (2/3 × 2.66) × mR_bar to the limit.
/// </summary>
/// <example><code>
/// var chart = XmrChart.Evaluate(values, new SpcOptions { Improvement = ImprovementDirection.Increase, Target = 90 });
/// var icon = chart.Variation;            // type of the last point
/// var limits = chart.Points[^1].UpperProcessLimit;
/// </code></example>
public static class XmrChart
{
    /// <summary>Process limits are this many mR_bar from the mean (3 / d2 with d2 = 1.128).</summary>
    public const double LimitFactor = 2.66;

    /// <summary>Moving ranges above this many mR_bar are screened out when screening is on.</summary>
    public const double ScreeningFactor = 3.267;

    /// <summary>Evaluates the chart for the values in time order.</summary>
    /// <exception cref="ArgumentException">A value is not a finite number.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Limits fixed after fewer than 12 points, or a non-finite target.</exception>
    public static SpcChart Evaluate(ReadOnlySpan<double> values, SpcOptions? options = null)
    {
        options ??= SpcOptions.Default;
        SpcRuleEngine.Validate(options);
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i])) throw new ArgumentException($"value {i} is not a finite number", nameof(values));
        }

        var points = new SpcPoint[values.Length];
        var copy = values.ToArray();
        var segments = SpcRuleEngine.Segments(values.Length, options.RebaseAt, (start, count) => Segment(copy, start, count, options));
        for (var s = 0; s < segments.Length; s++)
        {
            var segment = segments[s];
            var mrBar = segment.MovingRangeMean;
            double lower = segment.Mean - LimitFactor * mrBar, upper = segment.Mean + LimitFactor * mrBar;
            double nearLower = segment.Mean - (2.0 / 3.0 * LimitFactor) * mrBar, nearUpper = segment.Mean + (2.0 / 3.0 * LimitFactor) * mrBar;
            for (var i = segment.Start; i < segment.End; i++)
            {
                points[i] = new SpcPoint(copy[i], segment.Mean, lower, upper, nearLower, nearUpper, s, SpcRules.None, SpcPointType.CommonCause);
            }
        }
        SpcRuleEngine.Classify(points, segments, options.Improvement);
        return new SpcChart(points, segments, options.Improvement, options.Target, SpcRuleEngine.Assurance(points, options.Target, options.Improvement));
    }

    private static SpcSegment Segment(double[] values, int start, int count, SpcOptions options)
    {
        var baseCount = Math.Min(options.FixLimitsAfter ?? count, count);
        var sum = 0.0;
        for (var i = start; i < start + baseCount; i++) sum += values[i];
        var mean = sum / baseCount;

        var ranges = baseCount - 1;
        var mrBar = double.NaN;
        if (ranges > 0)
        {
            var rangeSum = 0.0;
            for (var i = start + 1; i < start + baseCount; i++) rangeSum += Math.Abs(values[i] - values[i - 1]);
            mrBar = rangeSum / ranges;
            if (options.ScreenMovingRanges)
            {
                var threshold = ScreeningFactor * mrBar;
                double kept = 0;
                var keptCount = 0;
                for (var i = start + 1; i < start + baseCount; i++)
                {
                    var range = Math.Abs(values[i] - values[i - 1]);
                    if (range <= threshold) { kept += range; keptCount++; }
                }
                mrBar = kept / keptCount; // the smallest range is never above the mean, so keptCount > 0
            }
        }
        return new SpcSegment(start, count, mean, mrBar, baseCount, SpcRuleEngine.IsTrial(count));
    }
}
