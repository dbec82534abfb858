using System.Globalization;
using Heard.Analysis.Spc;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Features.Dashboard;
using Heard.Web.Features.Themes;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Spc;

/// <summary>Which chart: a trust, division or unit, a metric (and theme), XmR or p-chart, an optional target.</summary>
public sealed record SpcFilter(int? TrustId, int? DivisionId, int? UnitId, string Metric, string? Theme, bool PChart, double? Target)
{
    public string Level => UnitId is not null ? "unit" : DivisionId is not null ? "division" : "trust";
}

/// <summary>One month's figure; numerator and denominator for shares (a p-chart needs them).</summary>
public sealed record SpcMonth(int Month, double Value, long? Numerator, long? Denominator);

public sealed record SpcChangePointView(long Id, DateOnly EffectiveOn, string Note, string CreatedBy, int? StartsAtMonth);

public sealed record SpcView(
    string Title, string Level, SpcFilter Filter, SpcMetric Metric, string TrustName, IReadOnlyList<Crumb> Breadcrumbs,
    IReadOnlyList<SpcMonth> Months, SpcChart Chart, double Scale, IReadOnlyList<SpcChangePointView> ChangePoints,
    IReadOnlyList<Choice> Trusts, IReadOnlyList<Choice> Divisions, IReadOnlyList<Choice> Units, IReadOnlyList<string> Themes);

/// <summary>
/// Monthly series for a trust, division or unit, read from the monthly caches (<c>fft_monthly</c>, <c>source_monthly</c>,
/// <c>theme_monthly</c>, <c>coded_monthly</c>; mean sentiment reads coded comments' sentiment), evaluated as an SPC chart
/// with the chart's change points. Always the 36 months to the latest month with feedback in the trust, starting no
/// earlier than the trust's first month with feedback.
/// </summary>
/// <remarks>
/// As on the Themes page, a trust or division is the part of it the user can see, and divisions are units' current
/// divisions. Months with nothing to divide by (no FFT answers, no eligible count, no coded comments) have no point;
/// counts have a point (perhaps 0) for every month from the trust's first.
/// </remarks>
public static class SpcQuery
{
    public const int MonthsShown = 36;

    private sealed record UnitRow(int Id, string Name, int TrustId, int? DivisionId);

