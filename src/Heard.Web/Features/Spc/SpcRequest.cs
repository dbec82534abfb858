using System.Globalization;
using Heard.Data;
using Heard.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Spc;

/// <summary>Reads the chart request as the page and the API receive it, and says who may mark change points where.</summary>
public static class SpcRequest
{
    public static (SpcFilter Filter, Dictionary<string, string> Errors) Parse(int? trust, int? division, int? unit, string? metric, string? theme, string? chart, string? target)
    {
        var errors = new Dictionary<string, string>();
        if (metric is { Length: > 0 } && SpcMetrics.Find(metric) is null) { errors["Metric"] = "Choose a measure from the list"; metric = null; }
        if (chart is { Length: > 0 } and not ("p" or "xmr")) errors["Chart"] = "Choose an XmR chart or a p-chart";
        double? targetValue = null;
        if (!string.IsNullOrWhiteSpace(target))
        {
            if (double.TryParse(target, NumberStyles.Float, CultureInfo.InvariantCulture, out var t) && double.IsFinite(t)) targetValue = t;
            else errors["Target"] = "Enter the target as a number, for example 90";
        }
        return (new SpcFilter(trust, unit is null ? division : null, unit, metric ?? SpcMetrics.FftPositive,
            string.IsNullOrWhiteSpace(theme) ? null : theme.Trim(), chart == "p", targetValue), errors);
    }

    /// <summary>
    /// A change point on a trust's or division's chart moves everyone's reading of it, so it needs a user who sees all of
    /// that trust or division; a unit's chart needs only that unit. The role comes from <see cref="Policies.ManageSpcChangePoints"/>.
    /// </summary>
    public static async Task<bool> MayMarkAsync(HeardDbContext db, HashSet<int>? scope, int trustId, int? divisionId, int? unitId, CancellationToken ct)
    {
        if (scope is null) return true;
        if (unitId is int u) return scope.Contains(u);
        var units = await db.Units.AsNoTracking().Where(x => x.TrustId == trustId && (divisionId == null || x.DivisionId == divisionId))
            .Select(x => x.Id).ToListAsync(ct);
        return units.Count > 0 && units.All(scope.Contains);
    }
}
