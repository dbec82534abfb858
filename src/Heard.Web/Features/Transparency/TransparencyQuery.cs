using Heard.Analysis.Fft;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Features.Fft;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Transparency;

/// <summary>The trust behind a transparency page, found by its ODS code.</summary>
public sealed record PublishedTrust(int Id, string OdsCode, string Name, int? IcbId, bool IsPublic);

/// <summary>
/// One published row: the trust, a site or a unit, for one month and FFT setting, with NHS England's suppression as
/// the national return applies it. The figures before masking stay inside this record; only <see cref="Cells"/>-style
/// accessors that honour the suppression are ever written out.
/// </summary>
public sealed record TransparencyRow(int Month, string Setting, FftReturnLevel Level, FftReturnRow Row, string? UnitCode)
{
    public long Responses => Row.Counts.Total;

    /// <summary>As published: a whole number, "*" when suppressed, "-" with no responses.</summary>
    public string PercentagePositive => Percentage(Row.Counts.WholePercentagePositive);

    public string PercentageNegative => Percentage(Row.Counts.WholePercentageNegative);

    public bool Suppressed => Row.CountsHidden;

    public string Count(FftAnswer answer) => Row.CountsHidden ? "*" : Row.Counts.Count(answer).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public string Name => Level switch
    {
        FftReturnLevel.Trust => Row.TrustName,
        FftReturnLevel.Site => Row.SiteName ?? Row.SiteCode ?? "",
        _ => Row.WardName ?? "",
    };

    private string Percentage(int? whole) =>
        Row.PercentagesHidden ? "*" : whole is { } v ? v.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-";
}

