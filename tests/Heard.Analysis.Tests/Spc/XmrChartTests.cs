using Heard.Analysis.Spc;

namespace Heard.Analysis.Tests.Spc;

/// <summary>
/// Figures worked by hand. Most cases start from a baseline of twelve points alternating 9 and 11 with limits fixed
/// after those twelve: mean 10, every moving range 2, so mR_bar 2, process limits 10 ± 5.32 = 4.68 and 15.32, and
/// the near-limit band starts at 10 ± 3.5467 (6.4533 and 13.5467). Points added after the baseline then meet
/// exactly these limits, so each rule can be exercised on its own.
/// </summary>
public class XmrChartTests
{
    private static readonly double[] Baseline = [9, 11, 9, 11, 9, 11, 9, 11, 9, 11, 9, 11];

    private static SpcChart AfterBaseline(ImprovementDirection improvement, params double[] added) =>
        XmrChart.Evaluate([.. Baseline, .. added], new SpcOptions { Improvement = improvement, FixLimitsAfter = 12 });

    private static SpcPointType[] Types(SpcChart chart, int from) => chart.Points.Skip(from).Select(p => p.Type).ToArray();

    private const SpcPointType C = SpcPointType.CommonCause;
    private const SpcPointType I = SpcPointType.SpecialCauseImprovement;
    private const SpcPointType X = SpcPointType.SpecialCauseConcern;

    [Fact]
    public void Mean_moving_range_and_limits_match_the_hand_figures()
    {
        // 10, 12, 11, 13, 12: mean 58/5 = 11.6; moving ranges 2, 1, 2, 1 so mR_bar 1.5;
        // limits 11.6 ± 3.99 = 7.61 and 15.59; near-limit lines 11.6 ± 2.66 = 8.94 and 14.26.
        var chart = XmrChart.Evaluate([10, 12, 11, 13, 12]);
        var segment = Assert.Single(chart.Segments);
        Assert.Equal(11.6, segment.Mean, 9);
        Assert.Equal(1.5, segment.MovingRangeMean, 9);
        var p = chart.Points[0];
        Assert.Equal(7.61, p.LowerProcessLimit, 9);
        Assert.Equal(15.59, p.UpperProcessLimit, 9);
        Assert.Equal(8.94, p.LowerNearLimit, 9);
        Assert.Equal(14.26, p.UpperNearLimit, 9);
        Assert.All(chart.Points, q => Assert.Equal(C, q.Type));
        Assert.True(segment.IsTrial);
    }

    [Fact]
    public void Fixed_limits_come_from_the_first_n_points_only()
    {
        var chart = AfterBaseline(ImprovementDirection.Increase, 12, 12, 12);
        Assert.Equal(10, chart.Segments[0].Mean, 9);
        Assert.Equal(2, chart.Segments[0].MovingRangeMean, 9);
        Assert.Equal(12, chart.Segments[0].BaseCount);
        Assert.All(chart.Points, p => Assert.Equal(15.32, p.UpperProcessLimit, 9));
        Assert.All(chart.Points, p => Assert.Equal(4.68, p.LowerProcessLimit, 9));
    }

