using Heard.Analysis.Fft;
using Heard.Data;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Fft;

/// <summary>Reads one month and setting of FFT counts and builds the national return (figures in Heard.Analysis).</summary>
public static class FftReturnQuery
{
    /// <param name="unitIds">The units the caller may see; null for all (the CLI, an administrator).</param>
    public static async Task<FftReturnTable> BuildAsync(HeardDbContext db, int month, string setting, FftReturnLevel level,
        HashSet<int>? unitIds = null, CancellationToken ct = default)
    {
        setting = FftSettings.Normalise(setting);
        var rows = await db.FftMonthly.AsNoTracking()
            .Where(m => m.Month == month && m.Setting == setting)
            .ToListAsync(ct);
        if (unitIds is not null) rows = rows.Where(r => unitIds.Contains(r.UnitId)).ToList();

        var unitIdList = rows.Select(r => r.UnitId).Distinct().ToList();
        var units = await db.Units.AsNoTracking().Where(u => unitIdList.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        var monthStart = new DateOnly(month / 100, month % 100, 1);
        // The ward name published for a past month is the name the ward had then.
        var versions = (await db.UnitVersions.AsNoTracking().Where(v => unitIdList.Contains(v.UnitId)).ToListAsync(ct))
            .Where(v => v.ValidFrom <= monthStart.AddMonths(1).AddDays(-1) && (v.ValidTo is null || v.ValidTo > monthStart))
            .GroupBy(v => v.UnitId).ToDictionary(g => g.Key, g => g.OrderByDescending(v => v.ValidFrom).First());
        var trusts = await db.Trusts.AsNoTracking().Include(t => t.Icb).ToDictionaryAsync(t => t.Id, ct);
        var eligible = await db.EligibleCounts.AsNoTracking().Where(e => e.Month == month && e.Setting == setting).ToListAsync(ct);
        var siteIds = rows.Select(r => r.SiteId).Concat(eligible.Where(e => e.SiteId is not null).Select(e => e.SiteId!.Value)).Distinct().ToList();
        var sites = await db.Sites.AsNoTracking().Where(s => siteIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);

        var input = new List<FftReturnUnit>(rows.Count);
        foreach (var r in rows)
        {
            var unit = units[r.UnitId];
            var site = sites[r.SiteId];
            var trust = trusts[unit.TrustId];
            var counts = ToCounts(r);
            var unitCounts = eligible.Where(e => e.UnitId == r.UnitId).ToList();
            long? unitEligible = unitCounts.Count == 0 ? null : unitCounts.Sum(e => e.Count);
            input.Add(new FftReturnUnit(trust.Icb?.Code, trust.OdsCode, trust.Name, site.Code, site.Name,
                versions.TryGetValue(r.UnitId, out var v) ? v.Name : unit.Name,
                unit.FirstSpeciality, unit.SecondSpeciality, counts, unitEligible));
        }
        var trustEligible = eligible.Where(e => e.SiteId is null && e.UnitId is null)
            .GroupBy(e => trusts[e.TrustId].OdsCode).ToDictionary(g => g.Key, g => g.Sum(e => e.Count));
        var siteEligible = eligible.Where(e => e.SiteId is not null && e.UnitId is null)
            .GroupBy(e => (trusts[e.TrustId].OdsCode, sites[e.SiteId!.Value].Code))
            .ToDictionary(g => g.Key, g => g.Sum(e => e.Count));
        return FftReturn.Build(level, input, trustEligible, siteEligible);
    }

    public static FftCounts ToCounts(Heard.Data.Model.FftMonthly r) =>
        FftCounts.FromAggregate(r.VeryGood, r.Good, r.Neither, r.Poor, r.VeryPoor, r.DontKnow, r.NoRating,
            [r.ModeSms, r.ModeElectronicDischarge, r.ModeElectronicHome, r.ModePaperDischarge, r.ModePaperHome, r.ModeTelephone, r.ModeOnline, r.ModeOther]);
}
