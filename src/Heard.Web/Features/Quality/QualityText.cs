using System.Globalization;
using Heard.Analysis.Triangulation;

namespace Heard.Web.Features.Quality;

/// <summary>How a correlation is put into words, the same on every page: a figure with its n, or why there is none.</summary>
public static class QualityText
{
    public static string Rho(Correlation c) =>
        c.Rho is double r ? r.ToString("+0.00;−0.00;0.00", CultureInfo.InvariantCulture) : "not shown";

    /// <param name="pairsNoun">What a pair is, in the plural: "months", "units".</param>
    public static string Describe(Correlation c, string pairsNoun) => c.Gap switch
    {
        CorrelationGap.TooFewPairs when c.Pairs == 0 => $"Not shown: no {pairsNoun} have both figures.",
        CorrelationGap.TooFewPairs when c.Pairs == 1 => $"Not shown: only 1 {pairsNoun.TrimEnd('s')} has both figures, and at least {RankCorrelation.MinimumPairs} are needed before a correlation means anything.",
        CorrelationGap.TooFewPairs =>
            $"Not shown: only {c.Pairs} {pairsNoun} have both figures, and at least {RankCorrelation.MinimumPairs} are needed before a correlation means anything.",
        CorrelationGap.NoVariation => $"Not shown: one of the two figures is the same in all {c.Pairs} {pairsNoun}, so there is nothing to compare.",
        _ => c.Direction is null
            ? $"No clear link over {c.Pairs} {pairsNoun}."
            : $"{Capital(c.Strength!)} {c.Direction} link over {c.Pairs} {pairsNoun}: " +
              (c.Direction == "positive" ? "where one is higher, the other tends to be higher too." : "where one is higher, the other tends to be lower."),
    };

    private static string Capital(string s) => char.ToUpperInvariant(s[0]) + s[1..];
}
