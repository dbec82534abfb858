namespace Heard.Analysis.Triangulation;

/// <summary>Why a correlation was not given, so a page can say so rather than show a number that means nothing.</summary>
public enum CorrelationGap
{
    None,
    /// <summary>Fewer pairs than <see cref="RankCorrelation.MinimumPairs"/>: with so few, the figure swings on one unit or month.</summary>
    TooFewPairs,
    /// <summary>Every value of one side is the same, so there is no order to compare.</summary>
    NoVariation,
}

/// <summary>A Spearman rank correlation and the number of pairs behind it; Rho is null when a gap says why.</summary>
public sealed record Correlation(double? Rho, int Pairs, CorrelationGap Gap)
{
    /// <summary>
    /// A plain-words strength for the size of rho, using the bands commonly quoted for rank correlations (under 0.1 none,
    /// under 0.3 weak, under 0.5 moderate, otherwise strong). Words for conversation, not a test of significance.
    /// </summary>
    public string? Strength => Rho switch
    {
        null => null,
        double r when Math.Abs(r) < 0.1 => "no clear",
        double r when Math.Abs(r) < 0.3 => "weak",
        double r when Math.Abs(r) < 0.5 => "moderate",
        _ => "strong",
    };

    public string? Direction => Rho switch
    {
        null => null,
        double r when Math.Abs(r) < 0.1 => null,
        > 0 => "positive",
        _ => "negative",
    };
}

/// <summary>
/// Spearman's rank correlation: how far two measures rise and fall together in order, whatever their scales. Ties get
/// the mean of the ranks they span, and rho is Pearson's correlation of those ranks, which is exact with ties (the
/// 1 - 6Σd²/(n(n²-1)) shortcut is not).
/// </summary>
public static class RankCorrelation
{
    /// <summary>Below this many pairs no figure is given: one unusual ward or month could flip its sign.</summary>
    public const int MinimumPairs = 10;

    /// <summary>Correlates the pairs in which both values are present; pairs missing either side are left out of n.</summary>
    public static Correlation Spearman(IReadOnlyList<(double? X, double? Y)> pairs, int minimumPairs = MinimumPairs)
    {
        var xs = new List<double>(pairs.Count);
        var ys = new List<double>(pairs.Count);
        foreach (var (x, y) in pairs)
        {
            if (x is not double a || y is not double b || double.IsNaN(a) || double.IsNaN(b)) continue;
            xs.Add(a);
            ys.Add(b);
        }
        var n = xs.Count;
        if (n < Math.Max(2, minimumPairs)) return new Correlation(null, n, CorrelationGap.TooFewPairs);
        var rx = Ranks(xs);
        var ry = Ranks(ys);
        var rho = Pearson(rx, ry);
        return rho is null ? new Correlation(null, n, CorrelationGap.NoVariation) : new Correlation(rho, n, CorrelationGap.None);
    }

    /// <summary>Ranks from 1, ties sharing the mean of the ranks they span (e.g. two values tied for 2nd and 3rd both rank 2.5).</summary>
    public static double[] Ranks(IReadOnlyList<double> values)
    {
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        var start = 0;
        while (start < order.Length)
        {
            var end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]]) end++;
            // Positions start..end (0-based) hold ranks start+1..end+1; their mean is the midpoint.
            var shared = (start + end) / 2.0 + 1;
            for (var k = start; k <= end; k++) ranks[order[k]] = shared;
            start = end + 1;
        }
        return ranks;
    }

    private static double? Pearson(double[] x, double[] y)
    {
        var mx = x.Average();
        var my = y.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            var dx = x[i] - mx;
            var dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        if (sxx == 0 || syy == 0) return null;
        return Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1, 1);
    }
}
