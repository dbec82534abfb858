using Heard.Analysis.Fft;
using Heard.Analysis.Text;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Features.Fft;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Dashboard;

public sealed record DashboardFilter(int? TrustId, int? DivisionId, int? UnitId, int FromMonth, int ToMonth, string? Setting, string? Source)
{
    public static int MonthOf(DateOnly d) => d.Year * 100 + d.Month;
    public static DateOnly StartOf(int month) => new(month / 100, month % 100, 1);
    public static string Label(int month) => StartOf(month).ToString("MMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
    public IEnumerable<int> Months()
    {
        for (var d = StartOf(FromMonth); MonthOf(d) <= ToMonth; d = d.AddMonths(1)) yield return MonthOf(d);
    }
    public bool IncludesFft => Source is null or FeedbackSources.Fft;
}

/// <summary>FFT figures for any slice: counts, published percentages, and response rate where eligible counts exist.</summary>
public sealed record FftFigures(FftCounts Counts, long ResponsesWithEligible, long Eligible)
{
    public long Responses => Counts.Total;
    public long NoRating => Counts.NoRating;
    public int? PercentPositive => Counts.WholePercentagePositive;
    public int? PercentNegative => Counts.WholePercentageNegative;
    public double? ResponseRate => Eligible > 0 ? (double)ResponsesWithEligible / Eligible : null;
    public static FftFigures Empty => new(new FftCounts(), 0, 0);
}

public sealed record DashboardRow(string Name, string? Href, FftFigures Figures, long OtherFeedback, string? Note = null);
public sealed record TrendPoint(int Month, FftFigures Figures, long OtherFeedback);
public sealed record LatestComment(long FeedbackId, DateOnly Date, string UnitName, string Source, int? Answer, string Question, string Text);
public sealed record Crumb(string Name, string Href);

public sealed record DashboardView(
    string Title, string Level, IReadOnlyList<Crumb> Breadcrumbs, FftFigures Headline, IReadOnlyList<DashboardRow> Children,
    IReadOnlyList<TrendPoint> Trend, IReadOnlyList<LatestComment> Comments, IReadOnlyDictionary<string, long> OtherSources,
    bool CommentsRedacted, bool CommentsHidden, IReadOnlyList<(int Id, string Name)> Trusts);

/// <summary>
/// The dashboard: trust, division and ward views over the monthly aggregates, so it costs the same for five
/// thousand responses as for five million. A unit counts under the division it belonged to in each month.
/// </summary>
public static class DashboardQuery
{
    public static async Task<DashboardView?> LoadAsync(HeardDbContext db, DashboardFilter f, HashSet<int>? scope,
        bool canReadComments, bool canReadIdentifiable, CancellationToken ct = default)
    {
        var trusts = await db.Trusts.AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.Id, t.Name, t.OdsCode }).ToListAsync(ct);
        var unitsQuery = db.Units.AsNoTracking();
        var allUnits = await unitsQuery.Select(u => new { u.Id, u.Name, u.TrustId, u.DivisionId, u.SiteId }).ToListAsync(ct);
        var units = allUnits.Where(u => scope is null || scope.Contains(u.Id)).ToDictionary(u => u.Id);
        var visibleTrusts = trusts.Where(t => units.Values.Any(u => u.TrustId == t.Id)).ToList();
        if (visibleTrusts.Count == 0) return null;

        var trustId = f.TrustId ?? (f.UnitId is int uid && units.TryGetValue(uid, out var uu) ? uu.TrustId : visibleTrusts[0].Id);
        if (visibleTrusts.All(t => t.Id != trustId)) return null;
        var trust = visibleTrusts.First(t => t.Id == trustId);
        f = f with { TrustId = trustId };
        if (f.UnitId is int unitId && (!units.TryGetValue(unitId, out var theUnit) || theUnit.TrustId != trustId)) return null;

