namespace Heard.Analysis.Text;

/// <summary>A word or two-word phrase that sets one group of comments apart from another.</summary>
/// <param name="CountHere">Comments in the group that contain it.</param>
/// <param name="CountElsewhere">Comments in the comparison group that contain it.</param>
/// <param name="Z">Weighted log-odds ratio divided by its standard deviation; above 1.96 is unlikely to be chance.</param>
public sealed record KeyPhrase(string Phrase, int CountHere, int CountElsewhere, double Z);

/// <summary>
/// The words and two-word phrases that distinguish one group of comments (one unit's, within a theme) from another
/// (the rest of the trust's, within the same theme): the weighted log-odds ratio with an informative Dirichlet prior
/// (Monroe, Colaresi and Quinn 2008, "Fightin' Words", section 3.5), z-scored.
/// </summary>
/// <remarks>
/// The prior for each term is its count in both groups together (so alpha0 is the pooled total). It shrinks the
/// estimate for rare terms towards the pooled rate, which is why a word seen twice in a small ward does not outrank a
/// word seen forty times: plain log-odds would rank rare words first, plain frequency would rank "food" first in every
/// ward's food comments.
///
/// A term is counted once per comment (in how many comments it appears), so one comment repeating "cold" five times
/// weighs as much as one saying it once, and each count is the number of comments a search for the phrase finds.
/// </remarks>
public static class KeyPhrases
{
    public const int DefaultTop = 15;
    public const int DefaultMinCount = 2;

    /// <summary>
    /// Terms over-represented in <paramref name="here"/> compared with <paramref name="elsewhere"/>, highest z first;
    /// only terms in at least <paramref name="minCount"/> comments of <paramref name="here"/>, and only with z above 0.
    /// </summary>
    public static IReadOnlyList<KeyPhrase> Distinguish(IEnumerable<string> here, IEnumerable<string> elsewhere,
        int top = DefaultTop, int minCount = DefaultMinCount)
    {
        var a = CountTerms(here);
        var b = CountTerms(elsewhere);
        return Score(a, b).Where(p => p.CountHere >= minCount && p.Z > 0)
            .OrderByDescending(p => p.Z).ThenByDescending(p => p.CountHere).ThenBy(p => p.Phrase, StringComparer.Ordinal)
            .Take(top).ToList();
    }

    /// <summary>Every term of either group with its z-score (positive: more typical of the first group).</summary>
    public static IReadOnlyList<KeyPhrase> Score(IReadOnlyDictionary<string, int> here, IReadOnlyDictionary<string, int> elsewhere)
    {
        double nHere = here.Values.Sum();
        double nElsewhere = elsewhere.Values.Sum();
        var alpha0 = nHere + nElsewhere;
        var result = new List<KeyPhrase>();
        foreach (var term in here.Keys.Union(elsewhere.Keys))
        {
            var yHere = here.GetValueOrDefault(term);
            var yElsewhere = elsewhere.GetValueOrDefault(term);
            double alpha = yHere + yElsewhere;
            var delta = Math.Log((yHere + alpha) / (nHere + alpha0 - yHere - alpha))
                      - Math.Log((yElsewhere + alpha) / (nElsewhere + alpha0 - yElsewhere - alpha));
            var variance = 1.0 / (yHere + alpha) + 1.0 / (yElsewhere + alpha);
            result.Add(new KeyPhrase(term, yHere, yElsewhere, delta / Math.Sqrt(variance)));
        }
        return result;
    }

    /// <summary>In how many comments each term appears.</summary>
    public static Dictionary<string, int> CountTerms(IEnumerable<string> comments)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var comment in comments)
        {
            seen.Clear();
            foreach (var term in Terms(comment))
                if (seen.Add(term)) counts[term] = counts.GetValueOrDefault(term) + 1;
        }
        return counts;
    }

    /// <summary>
    /// The words of a comment that are not stop words, and each pair of such words that stand next to each other in
    /// the comment (so a pair is also a phrase a search will find). Lower case, apostrophes dropped, numbers left out.
    /// </summary>
    public static IEnumerable<string> Terms(string? comment)
    {
        if (string.IsNullOrWhiteSpace(comment)) yield break;
        string? previous = null;
        foreach (var token in TextFeatures.Tokens(comment))
        {
            if (!IsContentWord(token)) { previous = null; continue; }
            yield return token;
            if (previous is not null) yield return previous + " " + token;
            previous = token;
        }
    }

    private static bool IsContentWord(string token) =>
        token.Length > 1 && !token.Contains('0', StringComparison.Ordinal) && !StopWords.Contains(token);

    /// <summary>
    /// Function words. Short on purpose: "not" and "no" are dropped with the rest (on their own they say nothing a
    /// theme's comments share), but "never", "always", "rude" and "kind" are kept, as they say something about the care.
    /// </summary>
    public static readonly IReadOnlySet<string> StopWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "are", "arent", "as", "at",
        "be", "been", "before", "being", "both", "but", "by", "can", "cant", "could", "couldnt",
        "did", "didnt", "do", "does", "doesnt", "doing", "dont", "each", "even", "for", "from", "get", "got",
        "had", "hadnt", "has", "hasnt", "have", "havent", "having", "he", "her", "here", "hers", "him", "his", "how",
        "i", "id", "if", "im", "in", "into", "is", "isnt", "it", "its", "ive", "just", "me", "more", "most", "much", "my",
        "no", "nor", "not", "of", "off", "on", "once", "only", "or", "other", "our", "ours", "out", "over", "own",
        "quite", "really", "so", "some", "such", "than", "that", "thats", "the", "their", "theirs", "them", "then",
        "there", "theres", "these", "they", "theyre", "this", "those", "through", "to", "too", "under", "until", "up",
        "us", "very", "was", "wasnt", "we", "were", "werent", "what", "when", "where", "which", "while", "who", "whom",
        "why", "will", "with", "wont", "would", "wouldnt", "you", "your", "youre", "yours",
    };
}

/// <summary>Whether one group's share of something differs from another's by more than chance would explain.</summary>
public static class ProportionTest
{
    /// <summary>|z| at or above this is significant at the 5% level (two-sided).</summary>
    public const double Critical = 1.96;

    /// <summary>
    /// The two-proportion z statistic for x1 of n1 against x2 of n2, with the pooled proportion in the standard error;
    /// positive when the first share is higher. Null when either group is empty or nothing (or everything) was counted.
    /// </summary>
    public static double? TwoProportionZ(long x1, long n1, long x2, long n2)
    {
        if (n1 <= 0 || n2 <= 0) return null;
        var pooled = (double)(x1 + x2) / (n1 + n2);
        var se = Math.Sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        if (se == 0) return null;
        return ((double)x1 / n1 - (double)x2 / n2) / se;
    }

    /// <summary>The first share is higher than the second, and not by chance.</summary>
    public static bool NotablyHigher(long x1, long n1, long x2, long n2) => TwoProportionZ(x1, n1, x2, n2) >= Critical;
}
