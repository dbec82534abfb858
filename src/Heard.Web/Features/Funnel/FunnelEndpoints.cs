using Heard.Analysis.Fft;
using Heard.Data;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Heard.Web.Features.Funnel;

/// <summary>Reads and checks the funnel filter as the page and the API receive it, so both say the same about bad input.</summary>
public static class FunnelRequest
{
    public static (FunnelFilter Filter, Dictionary<string, string> Errors) Parse(int? trust, int? division, int? months, string? measure, string? setting)
    {
        var errors = new Dictionary<string, string>();
        var period = months ?? 12;
        if (!FunnelFilter.Periods.Contains(period)) { errors["Months"] = "Choose 3, 6 or 12 months"; period = 12; }
        var m = string.IsNullOrWhiteSpace(measure) ? FunnelFilter.Positive : measure.Trim().ToLowerInvariant();
        if (m is not (FunnelFilter.Positive or FunnelFilter.Negative)) { errors["Measure"] = "Choose percentage positive or percentage negative"; m = FunnelFilter.Positive; }
        if (setting is { Length: > 0 } && !FftSettings.IsKnown(setting)) { errors["Setting"] = "Choose a setting from the list"; setting = null; }
        return (new FunnelFilter(trust, division, period, m, string.IsNullOrEmpty(setting) ? null : setting), errors);
    }
}

/// <summary>The funnel plot for machines: the same units, figures, suppression and scope as the /Funnel page.</summary>
public static class FunnelEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/funnel", GetAsync).WithTags("Funnel").WithName("FunnelPlot")
            .WithSummary("A trust's (or division's) units on a funnel plot of FFT percentage positive or negative: target, 95% and 99.8% limits, over-dispersion, each unit's position.")
            .WithDescription("Filters: trust, division (ids; the first trust you can see when none), months (3, 6 or 12 to the latest month with FFT responses; 12 when absent), " +
                "measure (positive or negative), setting. Limits are on the arcsine scale; adjusted limits allow for over-dispersion (Spiegelhalter, tau2). " +
                "Units with 1 to 4 responses have percent, z and positions null (NHS England's first-level suppression). " +
                "FFT results are not intended for comparing providers: this compares one trust's own units.");
    }

    private static async Task<Results<Ok<FunnelView>, NotFound, ValidationProblem>> GetAsync(HeardDbContext db, CurrentUser user, CancellationToken ct,
        int? trust = null, int? division = null, int? months = null, string? measure = null, string? setting = null)
    {
        var (filter, errors) = FunnelRequest.Parse(trust, division, months, measure, setting);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key.ToLowerInvariant(), e => new[] { e.Value }));
        var view = await FunnelQuery.LoadAsync(db, filter, await user.UnitIdsAsync(ct), ct);
        return view is null ? TypedResults.NotFound() : TypedResults.Ok(view);
    }
}
