using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Heard.Analysis.EarlyWarning;
using Heard.Analysis.Fft;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Features.Spc;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Alerts;

/// <summary>What one evaluation did: units judged, alerts raised now, and alerts it found already raised.</summary>
public sealed record EvaluationSummary(int Trusts, int Units, int Raised, int AlreadyRaised, int Month, DateTime EvaluatedAt);

/// <summary>A link to the evidence behind an alert.</summary>
public sealed record EvidenceLink(string Label, string Href);

/// <summary>
/// Evaluates every unit of every trust at the trust's latest month (the latest month with FFT answers or other
/// feedback, as on the SPC page) over the 36 months to it, reading only the monthly aggregates (<c>fft_monthly</c>,
/// <c>source_monthly</c>, <c>theme_monthly</c>) and the units' SPC change points, never the feedback itself; stores
/// each new alert with its evidence links and default owner. An alert already raised for the same unit, metric, theme
/// and month is left as it is (with whatever its owner has done to it).
/// </summary>
public static class EarlyWarningEvaluation
{
    public const int MonthsRead = 36;

    // One evaluation at a time in this process: the daily run, an import's and an administrator's may coincide.
    private static readonly SemaphoreSlim One = new(1, 1);

    public static async Task<EvaluationSummary> RunAsync(HeardDbContext db, CancellationToken ct, EarlyWarningOptions? options = null)
    {
        await One.WaitAsync(ct);
        try
        {
            var now = DateTime.UtcNow;
            int units = 0, raised = 0, already = 0, latestMonth = 0;
            var byTrust = await ReadAsync(db, ct);
            foreach (var (trustId, series) in byTrust.OrderBy(t => t.Key))
            {
                units += series.Count;
                var alerts = series.SelectMany(s => EarlyWarningRules.Evaluate(s, options)).ToList();
                var (r, a) = await StoreAsync(db, trustId, series, alerts, now, ct);
                raised += r;
                already += a;
                latestMonth = Math.Max(latestMonth, series[0].LatestMonth);
            }
            return new EvaluationSummary(byTrust.Count, units, raised, already, latestMonth, now);
        }
        finally { One.Release(); }
    }

