using Heard.Data.Model;
using Heard.Web.Features.Comments;

namespace Heard.Web.Features.Routing;

/// <summary>What a rule can be matched against: one comment, where it came from and how it was coded.</summary>
public sealed record RoutableComment(
    long AnswerId, long FeedbackId, int TrustId, int UnitId, int SiteId, int? DivisionId, string Source, int? Sentiment,
    string Text, IReadOnlySet<string> Themes);

/// <summary>Whether a rule matches a comment. Every condition the rule sets must hold; one it leaves empty holds always.</summary>
public static class RoutingMatch
{
    public static bool Matches(RoutingRule rule, RoutableComment c) =>
        rule.IsActive
        && rule.TrustId == c.TrustId
        && (rule.UnitId is null || rule.UnitId == c.UnitId)
        && (rule.SiteId is null || rule.SiteId == c.SiteId)
        && (rule.DivisionId is null || rule.DivisionId == c.DivisionId)
        && (rule.Source is null || rule.Source == c.Source)
        && (rule.Sentiment is null || SentimentBands.Contains(rule.Sentiment, c.Sentiment))
        && (rule.Theme is null || c.Themes.Contains(rule.Theme))
        && (rule.Keyword is null || ContainsKeyword(c.Text, rule.Keyword));

    /// <summary>
    /// True when every word of the keyword appears in the text, ignoring case and matching by stem as comment search
    /// highlights do: "meal" finds "meals", "waiting" finds "waited". Not the search index's full query language
    /// (no phrases, OR or NOT): a rule's keyword is a word or two.
    /// </summary>
    public static bool ContainsKeyword(string text, string keyword)
    {
        var wanted = Stems(keyword);
        if (wanted.Count == 0) return false;
        var found = Stems(text);
        return wanted.All(found.Contains);
    }

    private static HashSet<string> Stems(string text)
    {
        var stems = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i])) { i++; continue; }
            var start = i;
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '\'')) i++;
            var word = text[start..i].ToLowerInvariant().Replace("'", "", StringComparison.Ordinal);
            stems.Add(CommentSearch.Stem(word));
        }
        return stems;
    }

    /// <summary>The targets a matching rule sends a comment to, as (kind, unique key, team, person).</summary>
    public static IEnumerable<(string Kind, string Key, int? TeamId, string? UserId)> Targets(RoutingRule rule, RoutableComment c)
    {
        if (rule.TargetTeamId is int team) yield return (RoutingTargets.Team, RoutingTargets.Key(RoutingTargets.Team, team), team, null);
        if (rule.TargetUserId is { } user) yield return (RoutingTargets.Person, RoutingTargets.Key(RoutingTargets.Person, user), null, user);
        if (rule.TargetWardManager) yield return (RoutingTargets.WardManager, RoutingTargets.Key(RoutingTargets.WardManager, c.UnitId), null, null);
    }
}
