using System.Globalization;
using Heard.Analysis.Fft;
using Heard.Data;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Heard.Web.Features.Fft;

public static class FftEndpoints
{
    public sealed record ReturnTable(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/fft/return", ReturnAsync).WithTags("FFT").WithName("FftReturn")
            .WithSummary("The monthly national FFT return for one setting and level, with suppression applied, for the units in the caller's scope.");
    }

    private static async Task<Results<Ok<ReturnTable>, ValidationProblem>> ReturnAsync(
        string? month, string? setting, string? level, HeardDbContext db, CurrentUser user, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!DateOnly.TryParseExact((month ?? "") + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var m))
            errors["month"] = [$"'{month}' is not a month (use YYYY-MM)"];
        if (!FftSettings.IsKnown(setting)) errors["setting"] = [$"'{setting}' is not an FFT setting"];
        if (!FftReturnLevels.TryParse(level, out var lvl)) errors["level"] = [$"'{level}' must be trust, site or ward"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var table = await FftReturnQuery.BuildAsync(db, m.Year * 100 + m.Month, setting!, lvl, await user.UnitIdsAsync(ct), ct);
        return TypedResults.Ok(new ReturnTable(table.Header, table.Rows));
    }
}