    public static async Task<SpcView?> LoadAsync(HeardDbContext db, SpcFilter filter, HashSet<int>? scope, CancellationToken ct = default)
    {
        var metric = SpcMetrics.Find(filter.Metric) ?? SpcMetrics.All[0];
        var units = (await db.Units.AsNoTracking().Select(u => new UnitRow(u.Id, u.Name, u.TrustId, u.DivisionId)).ToListAsync(ct))
            .Where(u => scope is null || scope.Contains(u.Id)).ToList();
        var trusts = (await db.Trusts.AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(ct))
            .Where(t => units.Any(u => u.TrustId == t.Id)).Select(t => new Choice(t.Id, t.Name)).ToList();
        if (trusts.Count == 0) return null;
        var trustId = filter.TrustId ?? (filter.UnitId is int uid ? units.FirstOrDefault(u => u.Id == uid)?.TrustId : null)
            ?? (filter.DivisionId is int did ? units.FirstOrDefault(u => u.DivisionId == did)?.TrustId : null) ?? trusts[0].Id;
        var trust = trusts.FirstOrDefault(t => t.Id == trustId);
        if (trust is null) return null;
        var trustUnits = units.Where(u => u.TrustId == trustId).ToList();
        var f = filter with { TrustId = trustId, DivisionId = filter.UnitId is null ? filter.DivisionId : null, Metric = metric.Key,
            Theme = metric.NeedsTheme ? filter.Theme : null, PChart = filter.PChart && metric.HasPChart };
        var here = trustUnits.Where(u => (f.UnitId is null || u.Id == f.UnitId) && (f.DivisionId is null || u.DivisionId == f.DivisionId))
            .Select(u => u.Id).ToList();
        if (here.Count == 0) return null;
        var divisions = await db.Divisions.AsNoTracking().Where(d => d.TrustId == trustId).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        // An administrator looking at a whole trust sees every unit: leave the unit list out of the SQL.
        var unitFilter = scope is null && f.Level == "trust" ? null : here;

        var themes = metric.NeedsTheme
            ? await db.ThemeMonthly.AsNoTracking().Where(t => t.TrustId == trustId).Select(t => t.Label).Distinct().OrderBy(l => l).ToListAsync(ct)
            : [];
        if (metric.NeedsTheme && (f.Theme is null || !themes.Contains(f.Theme))) f = f with { Theme = themes.FirstOrDefault() };

        var (from, to) = await RangeAsync(db, trustId, ct);
        var months = metric.Key switch
        {
            SpcMetrics.FftPositive or SpcMetrics.FftNegative => await FftSharesAsync(db, trustId, unitFilter, from, to, metric.Key == SpcMetrics.FftPositive, ct),
            SpcMetrics.FftResponseRate => await ResponseRatesAsync(db, trustId, unitFilter, f.Level == "trust", from, to, ct),
            SpcMetrics.Complaints => await CountsAsync(db, trustId, unitFilter, FeedbackSources.Complaint, from, to, ct),
            SpcMetrics.Pals => await CountsAsync(db, trustId, unitFilter, FeedbackSources.Pals, from, to, ct),
            SpcMetrics.ThemeShare => f.Theme is null ? [] : await ThemeSharesAsync(db, trustId, unitFilter, f.Theme, from, to, ct),
            _ => await SentimentAsync(db, trustId, unitFilter, from, to, ct),
        };

        var stored = await db.SpcChangePoints.AsNoTracking()
            .Where(c => c.TrustId == trustId && c.Metric == metric.Key && c.Theme == (f.Theme ?? "") && c.UnitId == f.UnitId && c.DivisionId == f.DivisionId)
            .OrderBy(c => c.EffectiveOn).ThenBy(c => c.Id).ToListAsync(ct);
        var changePoints = stored.Select(c =>
        {
            var index = months.FindIndex(m => DashboardFilter.StartOf(m.Month) >= c.EffectiveOn);
            return new SpcChangePointView(c.Id, c.EffectiveOn, c.Note, c.CreatedBy, index > 0 ? months[index].Month : null);
        }).ToList();
        var options = new SpcOptions
        {
            Improvement = metric.Improvement,
            RebaseAt = stored.Select(c => months.FindIndex(m => DashboardFilter.StartOf(m.Month) >= c.EffectiveOn)).Where(i => i > 0).ToList(),
        };
        SpcChart chart;
        double scale;
        if (f.PChart)
        {
            // Evaluated on the counts, shown as percentages like the XmR chart of the same share.
            var usable = months.Where(m => m.Denominator > 0 && m.Numerator <= m.Denominator).ToList();
            if (usable.Count != months.Count)
            {
                months = usable;
                options = options with { RebaseAt = stored.Select(c => months.FindIndex(m => DashboardFilter.StartOf(m.Month) >= c.EffectiveOn)).Where(i => i > 0).ToList() };
            }
            chart = PChart.Evaluate(months.Select(m => m.Numerator!.Value).ToArray(), months.Select(m => m.Denominator!.Value).ToArray(),
                options with { Target = f.Target / 100 });
            scale = 100;
        }
        else
        {
            chart = XmrChart.Evaluate(months.Select(m => m.Value).ToArray(), options with { Target = f.Target });
            scale = 1;
        }

        var unit = f.UnitId is int u2 ? trustUnits.First(u => u.Id == u2) : null;
        var title = unit?.Name ?? (f.DivisionId is int d ? divisions.GetValueOrDefault(d, "Division") : trust.Name);
        var crumbs = new List<Crumb> { new(trust.Name, Link(f with { DivisionId = null, UnitId = null })) };
        if (unit?.DivisionId is int ud && divisions.TryGetValue(ud, out var dn)) crumbs.Add(new(dn, Link(f with { DivisionId = ud, UnitId = null })));
        return new SpcView(title, f.Level, f, metric, trust.Name, f.Level == "trust" ? [] : crumbs, months, chart, scale, changePoints, trusts,
            divisions.Where(kv => trustUnits.Any(u => u.DivisionId == kv.Key)).OrderBy(kv => kv.Value).Select(kv => new Choice(kv.Key, kv.Value)).ToList(),
            trustUnits.OrderBy(u => u.Name).Select(u => new Choice(u.Id, u.Name)).ToList(), themes);
    }

