using Heard.Analysis.Spc;

namespace Heard.Analysis.Tests.Spc;

/// <summary>
/// Twelve months of 100 responses with 10 and 20 alternately positive: p̄ = 180/1200 = 0.15 and, for n = 100,
/// σ = √(0.15 × 0.85 / 100) = 0.035707, limits 0.15 ± 0.107121 = 0.042879..0.257121, near band from 0.221414.
/// </summary>
public class PChartTests
{
    private static readonly long[] X = [10, 20, 10, 20, 10, 20, 10, 20, 10, 20, 10, 20];
    private static readonly long[] N = [100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100];

    [Fact]
    public void Limits_are_three_sigma_from_p_bar_for_each_denominator()
    {
        var chart = PChart.Evaluate(X, N);
        Assert.Equal(0.15, chart.Segments[0].Mean, 12);
        Assert.Equal(0.15 - 3 * Math.Sqrt(0.001275), chart.Points[0].LowerProcessLimit, 12);
        Assert.Equal(0.257121, chart.Points[0].UpperProcessLimit, 6);
        Assert.Equal(0.221414, chart.Points[0].UpperNearLimit, 6);
        Assert.Equal(0.1, chart.Points[0].Value, 12);
        Assert.All(chart.Points, p => Assert.Equal(SpcPointType.CommonCause, p.Type));
    }

    [Fact]
    public void The_same_proportion_is_special_cause_only_on_a_large_denominator()
    {
        // 0.225 as 90 of 400: σ = √(0.1275 / 400) = 0.017854, upper limit 0.203561, so it lies outside.
        // 0.225 as 45 of 200: σ = 0.025249, upper limit 0.225746, so it lies (just) inside, alone in the near band.
        var options = new SpcOptions { Improvement = ImprovementDirection.Increase, FixLimitsAfter = 12 };
        var large = PChart.Evaluate([.. X, 90], [.. N, 400], options);
        var smaller = PChart.Evaluate([.. X, 45], [.. N, 200], options);
        Assert.Equal(0.203561, large.Points[12].UpperProcessLimit, 6);
        Assert.Equal(SpcPointType.SpecialCauseImprovement, large.Variation);
        Assert.Equal(0.225, smaller.Points[12].Value, 12);
        Assert.Equal(0.225746, smaller.Points[12].UpperProcessLimit, 6);
        Assert.Equal(SpcPointType.CommonCause, smaller.Variation);
    }

    [Fact]
    public void Limits_are_clipped_to_zero_and_one()
    {
        // 8 of 80 so p̄ = 0.1; on n = 10: σ = 0.094868, lower 0.1 − 0.284605 < 0 so 0; a run of zeros is never "near the limit".
        var chart = PChart.Evaluate([1, 1, 0, 2, 0, 1, 1, 2], [10, 10, 10, 10, 10, 10, 10, 10]);
        Assert.All(chart.Points, p => Assert.Equal(0, p.LowerProcessLimit));
        Assert.All(chart.Points, p => Assert.Equal(0.1 + 3 * Math.Sqrt(0.009), p.UpperProcessLimit, 12));
        Assert.All(chart.Points, p => Assert.Equal(SpcPointType.CommonCause, p.Type));
        var full = PChart.Evaluate([10, 9, 10, 10], [10, 10, 10, 10]);
        Assert.All(full.Points, p => Assert.Equal(1, p.UpperProcessLimit));
    }

    [Fact]
    public void Shift_and_trend_rules_apply_to_proportions()
    {
        // After the baseline, seven months at 0.16 (p̄ 0.15): a shift above p̄.
        var chart = PChart.Evaluate([.. X, 16, 16, 16, 16, 16, 16, 16], [.. N, 100, 100, 100, 100, 100, 100, 100],
            new SpcOptions { Improvement = ImprovementDirection.Decrease, FixLimitsAfter = 12 });
        Assert.All(chart.Points.Skip(12), p => Assert.Equal(SpcPointType.SpecialCauseConcern, p.Type));
        Assert.Equal(SpcRules.Shift, chart.Points[12].Rules);
    }

    [Fact]
    public void A_change_point_recomputes_p_bar()
    {
        var chart = PChart.Evaluate([1, 2, 3, 30, 40, 50], [10, 10, 10, 100, 100, 100], new SpcOptions { RebaseAt = [3] });
        Assert.Equal(0.2, chart.Segments[0].Mean, 12);
        Assert.Equal(0.4, chart.Segments[1].Mean, 12);
        Assert.True(double.IsNaN(chart.Segments[0].MovingRangeMean));
    }

    [Fact]
    public void A_zero_denominator_or_impossible_count_is_refused()
    {
        Assert.Throws<ArgumentException>(() => PChart.Evaluate([1], [0]));
        Assert.Throws<ArgumentException>(() => PChart.Evaluate([5], [4]));
        Assert.Throws<ArgumentException>(() => PChart.Evaluate([1, 2], [4]));
    }

    [Fact]
    public void Assurance_on_a_p_chart_uses_the_last_points_limits()
    {
        var chart = PChart.Evaluate(X, N, new SpcOptions { Improvement = ImprovementDirection.Decrease, Target = 0.3 });
        Assert.Equal(SpcAssurance.Pass, chart.Assurance);
    }
}
