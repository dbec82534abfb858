namespace Heard.Analysis.Equality;

/// <summary>
/// Hides groups of respondents too small to show without risking identifying someone: in a breakdown of one characteristic
/// (every group, "not stated" included, so the groups add up to the total shown), a group with 1 to minimum − 1 respondents
/// is hidden; and when that hides exactly one group, the next smallest group with any respondents is hidden too, because
/// otherwise the hidden figure is the total less the groups shown.
/// </summary>
/// <remarks>
/// A group with no respondents is shown as 0 and never chosen to hide another: hiding a group known to be empty hides
/// nothing. Ties for the next smallest go to the group listed first. Everything about a hidden group is hidden (count,
/// percentages, share, themes), because its percentage with the overall percentage would give its count back.
/// </remarks>
public static class SmallGroupSuppression
{
    public const int DefaultMinimum = 10;

    /// <returns>For each group, in order, whether it is hidden.</returns>
    public static bool[] Suppress(IReadOnlyList<long> counts, int minimum = DefaultMinimum)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minimum);
        var hidden = counts.Select(c => c > 0 && c < minimum).ToArray();
        if (hidden.Count(h => h) == 1)
        {
            var next = Enumerable.Range(0, counts.Count)
                .Where(i => !hidden[i] && counts[i] > 0)
                .OrderBy(i => counts[i]).ThenBy(i => i)
                .Cast<int?>().FirstOrDefault();
            if (next is int i) hidden[i] = true;
        }
        return hidden;
    }

    /// <summary>How a hidden group is shown.</summary>
    public static string Label(int minimum = DefaultMinimum) => $"fewer than {minimum}";
}
