namespace Heard.Analysis.Spc;

/// <summary>
/// The four "Making Data Count" special-cause rules and the point classification shared by the XmR chart and
/// the p-chart. Rules are evaluated within a segment only: a change point starts a new process, so a trend,
/// shift or two-of-three window never reaches across it.
/// </summary>
internal static class SpcRuleEngine
{
    private const int RunLength = 7;
    private const int StackLimit = 512;

    /// <summary>Sorted segment starts (always including 0) from the requested change points.</summary>
    internal static SpcSegment[] Segments(int count, IReadOnlyList<int> rebaseAt, Func<int, int, SpcSegment> build)
    {
        if (count == 0) return [];
        if (rebaseAt.Count == 0) return [build(0, count)];
        var starts = new List<int>(rebaseAt.Count + 1) { 0 };
        foreach (var r in rebaseAt)
        {
            if (r > 0 && r < count) starts.Add(r);
        }
        starts.Sort();
        var segments = new List<SpcSegment>(starts.Count);
        for (var k = 0; k < starts.Count; k++)
        {
            if (k > 0 && starts[k] == starts[k - 1]) continue;
            var end = count;
            for (var m = k + 1; m < starts.Count; m++)
            {
                if (starts[m] != starts[k]) { end = starts[m]; break; }
            }
            segments.Add(build(starts[k], end - starts[k]));
        }
        return [.. segments];
    }

    /// <summary>
    /// Applies the rules to points whose values and limits are already filled in, then sets each point's rules and
    /// type. Precedence decides the side a special cause is on when rules overlap: outside a limit (the side of that
    /// limit), then trend (its direction, so a rising trend is "high" even where it starts below the mean), then
    /// two-of-three near a limit (that band's side), then shift (the side of the mean).
    /// </summary>
    internal static void Classify(SpcPoint[] points, SpcSegment[] segments, ImprovementDirection improvement)
    {
        var n = points.Length;
        Span<sbyte> outside = n <= StackLimit ? stackalloc sbyte[n] : new sbyte[n];
        Span<sbyte> trend = n <= StackLimit ? stackalloc sbyte[n] : new sbyte[n];
        Span<sbyte> band = n <= StackLimit ? stackalloc sbyte[n] : new sbyte[n];
        Span<sbyte> shift = n <= StackLimit ? stackalloc sbyte[n] : new sbyte[n];
        outside.Clear();
        trend.Clear();
        band.Clear();
        shift.Clear();

        foreach (var segment in segments)
        {
            var start = segment.Start;
            var end = segment.End;

            // Rule 1: strictly outside a limit (NaN limits compare false, so a limitless point never counts).
            for (var i = start; i < end; i++)
            {
                ref readonly var p = ref points[i];
                if (p.Value > p.UpperProcessLimit) outside[i] = 1;
                else if (p.Value < p.LowerProcessLimit) outside[i] = -1;
            }

            // Rule 2: runs of strictly rising (or falling) steps covering at least 7 points; an equal step breaks the run.
            var runStart = start;
            var direction = 0;
            for (var i = start + 1; i < end; i++)
            {
                var step = points[i].Value > points[i - 1].Value ? 1 : points[i].Value < points[i - 1].Value ? -1 : 0;
                if (step != 0 && step == direction) continue;
                MarkTrend(trend, runStart, i - 1, direction);
                runStart = step != 0 ? i - 1 : i;
                direction = step;
            }
            MarkTrend(trend, runStart, end - 1, direction);

            // Rule 3: in every window of 3 consecutive points, 2 or more in the same near-limit band flag those points.
            // The band runs from the near-limit line to the process limit inclusive; a point beyond the limit is rule 1's.
            for (var j = start; j + 2 < end; j++)
            {
                int high = 0, low = 0;
                for (var i = j; i < j + 3; i++)
                {
                    var side = NearLimitSide(points[i]);
                    if (side > 0) high++;
                    else if (side < 0) low++;
                }
                if (high < 2 && low < 2) continue;
                for (var i = j; i < j + 3; i++)
                {
                    var side = NearLimitSide(points[i]);
                    if ((side > 0 && high >= 2) || (side < 0 && low >= 2)) band[i] = (sbyte)side;
                }
            }

            // Rule 4: runs of at least 7 points strictly on one side of the mean; a point on the mean breaks the run.
            runStart = start;
            var runSide = 0;
            for (var i = start; i < end; i++)
            {
                var side = Math.Sign(points[i].Value - points[i].Mean);
                if (side != 0 && side == runSide) continue;
                MarkRun(shift, runStart, i - 1, runSide);
                runStart = i;
                runSide = side;
            }
            MarkRun(shift, runStart, end - 1, runSide);
        }

        for (var i = 0; i < n; i++)
        {
            var rules = SpcRules.None;
            if (outside[i] != 0) rules |= SpcRules.OutsideLimits;
            if (trend[i] != 0) rules |= SpcRules.Trend;
            if (band[i] != 0) rules |= SpcRules.TwoOfThreeNearLimit;
            if (shift[i] != 0) rules |= SpcRules.Shift;
            int side = outside[i] != 0 ? outside[i] : trend[i] != 0 ? trend[i] : band[i] != 0 ? band[i] : shift[i];
            points[i] = points[i] with { Rules = rules, Type = TypeOf(side, improvement) };
        }
    }

