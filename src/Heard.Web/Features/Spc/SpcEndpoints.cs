using Heard.Analysis.Spc;
using Heard.Data;
using Heard.Web.Features.Dashboard;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Heard.Web.Features.Spc;

/// <summary>One month of an SPC chart as the API returns it; values in the measure's unit (percentages for shares).</summary>
public sealed record SpcApiPoint(string Month, double Value, long? Numerator, long? Denominator, double Mean, double? LowerProcessLimit,
    double? UpperProcessLimit, string PointType, int Segment, bool TrialLimits);

public sealed record SpcApiChangePoint(long Id, DateOnly EffectiveOn, string Note, string? NewLimitsFrom);

public sealed record SpcApiChart(
    string Title, string Level, int TrustId, int? DivisionId, int? UnitId, string Metric, string? Theme, string MetricLabel,
    string Improvement, string Chart, string Unit, double? Target, string Variation, string Assurance,
    IReadOnlyList<SpcApiPoint> Points, IReadOnlyList<SpcApiChangePoint> ChangePoints);

/// <summary>SPC charts for machines: the same figures, rules and scope as the /Spc page.</summary>
public static class SpcEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/spc", ChartAsync).WithTags("SPC").WithName("SpcChart")
            .WithSummary("A \"Making Data Count\" SPC chart of one measure, month by month, for a trust, division or unit: values, mean, process limits, point types, variation and assurance.")
            .WithDescription("Filters: trust, division or unit (ids; the first trust you can see when none); metric: " + string.Join(", ", SpcMetrics.All.Select(m => m.Key)) +
                " (default fft-positive); theme (for theme-share); chart: xmr (default) or p (p-chart, for shares); target (in the measure's unit, percentages for shares). " +
                "pointType is common_cause, special_cause_improvement, special_cause_concern, special_cause_neutral_high or special_cause_neutral_low; variation is the type of the last point; " +
                "assurance is pass, fail, inconsistent or none. Change points start a new segment with its own mean and limits; segments under 13 months have trial limits.");
    }

    private static async Task<Results<Ok<SpcApiChart>, NotFound, ValidationProblem>> ChartAsync(
        HeardDbContext db, CurrentUser user, CancellationToken ct,
        int? trust = null, int? division = null, int? unit = null, string? metric = null, string? theme = null, string? chart = null, string? target = null)
    {
        var (filter, errors) = SpcRequest.Parse(trust, division, unit, metric, theme, chart, target);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key.ToLowerInvariant(), e => new[] { e.Value }));
        var v = await SpcQuery.LoadAsync(db, filter, await user.UnitIdsAsync(ct), ct);
        if (v is null) return TypedResults.NotFound();
        return TypedResults.Ok(ToApi(v));
    }

    public static SpcApiChart ToApi(SpcView v)
    {
        static double? Finite(double x) => double.IsFinite(x) ? x : null;
        var f = v.Filter;
        var points = v.Months.Select((m, i) =>
        {
            var p = v.Chart.Points[i];
            return new SpcApiPoint(DashboardFilter.StartOf(m.Month).ToString("yyyy-MM"), p.Value * v.Scale, m.Numerator, m.Denominator, p.Mean * v.Scale,
                Finite(p.LowerProcessLimit * v.Scale), Finite(p.UpperProcessLimit * v.Scale), p.Type.Name(), p.Segment, v.Chart.Segments[p.Segment].IsTrial);
        }).ToList();
        return new SpcApiChart(v.Title, v.Level, f.TrustId!.Value, f.DivisionId, f.UnitId, v.Metric.Key, f.Theme, v.Metric.Label,
            v.Metric.Improvement.Name(), f.PChart ? "p" : "xmr", v.Metric.Unit, f.Target, v.Chart.Variation.Name(), v.Chart.Assurance.Name(), points,
            v.ChangePoints.Select(c => new SpcApiChangePoint(c.Id, c.EffectiveOn, c.Note, c.StartsAtMonth is int s ? DashboardFilter.StartOf(s).ToString("yyyy-MM") : null)).ToList());
    }
}
