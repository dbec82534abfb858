using Heard.Analysis.Text;
using Heard.Data;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Heard.Web.Features.Themes;

/// <summary>Theme insight for machines: the same figures, scope and redaction as the /Themes pages.</summary>
public static class ThemeEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/themes").RequireAuthorization(Policies.ReadComments).WithTags("Themes");
        g.MapGet("/", SummaryAsync).WithName("ThemeSummary")
            .WithSummary("Comments per theme, share of coded comments and sentiment, for a trust, division or unit against the trust, and month by month.")
            .WithDescription("Filters: trust, division or unit (ids; the first trust you can see when none), from and to (yyyy-mm; the 12 months to the latest with feedback when absent, at most 36), source, setting. " +
                "Sentiment runs 1 (very positive) to 5 (very negative); z compares the unit's share with the rest of the trust's, notablyHigher is z >= 1.96.");
        g.MapGet("/key-phrases", KeyPhrasesAsync).WithName("ThemeKeyPhrases")
            .WithSummary("The words and two-word phrases that set one unit's comments on a theme apart from the rest of the trust's, and its newest comments on it.")
            .WithDescription("unit (id) and theme (a sub-category) are required; from, to, source, setting as for /api/themes; top: how many phrases (1-50, default 15). " +
                "Weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi and Quinn 2008), z-scored; counts are of comments containing the phrase.");
    }

    private static async Task<Results<Ok<ThemeView>, NotFound, ValidationProblem>> SummaryAsync(
        HeardDbContext db, CurrentUser user, CancellationToken ct,
        int? trust = null, int? division = null, int? unit = null, string? from = null, string? to = null, string? source = null, string? setting = null)
    {
        var (filter, errors, _) = await ThemeRequest.ParseAsync(db, trust, division, unit, from, to, source, setting, ct);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key.ToLowerInvariant(), e => new[] { e.Value }));
        var view = await ThemeQuery.LoadAsync(db, filter, await user.UnitIdsAsync(ct), ct);
        return view is null ? TypedResults.NotFound() : TypedResults.Ok(view);
    }

    private static async Task<Results<Ok<KeyPhraseView>, NotFound, ValidationProblem>> KeyPhrasesAsync(
        HeardDbContext db, CurrentUser user, Audit audit, CancellationToken ct,
        int? unit = null, string? theme = null, string? from = null, string? to = null, string? source = null, string? setting = null,
        int top = KeyPhrases.DefaultTop)
    {
        var (filter, errors, _) = await ThemeRequest.ParseAsync(db, null, null, unit, from, to, source, setting, ct);
        var problems = errors.ToDictionary(e => e.Key.ToLowerInvariant(), e => new[] { e.Value });
        if (unit is null) problems["unit"] = ["unit is required"];
        if (string.IsNullOrWhiteSpace(theme)) problems["theme"] = ["theme is required"];
        if (top is < 1 or > 50) problems["top"] = ["top must be 1 to 50"];
        if (problems.Count > 0) return TypedResults.ValidationProblem(problems);
        var view = await ThemeQuery.KeyPhrasesAsync(db, filter, theme!, await user.UnitIdsAsync(ct), user.CanReadIdentifiable, top, ct);
        if (view is null) return TypedResults.NotFound();
        if (!view.Redacted && view.Examples.Count > 0)
            await audit.RecordNowAsync(Audit.Actions.ReadIdentifiable, "comments", unit, $"themes API: {view.Examples.Count} unredacted comments on {theme}", ct);
        return TypedResults.Ok(view);
    }
}
