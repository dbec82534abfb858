namespace Heard.Analysis.Comparison;

/// <summary>One unit on a funnel plot: how many of its responses counted (e.g. positive) out of how many.</summary>
public sealed record FunnelUnit(string Key, long Numerator, long Denominator)
{
    public double Proportion => (double)Numerator / Denominator;
}

/// <summary>Where a unit sits against the limits. "Above" and "below" are about the proportion, not whether that is good.</summary>
public enum FunnelPosition
{
    Within,
    Above95,
    Below95,
    Above998,
    Below998,
}

/// <summary>The 95% and 99.8% control limits at one sample size, as proportions in [0, 1].</summary>
public sealed record FunnelLimits(double Lower95, double Upper95, double Lower998, double Upper998)
{
    public FunnelPosition Classify(double proportion) =>
        proportion > Upper998 ? FunnelPosition.Above998
        : proportion < Lower998 ? FunnelPosition.Below998
        : proportion > Upper95 ? FunnelPosition.Above95
        : proportion < Lower95 ? FunnelPosition.Below95
        : FunnelPosition.Within;
}

/// <summary>
/// A unit's place on the funnel: its proportion, its z-score on the arcsine scale, and where it sits against the limits
/// without (<see cref="Limits"/>) and with (<see cref="AdjustedLimits"/>) the allowance for over-dispersion.
/// </summary>
public sealed record FunnelPoint(FunnelUnit Unit, double Proportion, double Z,
    FunnelLimits Limits, FunnelPosition Position, FunnelLimits AdjustedLimits, FunnelPosition AdjustedPosition);

/// <summary>
/// A funnel plot for proportions (Spiegelhalter 2005): the target is the pooled proportion of the units compared, and the
/// control limits are worked out on the arcsine (variance-stabilising) scale, which behaves near 0% and 100% where the
/// normal approximation p0 ± z√(p0(1−p0)/n) gives limits outside [0, 1].
/// </summary>
/// <remarks>
/// Over-dispersion: when units differ more than sampling alone explains (case mix, ward type), almost every unit would
/// fall outside limits drawn for chance alone. The additive random-effects allowance τ² widens the limits to
/// sin²(asin√p0 ± z√(1/(4n) + τ²)), estimated from the z-scores with the most extreme 10% at each end winsorised so that
/// a few genuinely unusual units do not widen the limits for everyone. Both are offered: unadjusted (τ² = 0) and adjusted.
///
/// Percentiles for winsorising are by linear interpolation between closest ranks (Hyndman and Fan's type 7, the default
/// in R and NumPy and Excel's PERCENTILE.INC): with the k z-scores sorted ascending as z(1)..z(k), the p-th percentile is
/// z(⌊h⌋) + (h − ⌊h⌋)(z(⌊h⌋+1) − z(⌊h⌋)) where h = (k − 1)p + 1. Every z below the 10th percentile is set to it, every z
/// above the 90th to it.
/// </remarks>
public sealed class FunnelPlot
{
    /// <summary>Two-sided 95%: about 1 unit in 20 falls outside by chance.</summary>
    public const double Z95 = 1.959964;

    /// <summary>Two-sided 99.8%: about 1 unit in 500 falls outside by chance.</summary>
    public const double Z998 = 3.090232;

    public const double WinsorLower = 0.10;
    public const double WinsorUpper = 0.90;

    private FunnelPlot(double target, double phi, double tau2, IReadOnlyList<FunnelPoint> points)
    {
        Target = target;
        Phi = phi;
        Tau2 = tau2;
        Points = points;
    }

    /// <summary>p0: the total numerator over the total denominator of the units compared.</summary>
    public double Target { get; }

    /// <summary>The over-dispersion factor φ: the mean of the winsorised squared z-scores (about 1 when units differ by chance alone).</summary>
    public double Phi { get; }

    /// <summary>The between-unit variance τ² on the arcsine scale; 0 when the units are no more spread out than chance.</summary>
    public double Tau2 { get; }

    /// <summary>One point per unit with any responses, in the order given.</summary>
    public IReadOnlyList<FunnelPoint> Points { get; }