/// <summary>
/// FFT results for a trust's transparency page and open data. Suppression is NHS England's, from
/// <see cref="FftReturn"/>, worked out over the whole hierarchy (the trust among the other trusts of its ICB, its sites,
/// its units) before any filter is applied: filtering first would change which rows rank smallest and could un-hide a
/// figure. Free text, demographics and anything else per person are never read.
/// </summary>
public static class TransparencyQuery
{
    public static async Task<PublishedTrust?> TrustAsync(HeardDbContext db, string? odsCode, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(odsCode) || odsCode.Length > 10) return null;
        var code = odsCode.Trim().ToUpperInvariant();
        return await db.Trusts.AsNoTracking().Where(t => t.OdsCode == code)
            .Select(t => new PublishedTrust(t.Id, t.OdsCode, t.Name, t.IcbId, t.TransparencyPublic)).SingleOrDefaultAsync(ct);
    }

    /// <summary>Months with FFT figures for the trust, newest first.</summary>
    public static async Task<List<int>> MonthsAsync(HeardDbContext db, int trustId, CancellationToken ct) =>
        await db.FftMonthly.AsNoTracking().Where(m => m.TrustId == trustId).Select(m => m.Month).Distinct()
            .OrderByDescending(m => m).ToListAsync(ct);

    /// <summary>The units of the trust with FFT figures, by name, for the unit filter.</summary>
    public static async Task<List<(string Code, string Name)>> UnitsAsync(HeardDbContext db, int trustId, CancellationToken ct)
    {
        var ids = await db.FftMonthly.AsNoTracking().Where(m => m.TrustId == trustId).Select(m => m.UnitId).Distinct().ToListAsync(ct);
        return (await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Code, u.Name }).ToListAsync(ct))
            .OrderBy(u => u.Name, StringComparer.OrdinalIgnoreCase).Select(u => (u.Code, u.Name)).ToList();
    }

    /// <summary>
    /// Every published row of the trust for the months from <paramref name="fromMonth"/> to <paramref name="toMonth"/>,
    /// in month, setting, level, site and unit order. <paramref name="unitCode"/> keeps the trust row, the unit's site
    /// row and the unit's rows only, after suppression.
    /// </summary>
    public static async Task<List<TransparencyRow>> RowsAsync(HeardDbContext db, PublishedTrust trust, int fromMonth, int toMonth,
        string? setting, string? unitCode, CancellationToken ct)
    {
        // Trusts of the same ICB (or, like the return, all trusts without one) rank against each other.
        var peerTrusts = await db.Trusts.AsNoTracking().Include(t => t.Icb).Where(t => t.IcbId == trust.IcbId).ToDictionaryAsync(t => t.Id, ct);
        var peerIds = peerTrusts.Keys.ToList();
        var query = db.FftMonthly.AsNoTracking().Where(m => peerIds.Contains(m.TrustId) && m.Month >= fromMonth && m.Month <= toMonth);
        if (setting is not null) query = query.Where(m => m.Setting == setting);
        var monthly = await query.ToListAsync(ct);
        if (monthly.Count == 0) return [];

        var unitIds = monthly.Select(m => m.UnitId).Distinct().ToList();
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        var siteIds = monthly.Select(m => m.SiteId).Distinct().ToList();
        var sites = await db.Sites.AsNoTracking().Where(s => siteIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var versions = (await db.UnitVersions.AsNoTracking().Where(v => unitIds.Contains(v.UnitId)).ToListAsync(ct))
            .GroupBy(v => v.UnitId).ToDictionary(g => g.Key, g => g.OrderByDescending(v => v.ValidFrom).ToList());
        var codeByWard = new Dictionary<(int Month, string Setting, string Site, string Ward), string>();

        var result = new List<TransparencyRow>();
        foreach (var group in monthly.GroupBy(m => (m.Month, m.Setting)).OrderBy(g => g.Key.Month).ThenBy(g => SettingOrder(g.Key.Setting)))
        {
            var (month, monthSetting) = group.Key;
            var monthStart = new DateOnly(month / 100, month % 100, 1);
            var input = new List<FftReturnUnit>();
            foreach (var r in group)
            {
                var unit = units[r.UnitId];
                var site = sites[r.SiteId];
                var peer = peerTrusts[r.TrustId];
                // The ward name published for a past month is the name the ward had then, as in the national return.
                var name = versions.GetValueOrDefault(r.UnitId)?
                    .FirstOrDefault(v => v.ValidFrom <= monthStart.AddMonths(1).AddDays(-1) && (v.ValidTo is null || v.ValidTo > monthStart))?.Name ?? unit.Name;
                input.Add(new FftReturnUnit(peer.Icb?.Code, peer.OdsCode, peer.Name, site.Code, site.Name, name,
                    unit.FirstSpeciality, unit.SecondSpeciality, FftReturnQuery.ToCounts(r), null));
                if (r.TrustId == trust.Id) codeByWard[(month, monthSetting, site.Code, name)] = unit.Code;
            }
            foreach (var level in (FftReturnLevel[])[FftReturnLevel.Trust, FftReturnLevel.Site, FftReturnLevel.Ward])
            {
                foreach (var row in FftReturn.Build(level, input).Details.Where(d => d.TrustCode == trust.OdsCode))
                {
                    var code = level == FftReturnLevel.Ward ? codeByWard.GetValueOrDefault((month, monthSetting, row.SiteCode ?? "", row.WardName ?? "")) : null;
                    result.Add(new TransparencyRow(month, monthSetting, level, row, code));
                }
            }
        }

        if (unitCode is not null)
        {
            var keep = result.Where(r => r.Level == FftReturnLevel.Ward && string.Equals(r.UnitCode, unitCode, StringComparison.OrdinalIgnoreCase))
                .Select(r => (r.Month, r.Setting, r.Row.SiteCode)).ToHashSet();
            result = result.Where(r => r.Level == FftReturnLevel.Trust && keep.Any(k => k.Month == r.Month && k.Setting == r.Setting)
                || r.Level == FftReturnLevel.Site && keep.Contains((r.Month, r.Setting, r.Row.SiteCode))
                || r.Level == FftReturnLevel.Ward && string.Equals(r.UnitCode, unitCode, StringComparison.OrdinalIgnoreCase)).ToList();
        }
        return result;
    }

    private static int SettingOrder(string setting)
    {
        var i = FftSettings.All.ToList().IndexOf(setting);
        return i < 0 ? int.MaxValue : i;
    }

    public static string SettingLabel(string setting) => FftSettings.IsKnown(setting) ? FftSettings.Label(setting) : setting;
}
