using Heard.Analysis.Fft;
using Heard.Data;

namespace Heard.Web.Features.Transparency;

/// <summary>The open data file behind a trust's transparency page: anonymous and rate limited like the page.</summary>
public static class TransparencyEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/transparency/{ods}/fft.csv", CsvAsync).AllowAnonymous().RequireRateLimiting("public")
            .WithTags("Transparency").WithName("TransparencyOpenData")
            .WithSummary("A trust's published FFT results as open data (CSV), suppressed as NHS England suppresses its return; 404 unless the trust publishes its transparency page. Optional month (yyyy-mm), setting and unit (unit code).");
    }

    private static async Task<IResult> CsvAsync(string ods, string? month, string? setting, string? unit, HeardDbContext db, HttpContext http, CancellationToken ct)
    {
        var trust = await TransparencyQuery.TrustAsync(db, ods, ct);
        if (trust is not { IsPublic: true }) return Results.NotFound();
        int from, to;
        if (string.IsNullOrEmpty(month))
        {
            var months = await TransparencyQuery.MonthsAsync(db, trust.Id, ct);
            (from, to) = months.Count == 0 ? (0, 0) : (months[^1], months[0]);
        }
        else if (IndexModel.ParseMonth(month) is int m) (from, to) = (m, m);
        else return Results.Problem(statusCode: 400, title: "month must be a year and month, for example 2026-03");
        if (!string.IsNullOrEmpty(setting) && !FftSettings.IsKnown(setting))
            return Results.Problem(statusCode: 400, title: $"'{setting}' is not an FFT setting");
        var settingCode = string.IsNullOrEmpty(setting) ? null : FftSettings.Normalise(setting);
        var rows = from == 0 ? [] : await TransparencyQuery.RowsAsync(db, trust, from, to, settingCode, string.IsNullOrEmpty(unit) ? null : unit.Trim(), ct);
        http.Response.Headers.CacheControl = "no-store";
        var name = $"fft-{trust.OdsCode.ToLowerInvariant()}{(string.IsNullOrEmpty(month) ? "" : "-" + month)}{(string.IsNullOrEmpty(unit) ? "" : "-" + Slug(unit))}.csv";
        return Results.File(OpenData.Write(rows), "text/csv; charset=utf-8", name);
    }

    private static string Slug(string text) => new(text.Where(char.IsAsciiLetterOrDigit).Take(20).ToArray());
}
