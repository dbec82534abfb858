using Heard.Analysis.Comparison;

namespace Heard.Analysis.Tests.Comparison;

/// <remarks>
/// Figures worked out independently of this code (a short script of the reference formulas, run by hand):
/// five units 45/50, 70/100, 160/200, 10/20, 380/400 give p0 = 665/770 = 0.8636363636; sorted z-scores
/// −4.0282, −3.6418, −2.4160, 0.7987, 6.1086, so the 10th percentile is −4.0282 + 0.4 × 0.3864 = −3.8737 and the 90th
/// 0.7987 + 0.6 × 5.3099 = 3.9846; φ = 10.1241658793 and τ² = (5φ − 4) / (3080 − 813,600/3080) = 0.02361713068.
/// </remarks>
public class FunnelPlotTests
{
    private static readonly FunnelUnit[] Spread =
    [
        new("A", 45, 50), new("B", 70, 100), new("C", 160, 200), new("D", 10, 20), new("E", 380, 400),
    ];

    [Fact]
    public void Target_is_the_total_numerator_over_the_total_denominator()
    {
        var plot = FunnelPlot.Build(Spread)!;
        Assert.Equal(665.0 / 770, plot.Target, 12);
    }

    [Fact]
    public void Z_scores_are_on_the_arcsine_scale()
    {
        var plot = FunnelPlot.Build(Spread)!;
        Assert.Equal([0.7987144154, -4.0282309606, -2.4160259508, -3.6418389348, 6.1085914574], plot.Points.Select(p => Math.Round(p.Z, 10)));
    }

    [Fact]
    public void Percentile_interpolates_between_closest_ranks()
    {
        double[] sorted = [-4.0282309606, -3.6418389348, -2.4160259508, 0.7987144154, 6.1085914574];
        Assert.Equal(-3.8736741503, FunnelPlot.Percentile(sorted, 0.10), 9);
        Assert.Equal(3.9846406406, FunnelPlot.Percentile(sorted, 0.90), 9);
        Assert.Equal(-2.4160259508, FunnelPlot.Percentile(sorted, 0.50), 9);
        Assert.Equal(7.0, FunnelPlot.Percentile([7.0], 0.9));
    }

    [Fact]
    public void Over_dispersion_winsorises_the_extreme_z_scores_before_averaging()
    {
        var plot = FunnelPlot.Build(Spread)!;
        Assert.Equal(10.1241658793, plot.Phi, 9);
        Assert.Equal(0.02361713068, plot.Tau2, 10);
    }

    [Fact]
    public void Unadjusted_limits_at_each_unit_match_the_reference_formula()
    {
        var plot = FunnelPlot.Build(Spread)!;
        var b = plot.Points[1].Limits;
        Assert.Equal(0.7898431043, b.Lower95, 9);
        Assert.Equal(0.9235053419, b.Upper95, 9);
        Assert.Equal(0.7420423103, b.Lower998, 9);
        Assert.Equal(0.9507803055, b.Upper998, 9);
    }

    [Fact]
    public void Adjusted_limits_widen_by_tau_squared_and_clip_at_one()
    {
        var plot = FunnelPlot.Build(Spread)!;
        var d = plot.Points[3].AdjustedLimits;
        Assert.Equal(0.5346606448, d.Lower95, 9);
        Assert.Equal(0.9999669760, d.Upper95, 9);
        Assert.Equal(0.3237567550, d.Lower998, 9);
        Assert.Equal(1.0, d.Upper998, 12);
    }

    [Fact]
    public void Units_are_classified_against_both_sets_of_limits()
    {
        var plot = FunnelPlot.Build(Spread)!;
        Assert.Equal([FunnelPosition.Within, FunnelPosition.Below998, FunnelPosition.Below95, FunnelPosition.Below998, FunnelPosition.Above998],
            plot.Points.Select(p => p.Position));
        Assert.Equal([FunnelPosition.Within, FunnelPosition.Within, FunnelPosition.Within, FunnelPosition.Below95, FunnelPosition.Within],
            plot.Points.Select(p => p.AdjustedPosition));
    }

    [Fact]
    public void Tau_squared_is_zero_when_units_differ_no_more_than_chance()
    {
        // φ = 0.1581590358 < 1: k φ − (k − 1) is negative, so τ² is 0 and both sets of limits are the same.
        var plot = FunnelPlot.Build([new("A", 40, 50), new("B", 78, 100), new("C", 165, 200), new("D", 82, 100)])!;
        Assert.Equal(0.1581590358, plot.Phi, 9);
        Assert.Equal(0, plot.Tau2);
        Assert.All(plot.Points, p => Assert.Equal(p.Limits, p.AdjustedLimits));
        Assert.Equal(0.7289278697, plot.Points[1].Limits.Lower95, 9);
        Assert.Equal(0.8813813565, plot.Points[1].Limits.Upper95, 8);
    }

    [Fact]
    public void Lower_limits_stop_at_zero_rather_than_folding_back()
    {
        var limits = FunnelPlot.LimitsAt(0.02, 10, 0);
        Assert.Equal(0, limits.Lower95);
        Assert.Equal(0, limits.Lower998);
        Assert.Equal(0.1906027522, limits.Upper95, 9);
        Assert.Equal(0.3475730346, limits.Upper998, 9);
    }

    [Fact]
    public void Units_with_no_responses_are_left_off_and_none_at_all_is_no_plot()
    {
        var plot = FunnelPlot.Build([new("A", 3, 4), new("B", 0, 0)])!;
        Assert.Single(plot.Points);
        Assert.Null(FunnelPlot.Build([new("B", 0, 0)]));
    }

    [Fact]
    public void One_unit_has_no_spread_to_estimate()
    {
        var plot = FunnelPlot.Build([new("A", 3, 4)])!;
        Assert.Equal(0, plot.Tau2);
        Assert.Equal(FunnelPosition.Within, plot.Points[0].Position);
    }

    [Fact]
    public void A_numerator_above_its_denominator_is_refused() =>
        Assert.Throws<ArgumentException>(() => FunnelPlot.Build([new("A", 5, 4)]));
}
