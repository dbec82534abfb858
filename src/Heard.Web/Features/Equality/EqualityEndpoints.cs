using Heard.Analysis.Equality;
using Heard.Analysis.Fft;
using Heard.Data;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Heard.Web.Features.Equality;

/// <summary>Reads and checks the equality filter, and the smallest group size shown (<c>Heard:Equality:MinimumGroupSize</c>).</summary>
public static class EqualityRequest
{
    public const string MinimumGroupSizeSetting = "Heard:Equality:MinimumGroupSize";

    public static int MinimumGroupSize(IConfiguration config) =>
        Math.Max(1, config.GetValue(MinimumGroupSizeSetting, SmallGroupSuppression.DefaultMinimum));

    public static (EqualityFilter Filter, Dictionary<string, string> Errors) Parse(int? trust, int? division, int? unit, int? months, string? setting)
    {
        var errors = new Dictionary<string, string>();
        var period = months ?? 12;
        if (!EqualityFilter.Periods.Contains(period)) { errors["Months"] = "Choose 3, 6 or 12 months"; period = 12; }
        if (setting is { Length: > 0 } && !FftSettings.IsKnown(setting)) { errors["Setting"] = "Choose a setting from the list"; setting = null; }
        return (new EqualityFilter(trust, division, unit, period, string.IsNullOrEmpty(setting) ? null : setting), errors);
    }
}

public sealed record PopulationImportResult(int Imported, IReadOnlyList<PopulationRow> Rows, IReadOnlyList<PopulationError> Errors);

public static class EqualityEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/equality", GetAsync).WithTags("Equality").WithName("EqualityBreakdown")
            .WithSummary("FFT results, responses and top themes by age, sex, ethnic group, disability and first language, with small groups suppressed and the population served beside them.")
            .WithDescription("Filters: trust, division or unit (ids), months (3, 6 or 12 to the latest month with FFT responses), setting. " +
                "Groups smaller than Heard:Equality:MinimumGroupSize (default 10) are suppressed, and when that hides one group only the next smallest is hidden too; " +
                "seldomHeard marks a group whose share of respondents is under 0.8 of its population share and significantly so (one-sample z <= -1.96).");
        api.MapPost("/population", ImportAsync).WithTags("Equality").WithName("PopulationImport").RequireAuthorization(Policies.ImportData)
            .Accepts<string>("text/csv").DisableAntiforgery()
            .WithSummary("Imports the make-up of the population a trust, site or unit serves from CSV: code,characteristic,group,share,count.")
            .WithDescription("The body is the CSV. With dryRun=true nothing is stored. Any error (by row number, header = row 1) stores nothing. " +
                "Importing a place's characteristic replaces its earlier profile for that characteristic.");
    }

    private static async Task<Results<Ok<EqualityView>, NotFound, ValidationProblem>> GetAsync(HeardDbContext db, CurrentUser user, IConfiguration config,
        CancellationToken ct, int? trust = null, int? division = null, int? unit = null, int? months = null, string? setting = null)
    {
        var (filter, errors) = EqualityRequest.Parse(trust, division, unit, months, setting);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key.ToLowerInvariant(), e => new[] { e.Value }));
        var view = await EqualityQuery.LoadAsync(db, filter, await user.UnitIdsAsync(ct), EqualityRequest.MinimumGroupSize(config), ct);
        return view is null ? TypedResults.NotFound() : TypedResults.Ok(view);
    }

    private static async Task<Results<Ok<PopulationImportResult>, UnprocessableEntity<PopulationImportResult>>> ImportAsync(
        HttpRequest request, HeardDbContext db, CurrentUser user, Audit audit, CancellationToken ct, bool dryRun = false)
    {
        // The CSV reader reads synchronously, which the server does not allow on the request body itself.
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, ct);
        body.Position = 0;
        var preview = await PopulationImport.ReadAsync(db, body, await user.UnitIdsAsync(ct), !dryRun, user.Name, ct);
        var result = new PopulationImportResult(preview.Imported ? preview.Rows.Count : 0, preview.Rows, preview.Errors);
        if (preview.Errors.Count > 0) return TypedResults.UnprocessableEntity(result);
        if (preview.Imported)
            await audit.RecordNowAsync(Audit.Actions.Import, "population_profile", null, $"population profile API: {preview.Rows.Count} rows", ct);
        return TypedResults.Ok(result);
    }
}