        var divisions = await db.Divisions.AsNoTracking().Where(d => d.TrustId == trustId).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var versions = (await db.UnitVersions.AsNoTracking().Join(db.Units, v => v.UnitId, u => u.Id, (v, u) => new { v, u.TrustId })
                .Where(x => x.TrustId == trustId).Select(x => x.v).ToListAsync(ct))
            .GroupBy(v => v.UnitId).ToDictionary(g => g.Key, g => g.OrderBy(v => v.ValidFrom).ToList());
        int? DivisionAt(int unit, int month)
        {
            var start = DashboardFilter.StartOf(month);
            if (versions.TryGetValue(unit, out var vs))
            {
                var v = vs.LastOrDefault(v => v.ValidFrom <= start.AddMonths(1).AddDays(-1) && (v.ValidTo is null || v.ValidTo > start));
                if (v is not null) return v.DivisionId;
            }
            return units.TryGetValue(unit, out var u) ? u.DivisionId : null;
        }
        bool InSlice(int unit, int month) =>
            units.ContainsKey(unit) && units[unit].TrustId == trustId &&
            (f.UnitId is null || unit == f.UnitId) &&
            (f.DivisionId is null || DivisionAt(unit, month) == f.DivisionId);

        var monthly = f.IncludesFft
            ? (await db.FftMonthly.AsNoTracking()
                .Where(m => m.TrustId == trustId && m.Month >= f.FromMonth && m.Month <= f.ToMonth && (f.Setting == null || m.Setting == f.Setting))
                .ToListAsync(ct)).Where(m => InSlice(m.UnitId, m.Month)).ToList()
            : [];
        var eligible = await db.EligibleCounts.AsNoTracking()
            .Where(e => e.TrustId == trustId && e.Month >= f.FromMonth && e.Month <= f.ToMonth && (f.Setting == null || e.Setting == f.Setting))
            .ToListAsync(ct);
        var unitEligible = eligible.Where(e => e.UnitId is not null)
            .GroupBy(e => (e.UnitId!.Value, e.Month, e.Setting)).ToDictionary(g => g.Key, g => g.Sum(e => e.Count));
        var others = (await db.SourceMonthly.AsNoTracking()
                .Where(s => s.TrustId == trustId && s.Month >= f.FromMonth && s.Month <= f.ToMonth && (f.Source == null || s.Source == f.Source))
                .ToListAsync(ct)).Where(s => s.Source != FeedbackSources.Fft && InSlice(s.UnitId, s.Month)).ToList();

        FftFigures Figures(IEnumerable<FftMonthly> rows)
        {
            var counts = new FftCounts();
            long withEligible = 0, eligibleSum = 0;
            foreach (var r in rows)
            {
                var c = FftReturnQuery.ToCounts(r);
                counts.Add(c);
                if (unitEligible.TryGetValue((r.UnitId, r.Month, r.Setting), out var e)) { withEligible += c.Total; eligibleSum += e; }
            }
            return new FftFigures(counts, withEligible, eligibleSum);
        }

        var headline = Figures(monthly);
        // Only trust-level eligible counts exist for some settings (e.g. A&E); use them for the trust headline.
        // Only for someone who sees the whole trust: a trust-level count is no denominator for some of its units.
        if (headline.Eligible == 0 && f.DivisionId is null && f.UnitId is null && allUnits.Where(u => u.TrustId == trustId).All(u => units.ContainsKey(u.Id)))
        {
            var trustLevel = eligible.Where(e => e.SiteId is null && e.UnitId is null).Sum(e => e.Count);
            if (trustLevel > 0) headline = headline with { ResponsesWithEligible = headline.Responses, Eligible = trustLevel };
        }

        string level;
        string title;
        var crumbs = new List<Crumb> { new(trust.Name, Link(f with { DivisionId = null, UnitId = null })) };
        List<DashboardRow> children;
        if (f.UnitId is int u2)
        {
            level = "unit";
            title = units[u2].Name;
            var div = units[u2].DivisionId;
            if (div is int d && divisions.TryGetValue(d, out var dn)) crumbs.Add(new(dn, Link(f with { DivisionId = d, UnitId = null })));
            children = [];
        }
        else if (f.DivisionId is int d2)
        {
            level = "division";
            title = divisions.TryGetValue(d2, out var dn) ? dn : "Division";
            children = monthly.GroupBy(m => m.UnitId)
                .Select(g => new DashboardRow(units[g.Key].Name, Link(f with { UnitId = g.Key }), Figures(g), others.Where(o => o.UnitId == g.Key).Sum(o => o.Records)))
                .OrderBy(r => r.Name).ToList();
            AddQuietUnits(children, units.Values.Where(x => x.TrustId == trustId && x.DivisionId == d2).Select(x => (x.Id, x.Name)));
        }
        else
        {
            level = "trust";
            title = trust.Name;
            children = monthly.GroupBy(m => DivisionAt(m.UnitId, m.Month))
                .Select(g => new DashboardRow(g.Key is int k && divisions.TryGetValue(k, out var n) ? n : "Units without a division",
                    g.Key is int k2 ? Link(f with { DivisionId = k2 }) : null, Figures(g),
                    others.Where(o => DivisionAt(o.UnitId, o.Month) == g.Key).Sum(o => o.Records)))
                .OrderBy(r => r.Name).ToList();
        }
        void AddQuietUnits(List<DashboardRow> rows, IEnumerable<(int Id, string Name)> all)
        {
            foreach (var (id, name) in all)
                if (rows.All(r => r.Href != Link(f with { UnitId = id })))
                    rows.Add(new DashboardRow(name, Link(f with { UnitId = id }), FftFigures.Empty, others.Where(o => o.UnitId == id).Sum(o => o.Records), "No FFT responses in this period"));
            rows.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        }

