namespace Heard.Analysis.Equality;

/// <summary>One group's respondents against its share of the population served.</summary>
/// <param name="RespondentShare">Of respondents who said which group they are in (not "prefer not to say" or not stated).</param>
/// <param name="PopulationShare">Of the population profile, its shares scaled to add up to 1.</param>
/// <param name="Ratio">Respondent share over population share: 1 is heard in proportion, 0.5 half as often as expected.</param>
/// <param name="Z">One-sample proportion test of the respondent share against the population share.</param>
public sealed record GroupRepresentation(string Group, long Respondents, double RespondentShare, double PopulationShare, double Ratio, double Z,
    bool SeldomHeard);

/// <summary>
/// Whether each group is heard from as often as its share of the population would suggest. A group is flagged as seldom
/// heard when its share of respondents is below <see cref="RatioThreshold"/> of its population share AND the shortfall
/// is more than chance: z = (p − π) / √(π(1 − π) / N) at or below −<see cref="ZThreshold"/> (two-sided 5%).
/// </summary>
/// <remarks>
/// Both, because either alone misleads: with thousands of respondents the test alone flags a group at 48% against 50%,
/// and with a handful the ratio alone flags chance.
/// </remarks>
public static class Representation
{
    public const double RatioThreshold = 0.8;
    public const double ZThreshold = 1.959964;

    /// <param name="respondents">Respondents by group, stated answers only.</param>
    /// <param name="population">The population's make-up by group, as shares or counts (scaled here to add up to 1).</param>
    /// <returns>One entry per population group with a share above zero, in the population's order; none when nobody answered.</returns>
    public static IReadOnlyList<GroupRepresentation> Compare(IReadOnlyDictionary<string, long> respondents, IReadOnlyList<(string Group, double Share)> population)
    {
        ArgumentNullException.ThrowIfNull(respondents);
        ArgumentNullException.ThrowIfNull(population);
        var n = respondents.Values.Sum();
        var total = population.Sum(p => p.Share);
        if (n <= 0 || total <= 0) return [];
        var result = new List<GroupRepresentation>();
        foreach (var (group, share) in population)
        {
            if (share <= 0) continue;
            var pi = share / total;
            var count = respondents.TryGetValue(group, out var c) ? c : 0;
            var p = (double)count / n;
            var se = Math.Sqrt(pi * (1 - pi) / n);
            // π = 1 (the whole population is one group) leaves no spread: every respondent is then in it.
            var z = se > 0 ? (p - pi) / se : 0;
            var ratio = p / pi;
            result.Add(new GroupRepresentation(group, count, p, pi, ratio, z, ratio < RatioThreshold && z <= -ZThreshold));
        }
        return result;
    }
}
