namespace Heard.Analysis.Fft;

public static class FftPercent
{
    /// <summary>
    /// 100 × numerator / total as a whole number, halves rounded up, as published in the FFT return.
    /// Integer arithmetic throughout, because a double such as 12.5 or 2.5 can land a hair either side of
    /// the half and round the wrong way.
    /// </summary>
    /// <returns>Null when total is 0: the percentage is undefined.</returns>
    public static int? Whole(long numerator, long total)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(numerator);
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        if (total == 0)
        {
            return null;
        }

        // floor(100n/t + 1/2) = floor((200n + t) / 2t); Int128 so that no count can overflow.
        var n = (Int128)numerator;
        var t = (Int128)total;
        return (int)((200 * n + t) / (2 * t));
    }

    /// <summary>
    /// Exact percentage 100 × numerator / total, for charts and analysis (not for the published return).
    /// </summary>
    /// <returns>Null when total is 0.</returns>
    public static double? Exact(long numerator, long total) =>
        total == 0 ? null : 100.0 * numerator / total;

    /// <summary>Response rate as a fraction (0.25 = a quarter of eligible patients responded).</summary>
    /// <returns>Null when the eligible count is unknown or zero.</returns>
    public static double? ResponseRate(long responses, long? eligible) =>
        eligible is null or 0 ? null : (double)responses / eligible.Value;
}