    /// <summary>+1 in the upper near-limit band, -1 in the lower, 0 otherwise (including beyond a limit or on the mean).</summary>
    private static int NearLimitSide(in SpcPoint p)
    {
        // A band squeezed to nothing (a p-chart limit clipped at 0 or 1) holds no point.
        if (p.Value > p.Mean && p.Value >= p.UpperNearLimit && p.Value <= p.UpperProcessLimit && p.UpperNearLimit < p.UpperProcessLimit) return 1;
        if (p.Value < p.Mean && p.Value <= p.LowerNearLimit && p.Value >= p.LowerProcessLimit && p.LowerNearLimit > p.LowerProcessLimit) return -1;
        return 0;
    }

    private static void MarkTrend(Span<sbyte> trend, int first, int last, int direction)
    {
        if (direction == 0 || last - first + 1 < RunLength) return;
        for (var i = first; i <= last; i++)
        {
            // A point shared by a rising and a falling trend is a peak (first run rising) or a trough (first run
            // falling); the first run's direction says which, so it is kept.
            if (trend[i] == 0) trend[i] = (sbyte)direction;
        }
    }

    private static void MarkRun(Span<sbyte> shift, int first, int last, int side)
    {
        if (side == 0 || last - first + 1 < RunLength) return;
        for (var i = first; i <= last; i++) shift[i] = (sbyte)side;
    }

    internal static SpcPointType TypeOf(int side, ImprovementDirection improvement) => (side, improvement) switch
    {
        (0, _) => SpcPointType.CommonCause,
        (> 0, ImprovementDirection.Increase) or (< 0, ImprovementDirection.Decrease) => SpcPointType.SpecialCauseImprovement,
        (> 0, ImprovementDirection.Decrease) or (< 0, ImprovementDirection.Increase) => SpcPointType.SpecialCauseConcern,
        (> 0, _) => SpcPointType.SpecialCauseNeutralHigh,
        _ => SpcPointType.SpecialCauseNeutralLow,
    };

    /// <summary>
    /// Assurance from the last point's limits: with "up is better" a target below the lower limit will always be met
    /// (pass) and one above the upper limit never (fail); "down is better" mirrors that. A target on or within the
    /// limits is met inconsistently. A neutral metric has no notion of meeting a target, so it gets none.
    /// </summary>
    internal static SpcAssurance Assurance(SpcPoint[] points, double? target, ImprovementDirection improvement)
    {
        if (target is not { } t || points.Length == 0 || improvement == ImprovementDirection.Neutral) return SpcAssurance.None;
        var last = points[^1];
        if (double.IsNaN(last.LowerProcessLimit) || double.IsNaN(last.UpperProcessLimit)) return SpcAssurance.None;
        var above = t > last.UpperProcessLimit;
        var below = t < last.LowerProcessLimit;
        if (!above && !below) return SpcAssurance.Inconsistent;
        return (below == (improvement == ImprovementDirection.Increase)) ? SpcAssurance.Pass : SpcAssurance.Fail;
    }

    internal static void Validate(SpcOptions options)
    {
        if (options.FixLimitsAfter is { } n && n < 12)
            throw new ArgumentOutOfRangeException(nameof(options), n, "limits can be fixed after 12 points or more");
        if (options.Target is { } t && !double.IsFinite(t))
            throw new ArgumentOutOfRangeException(nameof(options), t, "the target must be a finite number");
    }

    internal static bool IsTrial(int count) => count < 13;
}