    /// <summary>Null when no unit has a denominator above zero: there is nothing to compare.</summary>
    public static FunnelPlot? Build(IReadOnlyList<FunnelUnit> units)
    {
        ArgumentNullException.ThrowIfNull(units);
        foreach (var u in units)
        {
            ArgumentNullException.ThrowIfNull(u);
            if (u.Denominator < 0 || u.Numerator < 0 || u.Numerator > u.Denominator)
                throw new ArgumentException($"unit {u.Key}: the numerator must be between 0 and the denominator", nameof(units));
        }

        // A unit with no responses has no proportion to plot.
        var counted = units.Where(u => u.Denominator > 0).ToList();
        if (counted.Count == 0) return null;

        var target = (double)counted.Sum(u => u.Numerator) / counted.Sum(u => u.Denominator);
        var targetAngle = Math.Asin(Math.Sqrt(target));
        var z = counted.Select(u => (Math.Asin(Math.Sqrt(u.Proportion)) - targetAngle) * 2 * Math.Sqrt(u.Denominator)).ToList();
        var (phi, tau2) = OverDispersion(z, counted.Select(u => (double)u.Denominator).ToList());

        var points = counted.Select((u, i) =>
        {
            var plain = LimitsAt(target, u.Denominator, 0);
            var adjusted = LimitsAt(target, u.Denominator, tau2);
            return new FunnelPoint(u, u.Proportion, z[i], plain, plain.Classify(u.Proportion), adjusted, adjusted.Classify(u.Proportion));
        }).ToList();
        return new FunnelPlot(target, phi, tau2, points);
    }

    /// <summary>The limits at sample size <paramref name="n"/>, for drawing the funnel's curves.</summary>
    public FunnelLimits LimitsAt(double n, bool adjusted) => LimitsAt(Target, n, adjusted ? Tau2 : 0);

    /// <summary>sin²(asin√p0 ± z√(1/(4n) + τ²)), clipped to [0, 1].</summary>
    public static FunnelLimits LimitsAt(double target, double n, double tau2)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        ArgumentOutOfRangeException.ThrowIfNegative(tau2);
        var angle = Math.Asin(Math.Sqrt(target));
        var spread = Math.Sqrt(1 / (4 * n) + tau2);
        return new FunnelLimits(Limit(angle - Z95 * spread), Limit(angle + Z95 * spread),
            Limit(angle - Z998 * spread), Limit(angle + Z998 * spread));
    }

    // The angle is clipped to [0, π/2] rather than the proportion to [0, 1]: sin² is even and periodic, so an angle below
    // zero would fold back to a positive limit instead of stopping at 0%.
    private static double Limit(double angle)
    {
        var clipped = Math.Clamp(angle, 0, Math.PI / 2);
        var s = Math.Sin(clipped);
        return Math.Clamp(s * s, 0, 1);
    }

    /// <summary>φ and τ² from the z-scores and sample sizes, as in Spiegelhalter (2005).</summary>
    internal static (double Phi, double Tau2) OverDispersion(IReadOnlyList<double> z, IReadOnlyList<double> n)
    {
        var k = z.Count;
        var sorted = z.Order().ToList();
        var low = Percentile(sorted, WinsorLower);
        var high = Percentile(sorted, WinsorUpper);
        var phi = z.Select(x => Math.Clamp(x, low, high)).Average(x => x * x);
        var w = n.Select(x => 4 * x).ToList();
        var sumW = w.Sum();
        var denominator = sumW - w.Sum(x => x * x) / sumW;
        // One unit (or all weight in one) leaves nothing to estimate the spread between units from.
        if (denominator <= 0) return (phi, 0);
        return (phi, Math.Max(0, (k * phi - (k - 1)) / denominator));
    }

    /// <summary>The p-th percentile of values sorted ascending, by linear interpolation between closest ranks (type 7).</summary>
    internal static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0) throw new ArgumentException("no values", nameof(sorted));
        var h = (sorted.Count - 1) * p;
        var below = (int)Math.Floor(h);
        if (below >= sorted.Count - 1) return sorted[^1];
        return sorted[below] + (h - below) * (sorted[below + 1] - sorted[below]);
    }
}