        var trend = f.Months().Select(m => new TrendPoint(m, Figures(monthly.Where(r => r.Month == m)), others.Where(o => o.Month == m).Sum(o => o.Records))).ToList();
        var otherSources = others.GroupBy(o => o.Source).ToDictionary(g => g.Key, g => g.Sum(o => o.Records));

        var comments = new List<LatestComment>();
        if (canReadComments)
        {
            var sliceUnits = units.Values.Where(x => x.TrustId == trustId && (f.UnitId is null || x.Id == f.UnitId)
                && (f.DivisionId is null || x.DivisionId == f.DivisionId)).Select(x => x.Id).ToList();
            // The aggregates say which months hold comments. Reading month by month, newest first, bounds each scan to
            // one month; one query over the whole range read every response in it when the slice had few comments.
            var months = monthly.Where(m => m.Comments > 0).Select(m => m.Month).Concat(others.Select(o => o.Month))
                .Distinct().OrderByDescending(m => m);
            foreach (var month in months)
            {
                var from = DashboardFilter.StartOf(month);
                var to = from.AddMonths(1);
                var rows = await db.Feedback.AsNoTracking()
                    .Where(r => r.TrustId == trustId && sliceUnits.Contains(r.UnitId) && r.ReceivedOn >= from && r.ReceivedOn < to
                        && (f.Source == null || r.Source == f.Source) && (f.Setting == null || r.Setting == f.Setting || r.Source != FeedbackSources.Fft))
                    .Join(db.FeedbackAnswers.Where(a => a.Text != null), r => r.Id, a => a.FeedbackRecordId,
                        (r, a) => new { r.ReceivedOn, r.Id, r.UnitId, r.Source, r.FftAnswer, a.QuestionKey, a.Text })
                    .OrderByDescending(x => x.ReceivedOn).ThenByDescending(x => x.Id).Take(10 - comments.Count).ToListAsync(ct);
                comments.AddRange(rows.Select(x => new LatestComment(x.Id, x.ReceivedOn, units[x.UnitId].Name, x.Source, x.FftAnswer, x.QuestionKey,
                    canReadIdentifiable ? x.Text! : Redactor.Redact(x.Text))));
                if (comments.Count >= 10) break;
            }
        }

        return new DashboardView(title, level, crumbs, headline, children, trend, comments, otherSources,
            !canReadIdentifiable, !canReadComments, visibleTrusts.Select(t => (t.Id, t.Name)).ToList());
    }

    public static string Link(DashboardFilter f) => "/?" + Query(f);

    /// <summary>A slice as a query string (trust, division, unit, from, to, setting, source), for any page that takes one.</summary>
    public static string Query(DashboardFilter f)
    {
        var q = new List<string>();
        if (f.TrustId is int t) q.Add($"trust={t}");
        if (f.DivisionId is int d) q.Add($"division={d}");
        if (f.UnitId is int u) q.Add($"unit={u}");
        q.Add($"from={DashboardFilter.StartOf(f.FromMonth):yyyy-MM}");
        q.Add($"to={DashboardFilter.StartOf(f.ToMonth):yyyy-MM}");
        if (f.Setting is not null) q.Add($"setting={Uri.EscapeDataString(f.Setting)}");
        if (f.Source is not null) q.Add($"source={Uri.EscapeDataString(f.Source)}");
        return string.Join('&', q);
    }
}