    /// <summary>The trust's first month with feedback within the 36 months to its latest.</summary>
    private static async Task<(int From, int To)> RangeAsync(HeardDbContext db, int trustId, CancellationToken ct)
    {
        var fft = await db.FftMonthly.AsNoTracking().Where(m => m.TrustId == trustId).Select(m => m.Month).Distinct().ToListAsync(ct);
        var other = await db.SourceMonthly.AsNoTracking().Where(m => m.TrustId == trustId).Select(m => m.Month).Distinct().ToListAsync(ct);
        var all = fft.Concat(other).ToList();
        var to = all.Count == 0 ? DashboardFilter.MonthOf(DateOnly.FromDateTime(DateTime.UtcNow)) : all.Max();
        var earliest = DashboardFilter.MonthOf(DashboardFilter.StartOf(to).AddMonths(1 - MonthsShown));
        var first = all.Where(m => m >= earliest).DefaultIfEmpty(to).Min();
        return (first, to);
    }

    private static IEnumerable<int> MonthsBetween(int from, int to)
    {
        for (var d = DashboardFilter.StartOf(from); d <= DashboardFilter.StartOf(to); d = d.AddMonths(1)) yield return DashboardFilter.MonthOf(d);
    }

    private static async Task<List<SpcMonth>> FftSharesAsync(HeardDbContext db, int trustId, List<int>? units, int from, int to, bool positive, CancellationToken ct)
    {
        var q = db.FftMonthly.AsNoTracking().Where(m => m.TrustId == trustId && m.Month >= from && m.Month <= to);
        if (units is not null) q = q.Where(m => units.Contains(m.UnitId));
        var rows = await q.GroupBy(m => m.Month).Select(g => new
        {
            Month = g.Key,
            Positive = g.Sum(m => m.VeryGood + m.Good),
            Negative = g.Sum(m => m.Poor + m.VeryPoor),
            Total = g.Sum(m => m.VeryGood + m.Good + m.Neither + m.Poor + m.VeryPoor + m.DontKnow),
        }).ToListAsync(ct);
        return rows.Where(r => r.Total > 0).OrderBy(r => r.Month).Select(r =>
        {
            var n = positive ? r.Positive : r.Negative;
            return new SpcMonth(r.Month, 100.0 * n / r.Total, n, r.Total);
        }).ToList();
    }

    /// <summary>
    /// Responses over eligible patients, matching unit-level eligible counts by unit, month and setting as the dashboard
    /// does; a whole trust with no unit-level counts in a month falls back to its trust-level count.
    /// </summary>
    private static async Task<List<SpcMonth>> ResponseRatesAsync(HeardDbContext db, int trustId, List<int>? units, bool wholeTrust, int from, int to, CancellationToken ct)
    {
        var q = db.FftMonthly.AsNoTracking().Where(m => m.TrustId == trustId && m.Month >= from && m.Month <= to);
        if (units is not null) q = q.Where(m => units.Contains(m.UnitId));
        var responses = await q.Select(m => new { m.UnitId, m.Month, m.Setting, Total = m.VeryGood + m.Good + m.Neither + m.Poor + m.VeryPoor + m.DontKnow })
            .ToListAsync(ct);
        var eligible = await db.EligibleCounts.AsNoTracking().Where(e => e.TrustId == trustId && e.Month >= from && e.Month <= to).ToListAsync(ct);
        var byUnit = eligible.Where(e => e.UnitId is not null).GroupBy(e => (e.UnitId!.Value, e.Month, e.Setting)).ToDictionary(g => g.Key, g => g.Sum(e => e.Count));
        var result = new List<SpcMonth>();
        foreach (var month in MonthsBetween(from, to))
        {
            long answered = 0, eligibleSum = 0;
            foreach (var r in responses.Where(r => r.Month == month))
            {
                if (byUnit.TryGetValue((r.UnitId, r.Month, r.Setting), out var e)) { answered += r.Total; eligibleSum += e; }
            }
            if (eligibleSum == 0 && wholeTrust)
            {
                eligibleSum = eligible.Where(e => e.Month == month && e.SiteId is null && e.UnitId is null).Sum(e => e.Count);
                answered = responses.Where(r => r.Month == month).Sum(r => r.Total);
            }
            if (eligibleSum > 0) result.Add(new SpcMonth(month, 100.0 * answered / eligibleSum, answered, eligibleSum));
        }
        return result;
    }

