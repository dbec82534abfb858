using System.Globalization;
using Heard.Analysis.Search;
using Heard.Data;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Heard.Web.Features.Comments;

/// <summary>Comment search for machines: the same search, scope and redaction as the /Comments page.</summary>
public static class CommentEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/comments").RequireAuthorization(Policies.ReadComments).WithTags("Comments");
        g.MapGet("/", SearchAsync).WithName("SearchComments")
            .WithSummary("Full-text search over comments in your scope, newest first, 25 a page.")
            .WithDescription("q: words, \"phrases\", word*, AND/OR/NOT, brackets. Filters: unit (id), from and to (yyyy-mm-dd), source, theme, sentiment (1-5), answer (1-6, 0 = no rating given), trust (id), division (id), setting, band (positive = sentiment 1-2, negative = 4-5), page.");
    }

    private static async Task<Results<Ok<CommentResults>, ValidationProblem>> SearchAsync(
        HeardDbContext db, CurrentUser user, Audit audit, CancellationToken ct,
        string? q = null, int? unit = null, string? from = null, string? to = null, string? source = null, string? theme = null,
        int? sentiment = null, int? answer = null, int page = 1, int? trust = null, int? division = null, string? setting = null, string? band = null)
    {
        var errors = new Dictionary<string, string[]>();
        DateOnly? Date(string? text, string field)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
            errors[field] = [$"'{text}' is not a date in the form yyyy-mm-dd"];
            return null;
        }
        var fromDate = Date(from, "from");
        var toDate = Date(to, "to");
        if (sentiment is not null and not (>= 1 and <= 5)) errors["sentiment"] = ["sentiment must be 1 (very positive) to 5 (very negative)"];
        if (answer is not null and not (>= 0 and <= 6)) errors["answer"] = ["answer must be 1 to 6, or 0 for no rating given"];
        if (band is { Length: > 0 } && !CommentSearch.Bands.Contains(band)) errors["band"] = ["band must be positive or negative"];
        try { CommentSearchQuery.Parse(q); }
        catch (SearchQueryException e) { errors["q"] = [e.Message]; }
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var results = await CommentSearch.RunAsync(db, new CommentFilter(q, unit, fromDate, toDate, source, theme, sentiment, answer, Math.Max(1, page),
                trust, division, string.IsNullOrEmpty(setting) ? null : setting, string.IsNullOrEmpty(band) ? null : band),
            await user.UnitIdsAsync(ct), user.CanReadIdentifiable, ct);
        if (user.CanReadIdentifiable && results.Comments.Count > 0)
            await audit.RecordNowAsync(Audit.Actions.ReadIdentifiable, "comments", null, $"comment search API '{q}': {results.Comments.Count} unredacted comments", ct);
        return TypedResults.Ok(results);
    }
}
