using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Routing;

/// <summary>A rule as it is asked for, by the form or the API. Empty conditions match anything.</summary>
public sealed record RuleRequest(
    int TrustId, string? Name, string? Theme = null, int? UnitId = null, int? DivisionId = null, int? SiteId = null,
    string? Keyword = null, string? Source = null, string? Sentiment = null,
    int? TargetTeamId = null, string? TargetUserName = null, bool TargetWardManager = false);

/// <summary>A rule as the list and the API show it.</summary>
public sealed record RuleView(
    int Id, int TrustId, string Name, string? Theme, int? UnitId, int? DivisionId, int? SiteId, string? Keyword, string? Source,
    string? Sentiment, int? TargetTeamId, string? TargetTeamName, string? TargetUserName, bool TargetWardManager, bool IsActive,
    string Conditions, string Targets);

/// <summary>Reading, checking and saving routing rules; the page and the API both come here.</summary>
public static class RoutingRules
{
    public static async Task<List<RuleView>> ListAsync(HeardDbContext db, CurrentUser user, CancellationToken ct)
    {
        var trusts = await user.TrustIdsAsync(ct);
        var rules = await db.RoutingRules.AsNoTracking().Where(r => trusts == null || trusts.Contains(r.TrustId)).OrderBy(r => r.Name).ToListAsync(ct);
        var teams = await db.Teams.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var userIds = rules.Select(r => r.TargetUserId).OfType<string>().Distinct().ToList();
        var users = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.UserName ?? u.Id, ct);
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var divisions = await db.Divisions.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var sites = await db.Sites.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        return rules.Select(r =>
        {
            var conditions = new List<string>();
            if (r.Theme is not null) conditions.Add($"theme is {r.Theme}");
            if (r.UnitId is int u) conditions.Add($"unit is {units.GetValueOrDefault(u, "?")}");
            if (r.DivisionId is int d) conditions.Add($"division is {divisions.GetValueOrDefault(d, "?")}");
            if (r.SiteId is int s) conditions.Add($"site is {sites.GetValueOrDefault(s, "?")}");
            if (r.Keyword is not null) conditions.Add($"mentions \"{r.Keyword}\"");
            if (r.Source is not null) conditions.Add($"source is {FeedbackSources.Label(r.Source)}");
            if (r.Sentiment is not null) conditions.Add($"sentiment is {r.Sentiment}");
            var targets = new List<string>();
            var teamName = r.TargetTeamId is int t ? teams.GetValueOrDefault(t, "a removed team") : null;
            var userName = r.TargetUserId is { } uid ? users.GetValueOrDefault(uid, "a removed user") : null;
            if (teamName is not null) targets.Add(teamName);
            if (userName is not null) targets.Add(userName);
            if (r.TargetWardManager) targets.Add("the unit's ward manager");
            return new RuleView(r.Id, r.TrustId, r.Name, r.Theme, r.UnitId, r.DivisionId, r.SiteId, r.Keyword, r.Source, r.Sentiment,
                r.TargetTeamId, teamName, userName, r.TargetWardManager, r.IsActive,
                conditions.Count == 0 ? "every comment" : string.Join(", ", conditions), string.Join(" and ", targets));
        }).ToList();
    }

    /// <summary>Checks a request against the user's scope; the errors are keyed by the field they concern.</summary>
    public static async Task<(RoutingRule? Rule, Dictionary<string, string[]> Errors)> ValidateAsync(
        HeardDbContext db, CurrentUser user, RuleRequest r, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        void Error(string field, string message) => errors[field] = [message];
        var trusts = await user.TrustIdsAsync(ct);
        if (!await db.Trusts.AnyAsync(t => t.Id == r.TrustId, ct) || (trusts is not null && !trusts.Contains(r.TrustId)))
            Error("trustId", "Choose a trust you manage");
        var name = r.Name?.Trim();
        if (string.IsNullOrEmpty(name)) Error("name", "Enter a name for the rule");
        else if (name.Length > 200) Error("name", "The name must be 200 characters or fewer");
        var theme = Blank(r.Theme);
        if (theme is { Length: > 200 }) Error("theme", "The theme must be 200 characters or fewer");
        var keyword = Blank(r.Keyword);
        if (keyword is { Length: > 100 }) Error("keyword", "The keyword must be 100 characters or fewer");
        else if (keyword is not null && !keyword.Any(char.IsLetterOrDigit)) Error("keyword", "The keyword must contain a word");
        var source = Blank(r.Source);
        if (source is not null && !FeedbackSources.All.Contains(source)) Error("source", "Choose a source from the list");
        var sentiment = Blank(r.Sentiment);
        if (sentiment is not null && !SentimentBands.All.Contains(sentiment)) Error("sentiment", "Choose positive, neutral or negative");
        if (r.UnitId is int unit && !await db.Units.AnyAsync(u => u.Id == unit && u.TrustId == r.TrustId, ct)) Error("unitId", "Choose a unit of the trust");
        if (r.DivisionId is int div && !await db.Divisions.AnyAsync(d => d.Id == div && d.TrustId == r.TrustId, ct)) Error("divisionId", "Choose a division of the trust");
        if (r.SiteId is int site && !await db.Sites.AnyAsync(s => s.Id == site && s.TrustId == r.TrustId, ct)) Error("siteId", "Choose a site of the trust");
        if (r.TargetTeamId is int team && !await db.Teams.AnyAsync(t => t.Id == team && t.TrustId == r.TrustId, ct)) Error("targetTeamId", "Choose a team of the trust");
        string? targetUserId = null;
        if (Blank(r.TargetUserName) is { } userName)
        {
            targetUserId = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).FirstOrDefaultAsync(ct);
            if (targetUserId is null) Error("targetUserName", "There is no user with that user name");
        }
        if (r.TargetTeamId is null && Blank(r.TargetUserName) is null && !r.TargetWardManager)
            Error("targets", "Choose who the feedback goes to: a team, a person or the unit's ward manager");
        if (errors.Count > 0) return (null, errors);
        return (new RoutingRule
        {
            TrustId = r.TrustId, Name = name!, Theme = theme, UnitId = r.UnitId, DivisionId = r.DivisionId, SiteId = r.SiteId,
            Keyword = keyword, Source = source, Sentiment = sentiment, TargetTeamId = r.TargetTeamId, TargetUserId = targetUserId,
            TargetWardManager = r.TargetWardManager, IsActive = true, CreatedAt = DateTime.UtcNow, CreatedBy = user.Name,
        }, errors);
    }

    public static async Task SaveAsync(HeardDbContext db, Audit audit, RoutingRule rule, CancellationToken ct)
    {
        db.RoutingRules.Add(rule);
        await db.SaveChangesAsync(ct);
        audit.Record(Audit.Actions.Create, "routing-rule", rule.Id, $"routing rule '{rule.Name}'");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Turns a rule on or off; a rule is never deleted, so routing history can still name it.</summary>
    public static async Task<bool> SetActiveAsync(HeardDbContext db, CurrentUser user, Audit audit, int id, bool active, CancellationToken ct)
    {
        var trusts = await user.TrustIdsAsync(ct);
        var rule = await db.RoutingRules.FirstOrDefaultAsync(r => r.Id == id && (trusts == null || trusts.Contains(r.TrustId)), ct);
        if (rule is null) return false;
        rule.IsActive = active;
        audit.Record(Audit.Actions.Update, "routing-rule", id, active ? "turned on" : "turned off");
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Theme names a rule may use: the built-in framework's sub-categories and categories, and any label in use.</summary>
    public static async Task<List<string>> KnownThemesAsync(HeardDbContext db, CancellationToken ct)
    {
        var themes = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        if (Coding.CodingModels.BuiltInShipped)
        {
            var model = Heard.Analysis.Text.ThemeModel.BuiltIn();
            themes.UnionWith(model.Labels);
            themes.UnionWith(model.Categories);
        }
        themes.UnionWith(await db.CommentCodes.AsNoTracking().Where(c => c.RemovedAt == null).Select(c => c.Label).Distinct().Take(500).ToListAsync(ct));
        return themes.ToList();
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
