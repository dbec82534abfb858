using System.Text.Json.Serialization;
using Heard.Analysis.Comparison;
using Heard.Analysis.Fft;
using Heard.Data;
using Heard.Web.Features.Dashboard;
using Heard.Web.Features.Themes;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Funnel;

/// <summary>Which units to compare: a trust's, or one division's, over the last few whole months, on % positive or % negative.</summary>
public sealed record FunnelFilter(int? TrustId, int? DivisionId, int Months, string Measure, string? Setting)
{
    public const string Positive = "positive";
    public const string Negative = "negative";
    public static readonly int[] Periods = [3, 6, 12];
}

/// <summary>Control limits at one unit's number of responses, in percent.</summary>
public sealed record LimitBand(double Lower95, double Upper95, double Lower998, double Upper998)
{
    public static LimitBand Of(FunnelLimits l) => new(100 * l.Lower95, 100 * l.Upper95, 100 * l.Lower998, 100 * l.Upper998);
}

/// <summary>
/// One unit on the funnel. <see cref="Percent"/> and both positions are null when the unit had 1 to 4 responses: the FFT
/// return's first-level suppression, since a position outside the limits would give a small percentage away.
/// </summary>
/// <param name="Position">Against limits for chance alone: within, above-95, below-95, above-99.8, below-99.8.</param>
/// <param name="AdjustedPosition">The same against limits allowing for over-dispersion between units.</param>
public sealed record FunnelUnitResult(int UnitId, string Name, long Responses, double? Percent, bool Suppressed, double? Z,
    string? Position, string? AdjustedPosition, LimitBand Limits, LimitBand AdjustedLimits);

public sealed record FunnelView(
    string Title, int TrustId, string TrustName, int? DivisionId, string Measure, int Months, int FromMonth, int ToMonth, string? Setting,
    long Responses, double TargetPercent, double Phi, double Tau2, IReadOnlyList<FunnelUnitResult> Units,
    IReadOnlyList<Choice> Trusts, IReadOnlyList<Choice> Divisions)
{
    /// <summary>The plot itself, for drawing the limit curves; the API gives the figures above instead.</summary>
    [JsonIgnore] public FunnelPlot? Plot { get; init; }
}

/// <summary>
/// Compares the FFT results of a trust's units (within the user's scope) on a funnel plot, from the monthly FFT figures.
/// </summary>
/// <remarks>
/// Every unit with FFT responses in the period is on the plot and in the target, small ones included: that is what a funnel
/// is for. Divisions are units' current divisions, as on the Themes page. FFT results are not for comparing providers, so
/// the units are only ever those of one trust.
/// </remarks>
public static class FunnelQuery
{
    public static async Task<FunnelView?> LoadAsync(HeardDbContext db, FunnelFilter f, HashSet<int>? scope, CancellationToken ct = default)
    {
        var units = (await db.Units.AsNoTracking().Select(u => new { u.Id, u.Name, u.TrustId, u.DivisionId }).ToListAsync(ct))
            .Where(u => scope is null || scope.Contains(u.Id)).ToList();
        var trusts = (await db.Trusts.AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(ct))
            .Where(t => units.Any(u => u.TrustId == t.Id)).Select(t => new Choice(t.Id, t.Name)).ToList();
        if (trusts.Count == 0) return null;
        var trustId = f.TrustId ?? (f.DivisionId is int did ? units.FirstOrDefault(u => u.DivisionId == did)?.TrustId : null) ?? trusts[0].Id;
        var trust = trusts.FirstOrDefault(t => t.Id == trustId);
        if (trust is null) return null;
        var trustUnits = units.Where(u => u.TrustId == trustId).ToList();
        var compared = trustUnits.Where(u => f.DivisionId is null || u.DivisionId == f.DivisionId).ToDictionary(u => u.Id);
        if (compared.Count == 0) return null;
        var divisions = await db.Divisions.AsNoTracking().Where(d => d.TrustId == trustId).OrderBy(d => d.Name).ToListAsync(ct);

        var monthly = db.FftMonthly.AsNoTracking().Where(m => m.TrustId == trustId);
        var latest = await monthly.MaxAsync(m => (int?)m.Month, ct) ?? DashboardFilter.MonthOf(DateOnly.FromDateTime(DateTime.UtcNow));
        var to = latest;
        var from = DashboardFilter.MonthOf(DashboardFilter.StartOf(to).AddMonths(1 - f.Months));
        var rows = monthly.Where(m => m.Month >= from && m.Month <= to);
        if (f.Setting is not null) rows = rows.Where(m => m.Setting == f.Setting);
        var ids = compared.Keys.ToList();
        rows = rows.Where(m => ids.Contains(m.UnitId));
        var sums = await rows.GroupBy(m => m.UnitId).Select(g => new
        {
            UnitId = g.Key,
            Positive = g.Sum(m => m.VeryGood + m.Good),
            Negative = g.Sum(m => m.Poor + m.VeryPoor),
            Total = g.Sum(m => m.VeryGood + m.Good + m.Neither + m.Poor + m.VeryPoor + m.DontKnow),
        }).ToListAsync(ct);

        var counted = sums.Where(s => s.Total > 0).OrderBy(s => compared[s.UnitId].Name, StringComparer.OrdinalIgnoreCase).ToList();
        var plot = FunnelPlot.Build(counted.Select(s =>
            new FunnelUnit(s.UnitId.ToString(System.Globalization.CultureInfo.InvariantCulture), f.Measure == FunnelFilter.Negative ? s.Negative : s.Positive, s.Total)).ToList());
        var results = plot is null ? [] : counted.Select((s, i) =>
        {
            var p = plot.Points[i];
            var hidden = FftReturn.IsFirstLevel(s.Total);
            return new FunnelUnitResult(s.UnitId, compared[s.UnitId].Name, s.Total, hidden ? null : 100 * p.Proportion, hidden, hidden ? null : p.Z,
                hidden ? null : Name(p.Position), hidden ? null : Name(p.AdjustedPosition), LimitBand.Of(p.Limits), LimitBand.Of(p.AdjustedLimits));
        }).ToList();

        var division = f.DivisionId is int d ? divisions.FirstOrDefault(x => x.Id == d)?.Name : null;
        return new FunnelView(division ?? trust.Name, trustId, trust.Name, f.DivisionId, f.Measure, f.Months, from, to, f.Setting,
            counted.Sum(s => s.Total), plot is null ? 0 : 100 * plot.Target, plot?.Phi ?? 0, plot?.Tau2 ?? 0, results,
            trusts, divisions.Where(x => trustUnits.Any(u => u.DivisionId == x.Id)).Select(x => new Choice(x.Id, x.Name)).ToList())
        { Plot = plot };
    }

    public static string Name(FunnelPosition position) => position switch
    {
        FunnelPosition.Above95 => "above-95",
        FunnelPosition.Below95 => "below-95",
        FunnelPosition.Above998 => "above-99.8",
        FunnelPosition.Below998 => "below-99.8",
        _ => "within",
    };

    public static string Describe(string? position) => position switch
    {
        null => "Not shown: fewer than 5 responses",
        "above-95" => "Above the 95% limit",
        "below-95" => "Below the 95% limit",
        "above-99.8" => "Above the 99.8% limit",
        "below-99.8" => "Below the 99.8% limit",
        _ => "Within the limits",
    };

    public static string Link(FunnelFilter f) =>
        $"/Funnel?trust={f.TrustId}" + (f.DivisionId is int d ? $"&division={d}" : "") + $"&months={f.Months}&measure={f.Measure}"
        + (f.Setting is null ? "" : "&setting=" + Uri.EscapeDataString(f.Setting));
}
