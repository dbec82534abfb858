using System.Globalization;
using Heard.Analysis.Fft;
using Heard.Analysis.Triangulation;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Features.Dashboard;
using Heard.Web.Features.Fft;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Quality;

/// <summary>Patient experience for one unit and month: FFT counts over every setting, and complaints.</summary>
public sealed record ExperienceMonth(int Month, long Responses, double? PercentPositive, double? PercentNegative, long Complaints)
{
    public int? WholePositive => PercentPositive is double p ? (int)Math.Round(p, MidpointRounding.AwayFromZero) : null;
    public int? WholeNegative => PercentNegative is double p ? (int)Math.Round(p, MidpointRounding.AwayFromZero) : null;
}

public sealed record MeasureSeries(QualityMeasureDefinition Measure, IReadOnlyList<double?> Values, Correlation WithPositive)
{
    public bool HasData => Values.Any(v => v is not null);
}

public sealed record UnitQualityView(int UnitId, string UnitName, string UnitCode, string? SiteName, string? DivisionName, int TrustId,
    int FromMonth, int ToMonth, IReadOnlyList<int> Months, IReadOnlyList<ExperienceMonth> Experience, IReadOnlyList<MeasureSeries> Measures);

public sealed record UnitAcross(int UnitId, string Name, long Responses, double? PercentPositive, IReadOnlyDictionary<string, double> MeanByMeasure);

public sealed record MeasureAcross(QualityMeasureDefinition Measure, int UnitsWithValues, Correlation WithPositive);

public sealed record CrossUnitView(int TrustId, string TrustName, int? DivisionId, string? DivisionName, int FromMonth, int ToMonth,
    IReadOnlyList<MeasureAcross> Measures, IReadOnlyList<UnitAcross> Units, IReadOnlyList<(int Id, string Name)> Trusts,
    IReadOnlyList<(int Id, string Name)> Divisions);

/// <summary>
/// Quality measures beside patient experience. Reads the monthly caches (fft_monthly, source_monthly) and the current
/// quality values only; correlations come from the pure analysis code.
/// </summary>
public static class QualityQuery
{
    /// <summary>A unit's FFT percentage over fewer responses than this swings too much to rank it against others.</summary>
    public const int MinimumResponses = 20;
    public const int MaxMonths = 36;

    public static async Task<List<QualityMeasureDefinition>> MeasuresAsync(HeardDbContext db, CancellationToken ct) =>
        await db.QualityMeasures.AsNoTracking().OrderBy(m => m.SortOrder).ThenBy(m => m.Key)
            .Select(m => new QualityMeasureDefinition(m.Key, m.Name, m.UnitOfMeasure, m.ImprovementDirection, m.Minimum, m.Maximum, m.Description))
            .ToListAsync(ct);