    /// <summary>
    /// Each trust's units with any feedback in the 36 months to the trust's latest month, as monthly series. Each aggregate
    /// table is read once for every trust, by month alone: on SQLite a scan of the table is several times quicker than
    /// fetching most of its rows through the (trust, month) index, and the rows are summed here rather than by GROUP BY
    /// for the same reason (docs/performance.md). The aggregates are the only feedback read.
    /// </summary>
    public static async Task<Dictionary<int, List<UnitMonthlySeries>>> ReadAsync(HeardDbContext db, CancellationToken ct)
    {
        var latestFft = await db.FftMonthly.AsNoTracking().GroupBy(m => m.TrustId).Select(g => new { TrustId = g.Key, Month = g.Max(m => m.Month) }).ToListAsync(ct);
        var latestOther = await db.SourceMonthly.AsNoTracking().GroupBy(m => m.TrustId).Select(g => new { TrustId = g.Key, Month = g.Max(m => m.Month) }).ToListAsync(ct);
        var latest = latestFft.Concat(latestOther).GroupBy(x => x.TrustId).ToDictionary(g => g.Key, g => g.Max(x => x.Month));
        if (latest.Count == 0) return [];
        var from = Months.Add(latest.Values.Min(), 1 - MonthsRead);
        bool InWindow(int trustId, int month) => latest.TryGetValue(trustId, out var to) && month <= to && month >= Months.Add(to, 1 - MonthsRead);

        var fft = await RowsAsync(db, "SELECT trust_id, unit_id, month, very_good + good, poor + very_poor, " +
            "very_good + good + neither + poor + very_poor + dont_know FROM fft_monthly WHERE month >= @from", from,
            r => new { TrustId = r.GetInt32(0), UnitId = r.GetInt32(1), Month = r.GetInt32(2), Positive = r.GetInt64(3), Negative = r.GetInt64(4), Total = r.GetInt64(5) }, ct);
        fft.RemoveAll(r => !InWindow(r.TrustId, r.Month));
        var sources = await RowsAsync(db, "SELECT trust_id, unit_id, month, source, records FROM source_monthly " +
            $"WHERE month >= @from AND source IN ('{FeedbackSources.Complaint}', '{FeedbackSources.Pals}')", from,
            r => new { TrustId = r.GetInt32(0), UnitId = r.GetInt32(1), Month = r.GetInt32(2), Source = r.GetString(3), Records = r.GetInt64(4) }, ct);
        sources.RemoveAll(r => !InWindow(r.TrustId, r.Month));
        var labels = new Dictionary<string, string>();
        var themes = await RowsAsync(db, "SELECT trust_id, unit_id, month, label, negative FROM theme_monthly WHERE month >= @from AND negative > 0", from,
            r =>
            {
                // One string per label rather than one per row: a large trust has hundreds of thousands of rows and a few dozen labels.
                var label = r.GetString(3);
                if (!labels.TryGetValue(label, out var shared)) labels[label] = shared = label;
                return new { TrustId = r.GetInt32(0), UnitId = r.GetInt32(1), Month = r.GetInt32(2), Label = shared, Negative = r.GetInt64(4) };
            }, ct);
        themes.RemoveAll(r => !InWindow(r.TrustId, r.Month));
        var units = await db.Units.AsNoTracking().Select(u => new { u.Id, u.Name, u.TrustId }).ToDictionaryAsync(u => u.Id, ct);
        var changes = await db.SpcChangePoints.AsNoTracking().Where(c => c.UnitId != null && c.Theme == "")
            .Select(c => new { UnitId = c.UnitId!.Value, c.Metric, c.EffectiveOn }).ToListAsync(ct);
        var changesByUnit = changes.ToLookup(c => c.UnitId);

        // A unit's series starts at its first month with anything in the window: a new ward is not judged on months before it opened.
        var first = new Dictionary<int, int>();
        void Seen(int unit, int month) => first[unit] = first.TryGetValue(unit, out var m) ? Math.Min(m, month) : month;
        foreach (var r in fft) Seen(r.UnitId, r.Month);
        foreach (var r in sources) Seen(r.UnitId, r.Month);
        foreach (var r in themes) Seen(r.UnitId, r.Month);

        var result = new Dictionary<int, UnitMonthlySeries>();
        foreach (var (unitId, start) in first)
        {
            if (!units.TryGetValue(unitId, out var unit)) continue;
            var length = Months.Between(start, latest[unit.TrustId]);
            var unitChanges = changesByUnit[unitId].GroupBy(c => c.Metric).ToDictionary(g => g.Key,
                g => (IReadOnlyList<int>)g.Select(c => Months.Add(c.EffectiveOn.Year * 100 + c.EffectiveOn.Month, c.EffectiveOn.Day == 1 ? 0 : 1)).ToList());
            result[unitId] = new UnitMonthlySeries
            {
                UnitId = unitId, UnitName = unit.Name, FirstMonth = start,
                FftPositive = new long[length], FftNegative = new long[length], FftResponses = new long[length],
                Complaints = new long[length], Pals = new long[length], ChangePoints = unitChanges,
            };
        }
        foreach (var r in fft)
        {
            if (!result.TryGetValue(r.UnitId, out var s)) continue;
            var i = Months.Between(s.FirstMonth, r.Month) - 1;
            s.FftPositive[i] += r.Positive;
            s.FftNegative[i] += r.Negative;
            s.FftResponses[i] += r.Total;
        }
        foreach (var r in sources)
        {
            if (!result.TryGetValue(r.UnitId, out var s)) continue;
            (r.Source == FeedbackSources.Complaint ? s.Complaints : s.Pals)[Months.Between(s.FirstMonth, r.Month) - 1] += r.Records;
        }
        foreach (var unitThemes in themes.GroupBy(t => t.UnitId))
        {
            if (!result.TryGetValue(unitThemes.Key, out var s)) continue;
            var list = new List<ThemeNegativeSeries>();
            foreach (var theme in unitThemes.GroupBy(t => t.Label).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var negative = new long[s.Length];
                foreach (var r in theme) negative[Months.Between(s.FirstMonth, r.Month) - 1] += r.Negative;
                list.Add(new ThemeNegativeSeries(theme.Key, negative));
            }
            result[unitThemes.Key] = new UnitMonthlySeries
            {
                UnitId = s.UnitId, UnitName = s.UnitName, FirstMonth = s.FirstMonth, FftPositive = s.FftPositive, FftNegative = s.FftNegative,
                FftResponses = s.FftResponses, Complaints = s.Complaints, Pals = s.Pals, ChangePoints = s.ChangePoints, Themes = list,
            };
        }
        return result.Values.GroupBy(s => units[s.UnitId].TrustId)
            .ToDictionary(g => g.Key, g => g.OrderBy(s => s.UnitId).ToList());
    }

