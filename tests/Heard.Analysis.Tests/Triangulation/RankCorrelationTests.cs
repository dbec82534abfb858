using Heard.Analysis.Triangulation;

namespace Heard.Analysis.Tests.Triangulation;

public class RankCorrelationTests
{
    private static (double?, double?)[] Pairs(double[] x, double[] y) => x.Zip(y, (a, b) => ((double?)a, (double?)b)).ToArray();

    [Fact]
    public void Ranks_give_tied_values_the_mean_of_the_ranks_they_span()
    {
        // Sorted: 1, 1, 3, 4, 5. The two 1s take ranks 1 and 2, so each ranks 1.5.
        Assert.Equal([3, 1.5, 4, 1.5, 5], RankCorrelation.Ranks([3, 1, 4, 1, 5]));
    }

    [Fact]
    public void Spearman_without_ties_matches_the_textbook_formula()
    {
        // Ranks of y: 2 1 4 3 5; d = -1 1 -1 1 0; Σd² = 4; rho = 1 - 6·4 / (5·24) = 0.8.
        var c = RankCorrelation.Spearman(Pairs([1, 2, 3, 4, 5], [2, 1, 4, 3, 5]), minimumPairs: 2);
        Assert.Equal(0.8, c.Rho!.Value, 12);
        Assert.Equal(5, c.Pairs);
        Assert.Equal(CorrelationGap.None, c.Gap);
    }

    [Fact]
    public void Spearman_with_ties_is_pearson_on_mid_ranks_not_the_shortcut_formula()
    {
        // Ranks x: 1 2.5 2.5 4, y: 1 2 3 4, both with mean 2.5. Σdxdy = 2.25 + 0 + 0 + 2.25 = 4.5; Σdx² = 4.5;
        // Σdy² = 5; rho = 4.5 / √22.5 = 3/√10 = 0.948683. The shortcut 1 - 6Σd²/(n(n²-1)) would give 0.95.
        var c = RankCorrelation.Spearman(Pairs([1, 2, 2, 3], [1, 2, 3, 4]), minimumPairs: 2);
        Assert.Equal(3 / Math.Sqrt(10), c.Rho!.Value, 12);
        Assert.NotEqual(0.95, Math.Round(c.Rho.Value, 6));
    }

    [Fact]
    public void Spearman_with_ties_on_both_sides_is_hand_checked()
    {
        // Ranks x: 1 2.5 2.5 4.5 4.5, y: 1.5 1.5 3 4.5 4.5, both with mean 3.
        // dx = -2 -0.5 -0.5 1.5 1.5; dy = -1.5 -1.5 0 1.5 1.5.
        // Σdxdy = 3 + 0.75 + 0 + 2.25 + 2.25 = 8.25; Σdx² = 9; Σdy² = 9; rho = 8.25 / 9 = 0.916667.
        var c = RankCorrelation.Spearman(Pairs([10, 20, 20, 30, 30], [5, 5, 6, 7, 7]), minimumPairs: 2);
        Assert.Equal(8.25 / 9, c.Rho!.Value, 12);
    }

    [Fact]
    public void Spearman_is_minus_one_when_one_measure_falls_as_the_other_rises()
    {
        var c = RankCorrelation.Spearman(Pairs([1, 2, 3], [30, 20, 10]), minimumPairs: 2);
        Assert.Equal(-1, c.Rho!.Value, 12);
        Assert.Equal("strong", c.Strength);
        Assert.Equal("negative", c.Direction);
    }

    [Fact]
    public void Spearman_depends_only_on_order_not_on_scale()
    {
        // y = x³ is not a straight line, but it keeps the order exactly.
        var c = RankCorrelation.Spearman(Pairs([1, 2, 3, 4, 5, 6], [1, 8, 27, 64, 125, 216]), minimumPairs: 2);
        Assert.Equal(1, c.Rho!.Value, 12);
    }

    [Fact]
    public void Spearman_gives_no_figure_below_the_minimum_number_of_pairs()
    {
        var x = Enumerable.Range(1, RankCorrelation.MinimumPairs - 1).Select(i => (double)i).ToArray();
        var c = RankCorrelation.Spearman(Pairs(x, x));
        Assert.Null(c.Rho);
        Assert.Equal(RankCorrelation.MinimumPairs - 1, c.Pairs);
        Assert.Equal(CorrelationGap.TooFewPairs, c.Gap);
        Assert.Null(c.Strength);
    }

    [Fact]
    public void Spearman_leaves_pairs_missing_either_value_out_of_n()
    {
        (double?, double?)[] pairs = [(1, 2), (2, 1), (null, 9), (3, 4), (4, null), (4, 3), (5, 5)];
        // The five complete pairs are the textbook case above: rho 0.8.
        var c = RankCorrelation.Spearman(pairs, minimumPairs: 2);
        Assert.Equal(5, c.Pairs);
        Assert.Equal(0.8, c.Rho!.Value, 12);
    }

    [Fact]
    public void Spearman_gives_no_figure_when_one_measure_never_varies()
    {
        var x = Enumerable.Range(1, 12).Select(i => (double)i).ToArray();
        var c = RankCorrelation.Spearman(Pairs(x, x.Select(_ => 4.0).ToArray()));
        Assert.Null(c.Rho);
        Assert.Equal(12, c.Pairs);
        Assert.Equal(CorrelationGap.NoVariation, c.Gap);
    }

    [Theory]
    [InlineData(0.05, "no clear", null)]
    [InlineData(-0.2, "weak", "negative")]
    [InlineData(0.3, "moderate", "positive")]
    [InlineData(0.5, "strong", "positive")]
    public void Strength_words_follow_the_size_of_rho(double rho, string strength, string? direction)
    {
        var c = new Correlation(rho, 20, CorrelationGap.None);
        Assert.Equal(strength, c.Strength);
        Assert.Equal(direction, c.Direction);
    }
}
