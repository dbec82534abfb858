using Heard.Analysis.Fft;
using Heard.Analysis.Triangulation;
using Heard.Data;
using Heard.Web.Features.Fft;
using Heard.Web.Features.Quality;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.StaffExperience;

/// <summary>A staff measure's value in one month: for a unit its own value, for the trust the mean of the units reporting.</summary>
public sealed record StaffValue(double Value, int Units);

/// <summary>One month: patients' FFT beside each staff measure.</summary>
public sealed record StaffMonth(int Month, long Responses, double? PercentPositive, IReadOnlyDictionary<string, StaffValue> Staff)
{
    public int? WholePositive => PercentPositive is double p ? (int)Math.Round(p, MidpointRounding.AwayFromZero) : null;
}

/// <summary>A unit over the whole period: pooled FFT, and each staff measure's latest value and the month it is for.</summary>
public sealed record StaffUnit(int UnitId, string Name, long Responses, double? PercentPositive,
    IReadOnlyDictionary<string, (double Value, int Month)> Latest, IReadOnlyDictionary<string, double> Mean);

/// <summary>Across the units: how the unit's mean of a staff measure ranks against its FFT % positive.</summary>
public sealed record StaffAcross(QualityMeasureDefinition Measure, Correlation WithPositive);

public sealed record StaffExperienceView(int TrustId, string TrustName, int? UnitId, string? UnitName, int FromMonth, int ToMonth,
    IReadOnlyList<int> Months, IReadOnlyList<QualityMeasureDefinition> Measures, IReadOnlyList<StaffMonth> ByMonth,
    IReadOnlyList<StaffUnit> Units, IReadOnlyList<StaffAcross> Across, IReadOnlyList<(int Id, string Name)> Trusts)
{
    public bool HasStaffValues => ByMonth.Any(m => m.Staff.Count > 0);
}

/// <summary>
/// Staff survey and staff FFT beside patients' FFT, for a trust's units in the caller's scope or for one unit. The staff
/// figures are the quality measures imported per unit and month (migration 0010); patient figures come from fft_monthly.
/// </summary>
public static class StaffExperienceQuery
{
    /// <summary>The staff measures, in the order shown; "patient feedback is used" first, as the NHS Mandate goal.</summary>
    public static readonly string[] MeasureKeys = ["staff_survey_feedback_used", "staff_fft_care", "staff_fft_work"];

    public static async Task<StaffExperienceView?> BuildAsync(HeardDbContext db, HashSet<int>? scope, int? trustId, int? unitId,
        int from, int to, CancellationToken ct)
    {
        var units = (await db.Units.AsNoTracking().Select(u => new { u.Id, u.Name, u.TrustId }).ToListAsync(ct))
            .Where(u => scope is null || scope.Contains(u.Id)).ToList();
        var trusts = (await db.Trusts.AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(ct))
            .Where(t => units.Any(u => u.TrustId == t.Id)).Select(t => (t.Id, t.Name)).ToList();
        if (trusts.Count == 0) return null;
        var unit = unitId is int uid ? units.FirstOrDefault(u => u.Id == uid) : null;
        if (unitId is not null && unit is null) return null;
        var trust = unit?.TrustId ?? trustId ?? trusts[0].Id;
        if (trusts.All(t => t.Id != trust)) return null;

        var slice = units.Where(u => u.TrustId == trust && (unit is null || u.Id == unit.Id)).ToList();
        var ids = slice.Select(u => u.Id).ToList();
        var months = QualityQuery.MonthsBetween(from, to);
        var measures = (await QualityQuery.MeasuresAsync(db, ct)).Where(m => MeasureKeys.Contains(m.Key))
            .OrderBy(m => Array.IndexOf(MeasureKeys, m.Key)).ToList();
        var keys = measures.Select(m => m.Key).ToList();

        var fft = await db.FftMonthly.AsNoTracking().Where(m => ids.Contains(m.UnitId) && m.Month >= from && m.Month <= to).ToListAsync(ct);
        var values = await db.QualityValues.AsNoTracking()
            .Where(v => ids.Contains(v.UnitId) && v.Month >= from && v.Month <= to && v.SupersededAt == null)
            .Join(db.QualityMeasures.AsNoTracking().Where(m => keys.Contains(m.Key)), v => v.QualityMeasureId, m => m.Id,
                (v, m) => new { v.UnitId, v.Month, m.Key, v.Value })
            .ToListAsync(ct);

        var byMonth = months.Select(month =>
        {
            var counts = FftCounts.Sum(fft.Where(r => r.Month == month).Select(FftReturnQuery.ToCounts));
            var staff = values.Where(v => v.Month == month).GroupBy(v => v.Key)
                .ToDictionary(g => g.Key, g => new StaffValue(g.Average(v => v.Value), g.Count()), StringComparer.Ordinal);
            return new StaffMonth(month, counts.Total, counts.PercentagePositive, staff);
        }).ToList();

        var rows = slice.OrderBy(u => u.Name, StringComparer.OrdinalIgnoreCase).Select(u =>
        {
            var counts = FftCounts.Sum(fft.Where(r => r.UnitId == u.Id).Select(FftReturnQuery.ToCounts));
            var mine = values.Where(v => v.UnitId == u.Id).ToList();
            return new StaffUnit(u.Id, u.Name, counts.Total, counts.PercentagePositive,
                mine.GroupBy(v => v.Key).ToDictionary(g => g.Key, g => g.OrderBy(v => v.Month).Select(v => (v.Value, v.Month)).Last(), StringComparer.Ordinal),
                mine.GroupBy(v => v.Key).ToDictionary(g => g.Key, g => g.Average(v => v.Value), StringComparer.Ordinal));
        }).ToList();

        // For one unit, pairs are its months; across a trust, its units (each with enough responses for a steady percentage).
        var across = measures.Select(m => new StaffAcross(m, unit is not null
            ? RankCorrelation.Spearman(byMonth.Select(b => (b.Staff.TryGetValue(m.Key, out var s) ? (double?)s.Value : null, b.Responses > 0 ? b.PercentPositive : null)).ToList())
            : RankCorrelation.Spearman(rows.Select(r => (r.Mean.TryGetValue(m.Key, out var v) ? (double?)v : null,
                r.Responses >= QualityQuery.MinimumResponses ? r.PercentPositive : null)).ToList()))).ToList();

        return new StaffExperienceView(trust, trusts.First(t => t.Id == trust).Name, unit?.Id, unit?.Name, from, to, months, measures,
            byMonth, rows, across, trusts);
    }
}