    /// <summary>Parses yyyy-mm months; without them, the 12 months to the latest with any figures for the units given.</summary>
    public static async Task<(int From, int To, Dictionary<string, string> Errors)> PeriodAsync(HeardDbContext db, IReadOnlyCollection<int> units,
        string? from, string? to, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var latest = new[]
        {
            await db.FftMonthly.AsNoTracking().Where(m => units.Contains(m.UnitId)).MaxAsync(m => (int?)m.Month, ct),
            await db.QualityValues.AsNoTracking().Where(v => units.Contains(v.UnitId) && v.SupersededAt == null).MaxAsync(v => (int?)v.Month, ct),
        }.Max() ?? DashboardFilter.MonthOf(DateOnly.FromDateTime(DateTime.UtcNow));
        int? Month(string? text, string field, string name)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return DashboardFilter.MonthOf(d);
            errors[field] = $"Enter the {name} as a year and month, for example 2026-03";
            return null;
        }
        var toMonth = Month(to, "To", "end month") ?? latest;
        var fromMonth = Month(from, "From", "start month") ?? DashboardFilter.MonthOf(DashboardFilter.StartOf(toMonth).AddMonths(-11));
        if (fromMonth > toMonth)
        {
            errors["From"] = "The start month must be on or before the end month";
            (fromMonth, toMonth) = (toMonth, fromMonth);
        }
        if (DashboardFilter.StartOf(fromMonth).AddMonths(MaxMonths) <= DashboardFilter.StartOf(toMonth))
        {
            errors["From"] = $"Choose at most {MaxMonths} months";
            fromMonth = DashboardFilter.MonthOf(DashboardFilter.StartOf(toMonth).AddMonths(-(MaxMonths - 1)));
        }
        return (fromMonth, toMonth, errors);
    }

    public static IReadOnlyList<int> MonthsBetween(int from, int to) =>
        new DashboardFilter(null, null, null, from, to, null, null).Months().ToList();

    public static async Task<UnitQualityView?> UnitAsync(HeardDbContext db, int unitId, int from, int to, CancellationToken ct)
    {
        var unit = await db.Units.AsNoTracking().Include(u => u.Site).Include(u => u.Division).FirstOrDefaultAsync(u => u.Id == unitId, ct);
        if (unit is null) return null;
        var months = MonthsBetween(from, to);
        var experience = await ExperienceAsync(db, [unitId], from, to, ct);
        var byMonth = months.Select(m => experience.GetValueOrDefault((unitId, m)) ?? new ExperienceMonth(m, 0, null, null, 0)).ToList();

        var measures = await MeasuresAsync(db, ct);
        var values = await CurrentValuesAsync(db, [unitId], from, to, ct);
        var series = measures.Select(m =>
        {
            var list = months.Select(month => values.TryGetValue((unitId, month, m.Key), out var v) ? (double?)v : null).ToList();
            var pairs = list.Zip(byMonth, (v, e) => (v, e.Responses >= 1 ? e.PercentPositive : null)).ToList();
            return new MeasureSeries(m, list, RankCorrelation.Spearman(pairs));
        }).ToList();
        return new UnitQualityView(unitId, unit.Name, unit.Code, unit.Site?.Name, unit.Division?.Name, unit.TrustId, from, to, months, byMonth, series);
    }

    public static async Task<CrossUnitView?> AcrossAsync(HeardDbContext db, HashSet<int>? scope, int? trustId, int? divisionId, int from, int to, CancellationToken ct)
    {
        var units = (await db.Units.AsNoTracking().Select(u => new { u.Id, u.Name, u.TrustId, u.DivisionId }).ToListAsync(ct))
            .Where(u => scope is null || scope.Contains(u.Id)).ToList();
        var trusts = (await db.Trusts.AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(ct))
            .Where(t => units.Any(u => u.TrustId == t.Id)).Select(t => (t.Id, t.Name)).ToList();
        if (trusts.Count == 0) return null;
        var trust = trustId ?? trusts[0].Id;
        if (trusts.All(t => t.Id != trust)) return null;
        var divisions = (await db.Divisions.AsNoTracking().Where(d => d.TrustId == trust).OrderBy(d => d.Name).Select(d => new { d.Id, d.Name }).ToListAsync(ct))
            .Where(d => units.Any(u => u.DivisionId == d.Id)).Select(d => (d.Id, d.Name)).ToList();
        if (divisionId is int div && divisions.All(d => d.Id != div)) return null;
        // A unit counts under the division it sits in now; moves within the period are not split.
        var slice = units.Where(u => u.TrustId == trust && (divisionId is null || u.DivisionId == divisionId)).ToList();
        var ids = slice.Select(u => u.Id).ToList();

        var countsByUnit = await PooledCountsAsync(db, ids, from, to, ct);
        var means = (await CurrentValuesAsync(db, ids, from, to, ct))
            .GroupBy(v => v.Key.Unit).ToDictionary(g => g.Key, g => g.GroupBy(v => v.Key.Key).ToDictionary(k => k.Key, k => k.Average(v => v.Value), StringComparer.Ordinal));
        var measures = await MeasuresAsync(db, ct);

        var rows = slice.OrderBy(u => u.Name).Select(u =>
        {
            var counts = countsByUnit.GetValueOrDefault(u.Id) ?? new FftCounts();
            return new UnitAcross(u.Id, u.Name, counts.Total, counts.PercentagePositive,
                means.GetValueOrDefault(u.Id) ?? new Dictionary<string, double>(StringComparer.Ordinal));
        }).ToList();

        var across = measures.Select(m =>
        {
            var pairs = rows.Select(r => (r.MeanByMeasure.TryGetValue(m.Key, out var v) ? (double?)v : null,
                r.Responses >= MinimumResponses ? r.PercentPositive : null)).ToList();
            return new MeasureAcross(m, rows.Count(r => r.MeanByMeasure.ContainsKey(m.Key)), RankCorrelation.Spearman(pairs));
        }).ToList();
        return new CrossUnitView(trust, trusts.First(t => t.Id == trust).Name, divisionId, divisions.FirstOrDefault(d => d.Id == divisionId).Name,
            from, to, across, rows, trusts, divisions);
    }

    private static async Task<Dictionary<int, FftCounts>> PooledCountsAsync(HeardDbContext db, List<int> units, int from, int to, CancellationToken ct)
    {
        var rows = await db.FftMonthly.AsNoTracking().Where(m => units.Contains(m.UnitId) && m.Month >= from && m.Month <= to).ToListAsync(ct);
        var result = new Dictionary<int, FftCounts>();
        foreach (var r in rows)
        {
            if (!result.TryGetValue(r.UnitId, out var c)) result[r.UnitId] = c = new FftCounts();
            c.Add(FftReturnQuery.ToCounts(r));
        }
        return result;
    }

    private static async Task<Dictionary<(int Unit, int Month), ExperienceMonth>> ExperienceAsync(HeardDbContext db, List<int> units, int from, int to, CancellationToken ct)
    {
        var fft = await db.FftMonthly.AsNoTracking().Where(m => units.Contains(m.UnitId) && m.Month >= from && m.Month <= to).ToListAsync(ct);
        var complaints = (await db.SourceMonthly.AsNoTracking()
                .Where(s => units.Contains(s.UnitId) && s.Month >= from && s.Month <= to && s.Source == FeedbackSources.Complaint)
                .ToListAsync(ct))
            .GroupBy(s => (s.UnitId, s.Month)).ToDictionary(g => g.Key, g => g.Sum(s => s.Records));
        var result = new Dictionary<(int, int), ExperienceMonth>();
        foreach (var g in fft.GroupBy(m => (m.UnitId, m.Month)))
        {
            var counts = FftCounts.Sum(g.Select(FftReturnQuery.ToCounts));
            result[g.Key] = new ExperienceMonth(g.Key.Month, counts.Total, counts.PercentagePositive, counts.PercentageNegative, complaints.GetValueOrDefault(g.Key));
        }
        foreach (var (key, n) in complaints)
            if (!result.ContainsKey(key)) result[key] = new ExperienceMonth(key.Month, 0, null, null, n);
        return result;
    }

    private static async Task<Dictionary<(int Unit, int Month, string Key), double>> CurrentValuesAsync(HeardDbContext db, List<int> units, int fromMonth, int toMonth, CancellationToken ct) =>
        await (from v in db.QualityValues.AsNoTracking()
               join m in db.QualityMeasures.AsNoTracking() on v.QualityMeasureId equals m.Id
               where units.Contains(v.UnitId) && v.Month >= fromMonth && v.Month <= toMonth && v.SupersededAt == null
               select new { v.UnitId, v.Month, m.Key, v.Value })
            .ToDictionaryAsync(x => (x.UnitId, x.Month, x.Key), x => x.Value, ct);
}