    private static async Task<List<SpcMonth>> CountsAsync(HeardDbContext db, int trustId, List<int>? units, string source, int from, int to, CancellationToken ct)
    {
        var q = db.SourceMonthly.AsNoTracking().Where(m => m.TrustId == trustId && m.Source == source && m.Month >= from && m.Month <= to);
        if (units is not null) q = q.Where(m => units.Contains(m.UnitId));
        var counts = await q.GroupBy(m => m.Month).Select(g => new { Month = g.Key, Records = g.Sum(m => m.Records) }).ToDictionaryAsync(x => x.Month, x => x.Records, ct);
        return MonthsBetween(from, to).Select(m => new SpcMonth(m, counts.GetValueOrDefault(m), null, null)).ToList();
    }

    private static async Task<List<SpcMonth>> ThemeSharesAsync(HeardDbContext db, int trustId, List<int>? units, string theme, int from, int to, CancellationToken ct)
    {
        var themeRows = db.ThemeMonthly.AsNoTracking().Where(t => t.TrustId == trustId && t.Label == theme && t.Month >= from && t.Month <= to);
        var codedRows = db.CodedMonthly.AsNoTracking().Where(t => t.TrustId == trustId && t.Month >= from && t.Month <= to);
        if (units is not null)
        {
            themeRows = themeRows.Where(t => units.Contains(t.UnitId));
            codedRows = codedRows.Where(t => units.Contains(t.UnitId));
        }
        var onTheme = await themeRows.GroupBy(t => t.Month).Select(g => new { Month = g.Key, Comments = g.Sum(t => t.Comments) }).ToDictionaryAsync(x => x.Month, x => x.Comments, ct);
        var coded = await codedRows.GroupBy(t => t.Month).Select(g => new { Month = g.Key, Coded = g.Sum(t => t.Coded) }).ToListAsync(ct);
        return coded.Where(c => c.Coded > 0).OrderBy(c => c.Month).Select(c =>
        {
            var n = Math.Min(onTheme.GetValueOrDefault(c.Month), c.Coded);
            return new SpcMonth(c.Month, 100.0 * n / c.Coded, n, c.Coded);
        }).ToList();
    }

    /// <summary>Mean sentiment of every coded comment (once each, whatever its themes), so it reads the answers themselves.</summary>
    private static async Task<List<SpcMonth>> SentimentAsync(HeardDbContext db, int trustId, List<int>? units, int from, int to, CancellationToken ct)
    {
        var fromDate = DashboardFilter.StartOf(from);
        var toDate = DashboardFilter.StartOf(to).AddMonths(1);
        var q = db.Feedback.AsNoTracking().Where(r => r.TrustId == trustId && r.ReceivedOn >= fromDate && r.ReceivedOn < toDate);
        if (units is not null) q = q.Where(r => units.Contains(r.UnitId));
        var rows = await q.Join(db.FeedbackAnswers.Where(a => a.Sentiment != null), r => r.Id, a => a.FeedbackRecordId, (r, a) => new { r.Month, Sentiment = a.Sentiment!.Value })
            .GroupBy(x => x.Month).Select(g => new { Month = g.Key, Count = g.Count(), Sum = g.Sum(x => x.Sentiment) }).ToListAsync(ct);
        return rows.Where(r => r.Count > 0).OrderBy(r => r.Month).Select(r => new SpcMonth(r.Month, (double)r.Sum / r.Count, null, null)).ToList();
    }

    public static string Link(SpcFilter f)
    {
        var q = new List<string>();
        if (f.TrustId is int t) q.Add($"trust={t}");
        if (f.DivisionId is int d) q.Add($"division={d}");
        if (f.UnitId is int u) q.Add($"unit={u}");
        q.Add($"metric={Uri.EscapeDataString(f.Metric)}");
        if (f.Theme is not null) q.Add($"theme={Uri.EscapeDataString(f.Theme)}");
        if (f.PChart) q.Add("chart=p");
        if (f.Target is double target) q.Add($"target={target.ToString(CultureInfo.InvariantCulture)}");
        return "/Spc?" + string.Join("&", q);
    }
}