    [Fact]
    public void Limits_cannot_be_fixed_on_fewer_than_twelve_points() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => XmrChart.Evaluate(Baseline, new SpcOptions { FixLimitsAfter = 11 }));

    [Fact]
    public void A_point_outside_a_limit_is_special_cause_on_that_side()
    {
        var chart = AfterBaseline(ImprovementDirection.Increase, 16, 10, 4);
        Assert.Equal([I, C, X], Types(chart, 12));
        Assert.Equal(SpcRules.OutsideLimits, chart.Points[12].Rules);
    }

    [Fact]
    public void A_point_exactly_on_a_limit_is_not_outside_it()
    {
        // mean 10, mR_bar 0.5 (ranges of 0.5), limits 10 ± 1.33: 11.33 sits on the upper limit.
        var chart = XmrChart.Evaluate([9.75, 10.25, 9.75, 10.25, 9.75, 10.25, 9.75, 10.25, 9.75, 10.25, 9.75, 10.25, 10 + 1.33],
            new SpcOptions { FixLimitsAfter = 12 });
        Assert.Equal(10 + 1.33, chart.Points[12].UpperProcessLimit, 12);
        Assert.False(chart.Points[12].Rules.HasFlag(SpcRules.OutsideLimits));
    }

    [Fact]
    public void Decrease_makes_a_high_point_a_concern_and_a_low_point_an_improvement()
    {
        var chart = AfterBaseline(ImprovementDirection.Decrease, 16, 10, 4);
        Assert.Equal([X, C, I], Types(chart, 12));
    }

    [Fact]
    public void Neutral_direction_reports_high_and_low()
    {
        var chart = AfterBaseline(ImprovementDirection.Neutral, 16, 10, 4);
        Assert.Equal([SpcPointType.SpecialCauseNeutralHigh, C, SpcPointType.SpecialCauseNeutralLow], Types(chart, 12));
    }

    [Fact]
    public void Seven_strictly_rising_points_are_all_flagged_even_below_the_mean()
    {
        // 11 -> 7 falls, then 7..13 rises for seven points; 7, 8 and 9 lie below the mean but the trend is up.
        var chart = AfterBaseline(ImprovementDirection.Increase, 7, 8, 9, 10, 11, 12, 13);
        Assert.Equal([I, I, I, I, I, I, I], Types(chart, 12));
        Assert.All(chart.Points.Skip(12), p => Assert.True(p.Rules.HasFlag(SpcRules.Trend)));
    }

    [Fact]
    public void Six_rising_points_or_a_flat_step_are_not_a_trend()
    {
        Assert.All(Types(AfterBaseline(ImprovementDirection.Increase, 8, 9, 10, 11, 12, 13), 12), t => Assert.Equal(C, t));
        Assert.All(Types(AfterBaseline(ImprovementDirection.Increase, 7, 8, 9, 9, 11, 12, 13), 12), t => Assert.Equal(C, t));
    }

    [Fact]
    public void Seven_falling_points_are_a_concern_when_up_is_better()
    {
        // 12 > 11.5 > ... > 9; the baseline's last 11 -> 12 rises, so the run starts at 12.
        var chart = AfterBaseline(ImprovementDirection.Increase, 12, 11.5, 11, 10.5, 10, 9.5, 9);
        Assert.Equal([X, X, X, X, X, X, X], Types(chart, 12));
    }

    [Fact]
    public void Outside_a_limit_takes_precedence_over_a_falling_trend()
    {
        // 16 > 14 > 12 > 10 > 8 > 6 > 5 falls for seven points, but 16 is above the upper limit: improvement.
        // 6 and 5 are also two of three in the lower band, which agrees with the trend (concern).
        var chart = AfterBaseline(ImprovementDirection.Increase, 16, 14, 12, 10, 8, 6, 5);
        Assert.Equal([I, X, X, X, X, X, X], Types(chart, 12));
        Assert.Equal(SpcRules.OutsideLimits | SpcRules.Trend, chart.Points[12].Rules);
        Assert.Equal(SpcRules.Trend | SpcRules.TwoOfThreeNearLimit, chart.Points[18].Rules);
    }

    [Fact]
    public void A_rising_trend_takes_precedence_over_the_lower_band_and_a_shift_below_the_mean()
    {
        // 5, 6 in the lower band (two of three) and all seven below the mean (shift low), but rising: improvement.
        var chart = AfterBaseline(ImprovementDirection.Increase, 5, 6, 7, 8, 9, 9.5, 9.8);
        Assert.Equal([I, I, I, I, I, I, I], Types(chart, 12));
        Assert.Equal(SpcRules.Trend | SpcRules.TwoOfThreeNearLimit | SpcRules.Shift, chart.Points[12].Rules);
    }

    [Fact]
    public void Two_of_three_in_the_near_limit_band_flags_only_those_two()
    {
        var chart = AfterBaseline(ImprovementDirection.Increase, 14, 10, 14);
        Assert.Equal([I, C, I], Types(chart, 12));
        Assert.Equal(SpcRules.TwoOfThreeNearLimit, chart.Points[12].Rules);
    }

    [Fact]
    public void Two_of_three_needs_both_on_the_same_side()
    {
        var chart = AfterBaseline(ImprovementDirection.Increase, 14, 6, 10);
        Assert.Equal([C, C, C], Types(chart, 12));
    }

    [Fact]
    public void A_point_outside_the_limits_does_not_count_towards_two_of_three()
    {
        // 16 is outside (rule 1); 14 is the only point in the band in every window that holds it.
        var chart = AfterBaseline(ImprovementDirection.Increase, 16, 14, 10);
        Assert.Equal([I, C, C], Types(chart, 12));
    }

    [Fact]
    public void Two_of_three_below_the_mean_is_an_improvement_when_down_is_better()
    {
        var chart = AfterBaseline(ImprovementDirection.Decrease, 6, 6.2, 10);
        Assert.Equal([I, I, C], Types(chart, 12));
    }

    [Fact]
    public void Seven_points_on_one_side_of_the_mean_are_a_shift()
    {
        var chart = AfterBaseline(ImprovementDirection.Increase, 10.5, 10.6, 10.5, 10.6, 10.5, 10.6, 10.5);
        Assert.Equal([I, I, I, I, I, I, I], Types(chart, 12));
        Assert.All(chart.Points.Skip(12), p => Assert.Equal(SpcRules.Shift, p.Rules));
    }

    [Fact]
    public void A_point_on_the_mean_breaks_a_shift()
    {
        // Baseline's last point 11 is above the mean: 11 + six more above = 7 without the 10 in the middle.
        var chart = AfterBaseline(ImprovementDirection.Increase, 10.5, 10.6, 10.5, 10, 10.6, 10.5, 10.6);
        Assert.All(Types(chart, 12), t => Assert.Equal(C, t));
    }

    [Fact]
    public void A_shift_counts_the_baseline_point_before_it()
    {
        // The baseline ends on 11 (above 10): with six more above, that is seven, so 11 is flagged too.
        var chart = AfterBaseline(ImprovementDirection.Decrease, 10.5, 10.6, 10.5, 10.6, 10.5, 10.6);
        Assert.Equal(X, chart.Points[11].Type);
        Assert.Equal(C, chart.Points[10].Type);
    }

    [Fact]
    public void Variation_is_the_type_of_the_last_point()
    {
        Assert.Equal(I, AfterBaseline(ImprovementDirection.Increase, 4, 16).Variation);
        Assert.Equal(C, AfterBaseline(ImprovementDirection.Increase, 16, 10).Variation);
        Assert.Equal(C, XmrChart.Evaluate([]).Variation);
    }

    [Theory]
    [InlineData(ImprovementDirection.Increase, 4.0, SpcAssurance.Pass)]
    [InlineData(ImprovementDirection.Increase, 16.0, SpcAssurance.Fail)]
    [InlineData(ImprovementDirection.Increase, 10.0, SpcAssurance.Inconsistent)]
    [InlineData(ImprovementDirection.Decrease, 16.0, SpcAssurance.Pass)]
    [InlineData(ImprovementDirection.Decrease, 4.0, SpcAssurance.Fail)]
    [InlineData(ImprovementDirection.Decrease, 15.0, SpcAssurance.Inconsistent)]
    [InlineData(ImprovementDirection.Neutral, 4.0, SpcAssurance.None)]
    public void Assurance_compares_the_target_with_the_limits(ImprovementDirection improvement, double target, SpcAssurance expected)
    {
        // Limits 4.68 and 15.32.
        var chart = XmrChart.Evaluate(Baseline, new SpcOptions { Improvement = improvement, Target = target });
        Assert.Equal(expected, chart.Assurance);
    }

    [Fact]
    public void No_target_means_no_assurance() =>
        Assert.Equal(SpcAssurance.None, XmrChart.Evaluate(Baseline, new SpcOptions { Improvement = ImprovementDirection.Increase }).Assurance);

    [Fact]
    public void Assurance_uses_the_limits_of_the_last_segment()
    {
        // First segment the baseline (limits 4.68..15.32); second 29, 31, 29, 31, 29: mean 29.8, mR_bar 2,
        // limits 24.48..35.12. A target of 20 is inside the first but below the second: pass when up is better.
        var chart = XmrChart.Evaluate([.. Baseline, 29, 31, 29, 31, 29],
            new SpcOptions { Improvement = ImprovementDirection.Increase, Target = 20, RebaseAt = [12] });
        Assert.Equal(SpcAssurance.Pass, chart.Assurance);
    }

    [Fact]
    public void A_change_point_starts_a_new_mean_and_limits()
    {
        // 10, 12, 10, 12, 10 | 20, 22, 20, 22, 20: each mean ends .8, each mR_bar 2 (the jump 10 -> 20 is no moving range).
        var chart = XmrChart.Evaluate([10, 12, 10, 12, 10, 20, 22, 20, 22, 20], new SpcOptions { RebaseAt = [5] });
        Assert.Equal(2, chart.Segments.Count);
        Assert.Equal(10.8, chart.Segments[0].Mean, 9);
        Assert.Equal(20.8, chart.Segments[1].Mean, 9);
        Assert.Equal(2, chart.Segments[1].MovingRangeMean, 9);
        Assert.Equal(5, chart.Segments[1].Start);
        Assert.Equal(20.8 + 5.32, chart.Points[7].UpperProcessLimit, 9);
        Assert.Equal(1, chart.Points[7].Segment);
        Assert.All(chart.Points, p => Assert.Equal(C, p.Type));
    }

    [Fact]
    public void Without_the_change_point_the_same_series_shows_special_causes()
    {
        // One mean 15.8: five points below then five above, no run of 7; mR_bar (2·8 + 10)/9 = 2.889,
        // limits 15.8 ± 7.684 = 8.116..23.484: nothing outside; near-limit lines 15.8 ± 5.123 = 10.677 and 20.923,
        // so the three 10s are two of three in the lower band (concern) and the two 22s in the upper (improvement).
        var chart = XmrChart.Evaluate([10, 12, 10, 12, 10, 20, 22, 20, 22, 20], new SpcOptions { Improvement = ImprovementDirection.Increase });
        Assert.Equal([X, C, X, C, X, C, I, C, I, C], chart.Points.Select(p => p.Type).ToArray());
    }

    [Fact]
    public void Rules_do_not_reach_across_a_change_point()
    {
        // 1..7 rise for seven points, but a change point after 4 leaves runs of four and three.
        Assert.All(XmrChart.Evaluate([1, 2, 3, 4, 5, 6, 7]).Points, p => Assert.True(p.Rules.HasFlag(SpcRules.Trend)));
        Assert.All(XmrChart.Evaluate([1, 2, 3, 4, 5, 6, 7], new SpcOptions { RebaseAt = [4] }).Points, p => Assert.False(p.Rules.HasFlag(SpcRules.Trend)));
    }

    [Fact]
    public void A_segment_under_thirteen_points_has_trial_limits()
    {
        double[] values = [.. Baseline, 10, .. Baseline];
        var chart = XmrChart.Evaluate(values, new SpcOptions { RebaseAt = [13] });
        Assert.False(chart.Segments[0].IsTrial); // 13 points
        Assert.True(chart.Segments[1].IsTrial);  // 12 points
    }

    [Fact]
    public void Change_points_out_of_range_or_repeated_are_ignored()
    {
        var chart = XmrChart.Evaluate([1, 2, 3, 4], new SpcOptions { RebaseAt = [0, 2, 2, 9, -1] });
        Assert.Equal([0, 2], chart.Segments.Select(s => s.Start).ToArray());
        Assert.Equal([2, 2], chart.Segments.Select(s => s.Count).ToArray());
    }

    [Fact]
    public void Screening_drops_moving_ranges_above_3267_times_the_mean_and_recomputes_once()
    {
        // Eleven points alternating 10, 11 then 30: ranges ten 1s and one 20 (10 -> 30), mR_bar 30/11 = 2.727;
        // 3.267 × 2.727 = 8.91 drops the 20, so mR_bar becomes 1. Mean 145/12 either way.
        double[] values = [10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 10, 30];
        var plain = XmrChart.Evaluate(values);
        var screened = XmrChart.Evaluate(values, new SpcOptions { ScreenMovingRanges = true });
        Assert.Equal(30.0 / 11, plain.Segments[0].MovingRangeMean, 9);
        Assert.Equal(1, screened.Segments[0].MovingRangeMean, 9);
        Assert.Equal(145.0 / 12, screened.Segments[0].Mean, 9);
        Assert.Equal(145.0 / 12 + 2.66, screened.Points[0].UpperProcessLimit, 9);
        Assert.Equal(SpcPointType.SpecialCauseNeutralHigh, screened.Points[^1].Type); // 30 > 14.74
        Assert.Equal(SpcPointType.SpecialCauseNeutralHigh, plain.Points[^1].Type);   // 30 > 12.08 + 7.25
    }

    [Fact]
    public void A_one_point_segment_has_no_limits_and_no_assurance()
    {
        var chart = XmrChart.Evaluate([5], new SpcOptions { Improvement = ImprovementDirection.Increase, Target = 1 });
        Assert.True(double.IsNaN(chart.Points[0].UpperProcessLimit));
        Assert.Equal(C, chart.Variation);
        Assert.Equal(SpcAssurance.None, chart.Assurance);
    }

    [Fact]
    public void A_value_that_is_not_a_number_is_refused() =>
        Assert.Throws<ArgumentException>(() => XmrChart.Evaluate([1, double.NaN, 3]));

    [Fact]
    public void Text_names_match_the_command_line_contract()
    {
        Assert.Equal("common_cause", SpcPointType.CommonCause.Name());
        Assert.Equal("special_cause_improvement", SpcPointType.SpecialCauseImprovement.Name());
        Assert.Equal("special_cause_concern", SpcPointType.SpecialCauseConcern.Name());
        Assert.Equal("special_cause_neutral_high", SpcPointType.SpecialCauseNeutralHigh.Name());
        Assert.Equal("special_cause_neutral_low", SpcPointType.SpecialCauseNeutralLow.Name());
        Assert.Equal("inconsistent", SpcAssurance.Inconsistent.Name());
    }
}
