using System.Globalization;
using Heard.Analysis.Search;
using Heard.Data;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Heard.Web.Features.Comments;

/// <summary>Comment search for machines: the same search, scope and redaction as the /Comments page.</summary>
public static class CommentEndpoints
{
    private const string Filters =
        "q: words, \"phrases\", word*, AND/OR/NOT, brackets. Filters: unit (id), from and to (yyyy-mm-dd), source, theme, sentiment (1-5), " +
        "answer (1-6, 0 = no rating given), trust (id), division (id), setting, band (positive = sentiment 1-2, negative = 4-5)";

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/comments").RequireAuthorization(Policies.ReadComments).WithTags("Comments");
        g.MapGet("/", SearchAsync).WithName("SearchComments")
            .WithSummary("Full-text search over comments in your scope, newest first, 25 a page.")
            .WithDescription(Filters + ", page. The count stops at 10,000: when totalIsCapped is true, total is 10,000 and more comments " +
                "than that match (the pages reach the newest 10,000).");
        g.MapGet("/export.csv", ExportAsync).WithName("ExportComments")
            .WithSummary("The same search as CSV: every matching comment in your scope, newest first, at most 100,000.")
            .WithDescription(Filters + ". Columns: feedback_id, date, unit, source, fft_answer, question, comment, sentiment, themes (joined by |). " +
                "Comments are redacted unless your role may read identifiable data.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");
    }

    private static async Task<IResult> ExportAsync(
        HttpContext http, HeardDbContext db, CurrentUser user, Audit audit, CancellationToken ct,
        string? q = null, int? unit = null, string? from = null, string? to = null, string? source = null, string? theme = null,
        int? sentiment = null, int? answer = null, int? trust = null, int? division = null, string? setting = null, string? band = null)
    {
        if (Validate(q, from, to, sentiment, answer, band, out var fromDate, out var toDate) is { } problem) return problem;
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"comments-{DateTime.UtcNow:yyyy-MM-dd}.csv\"";
        await using var writer = new StreamWriter(http.Response.Body, new System.Text.UTF8Encoding(true), 1 << 16);
        var filter = new CommentFilter(q, unit, fromDate, toDate, source, theme, sentiment, answer, 1,
            trust, division, string.IsNullOrEmpty(setting) ? null : setting, string.IsNullOrEmpty(band) ? null : band);
        var written = await CommentSearch.ExportAsync(db, filter, await user.UnitIdsAsync(ct), user.CanReadIdentifiable, writer, ct);
        if (user.CanReadIdentifiable && written > 0)
            await audit.RecordNowAsync(Audit.Actions.ReadIdentifiable, "comments", null, $"comment export '{q}': {written} unredacted comments", ct);
        return Results.Empty;
    }

    private static async Task<Results<Ok<CommentResults>, ValidationProblem>> SearchAsync(
        HeardDbContext db, CurrentUser user, Audit audit, CancellationToken ct,
        string? q = null, int? unit = null, string? from = null, string? to = null, string? source = null, string? theme = null,
        int? sentiment = null, int? answer = null, int page = 1, int? trust = null, int? division = null, string? setting = null, string? band = null)
    {
        if (Validate(q, from, to, sentiment, answer, band, out var fromDate, out var toDate) is { } problem) return problem;

        var results = await CommentSearch.RunAsync(db, new CommentFilter(q, unit, fromDate, toDate, source, theme, sentiment, answer, Math.Max(1, page),
                trust, division, string.IsNullOrEmpty(setting) ? null : setting, string.IsNullOrEmpty(band) ? null : band),
            await user.UnitIdsAsync(ct), user.CanReadIdentifiable, ct);
        if (user.CanReadIdentifiable && results.Comments.Count > 0)
            await audit.RecordNowAsync(Audit.Actions.ReadIdentifiable, "comments", null, $"comment search API '{q}': {results.Comments.Count} unredacted comments", ct);
        return TypedResults.Ok(results);
    }

    private static ValidationProblem? Validate(string? q, string? from, string? to, int? sentiment, int? answer, string? band,
        out DateOnly? fromDate, out DateOnly? toDate)
    {
        var errors = new Dictionary<string, string[]>();
        DateOnly? Date(string? text, string field)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
            errors[field] = [$"'{text}' is not a date in the form yyyy-mm-dd"];
            return null;
        }
        fromDate = Date(from, "from");
        toDate = Date(to, "to");
        if (sentiment is not null and not (>= 1 and <= 5)) errors["sentiment"] = ["sentiment must be 1 (very positive) to 5 (very negative)"];
        if (answer is not null and not (>= 0 and <= 6)) errors["answer"] = ["answer must be 1 to 6, or 0 for no rating given"];
        if (band is { Length: > 0 } && !CommentSearch.Bands.Contains(band)) errors["band"] = ["band must be positive or negative"];
        try { CommentSearchQuery.Parse(q); }
        catch (SearchQueryException e) { errors["q"] = [e.Message]; }
        return errors.Count > 0 ? TypedResults.ValidationProblem(errors) : null;
    }
}