    /// <summary>
    /// Reads rows by hand: EF Core's materialisation cost several times the query itself on these row counts
    /// (docs/performance.md). The SQL is the same on both databases.
    /// </summary>
    private static async Task<List<T>> RowsAsync<T>(HeardDbContext db, string sql, int from, Func<DbDataReader, T> read, CancellationToken ct)
    {
        var conn = db.Database.GetDbConnection();
        var opened = conn.State != System.Data.ConnectionState.Open;
        if (opened) await conn.OpenAsync(ct);
        try
        {
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = sql;
            var p = cmd.CreateParameter();
            p.ParameterName = "@from";
            p.Value = from;
            cmd.Parameters.Add(p);
            var rows = new List<T>();
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) rows.Add(read(r));
            return rows;
        }
        finally
        {
            if (opened) await conn.CloseAsync();
        }
    }

    private static async Task<(int Raised, int Already)> StoreAsync(HeardDbContext db, int trustId, List<UnitMonthlySeries> series,
        List<AlertFinding> alerts, DateTime now, CancellationToken ct)
    {
        if (alerts.Count == 0) return (0, 0);
        var months = alerts.Select(a => a.Month).Distinct().ToList();
        var existing = (await db.EarlyWarningAlerts.AsNoTracking().Where(a => a.TrustId == trustId && months.Contains(a.Month))
            .Select(a => new { a.UnitId, a.Metric, a.Theme, a.Month }).ToListAsync(ct))
            .Select(a => (a.UnitId, a.Metric, a.Theme, a.Month)).ToHashSet();
        var owners = await AlertOwners.DefaultsAsync(db, trustId, ct);
        var names = series.ToDictionary(s => s.UnitId, s => s.UnitName);
        int raised = 0, already = 0;
        foreach (var a in alerts)
        {
            if (!existing.Add((a.UnitId, a.Metric, a.Theme ?? "", a.Month))) { already++; continue; }
            db.EarlyWarningAlerts.Add(new Data.Model.EarlyWarningAlert
            {
                TrustId = trustId, UnitId = a.UnitId, Kind = a.Kind, Metric = a.Metric, Theme = a.Theme ?? "", Month = a.Month,
                Explanation = a.Explanation, Evidence = JsonSerializer.Serialize(Evidence(a, names[a.UnitId])), Value = a.Value, Reference = a.Reference,
                RaisedAt = now, OwnerUserId = owners.For(a.UnitId),
            });
            raised++;
        }
        await db.SaveChangesAsync(ct);
        return (raised, already);
    }

    /// <summary>The chart the alert was read from, and the comments behind it: the unit, the month, and the theme or answers.</summary>
    public static List<EvidenceLink> Evidence(AlertFinding a, string unitName)
    {
        var when = Months.Name(a.Month);
        var from = new DateOnly(a.Month / 100, a.Month % 100, 1);
        var dates = $"from={from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}&to={from.AddMonths(1).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
        var comments = $"/Comments?unit={a.UnitId}&{dates}";
        string Chart(string metric, string? theme = null) =>
            SpcQuery.Link(new SpcFilter(null, null, a.UnitId, metric, theme, false, null));
        return a.Metric switch
        {
            AlertMetrics.FftPositive or AlertMetrics.FftNegative =>
            [
                new($"SPC chart of {AlertMetrics.Label(a.Metric)} for {unitName}", Chart(a.Metric)),
                new($"FFT comments from {unitName} in {when}", $"{comments}&source={FeedbackSources.Fft}"),
                new($"Comments with a poor answer in {when}", $"{comments}&answer={(int)FftAnswer.Poor}"),
                new($"Comments with a very poor answer in {when}", $"{comments}&answer={(int)FftAnswer.VeryPoor}"),
            ],
            AlertMetrics.FftResponses =>
            [
                new($"{unitName}'s ward page", $"/ward/{a.UnitId}"),
                new($"FFT comments from {unitName} in {when}", $"{comments}&source={FeedbackSources.Fft}"),
            ],
            AlertMetrics.Complaints or AlertMetrics.Pals =>
            [
                new($"SPC chart of {AlertMetrics.Label(a.Metric).ToLowerInvariant()} for {unitName}", Chart(a.Metric)),
                new($"{AlertMetrics.Label(a.Metric)} about {unitName} in {when}",
                    $"{comments}&source={(a.Metric == AlertMetrics.Complaints ? FeedbackSources.Complaint : FeedbackSources.Pals)}"),
            ],
            _ =>
            [
                new($"SPC chart of the share of comments on {a.Theme} for {unitName}", Chart(SpcMetrics.ThemeShare, a.Theme)),
                new($"Negative comments on {a.Theme} from {unitName} in {when}",
                    $"{comments}&theme={Uri.EscapeDataString(a.Theme ?? "")}&band=negative"),
            ],
        };
    }
}
