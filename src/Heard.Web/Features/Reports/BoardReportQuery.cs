using System.Globalization;
using Heard.Analysis.EarlyWarning;
using Heard.Analysis.Fft;
using Heard.Analysis.Spc;
using Heard.Analysis.Text;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Features.Actions;
using Heard.Web.Features.Alerts;
using Heard.Web.Features.Dashboard;
using Heard.Web.Features.Equality;
using Heard.Web.Features.Spc;
using Heard.Web.Features.Themes;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Reports;

/// <summary>Which report: a trust, or one of its divisions, or (report builder) chosen units of a trust, and a period.</summary>
/// <param name="UnitIds">The chosen units; null for the whole trust or division.</param>
public sealed record BoardReportRequest(int TrustId, int? DivisionId, ReportPeriod Period, IReadOnlyList<int>? UnitIds = null);

/// <summary>
/// Generates a board report's figures from the same queries the pages use, so each figure is the figure its link shows:
/// FFT from <see cref="DashboardQuery"/>, SPC readings from <see cref="XmrChart"/> over the dashboard's monthly figures,
/// themes from <see cref="ThemeQuery"/>, the equality headline from <see cref="EqualityQuery"/>, alerts and actions from
/// their tables. It reads the whole trust or division (the caller checks that the user sees all of it), so who generates
/// a report never changes its figures.
/// </summary>
public static class BoardReportQuery
{
    /// <summary>Months of monthly percentage positive the SPC readings look back over, to the period's end.</summary>
    public const int SpcMonths = 24;
    public const int ThemesShown = 5;
    public const int ExamplesPerTheme = 2;
    public const int ActionsShown = 30;

    /// <summary>The units of a trust or division, as the themes, SPC and equality pages take a division: its current units.</summary>
    public static async Task<List<int>> UnitsAsync(HeardDbContext db, int trustId, int? divisionId, CancellationToken ct) =>
        await db.Units.AsNoTracking().Where(u => u.TrustId == trustId && (divisionId == null || u.DivisionId == divisionId))
            .OrderBy(u => u.Id).Select(u => u.Id).ToListAsync(ct);

    /// <summary>A user may read a trust's or division's report only if they see every one of its units.</summary>
    public static async Task<bool> MayReadAsync(HeardDbContext db, HashSet<int>? scope, int trustId, int? divisionId, CancellationToken ct)
    {
        var units = await UnitsAsync(db, trustId, divisionId, ct);
        return units.Count > 0 && (scope is null || units.All(scope.Contains));
    }

    public static async Task<BoardReportFigures?> GenerateAsync(HeardDbContext db, BoardReportRequest request, int minimumGroupSize, CancellationToken ct = default)
    {
        var trust = await db.Trusts.AsNoTracking().Where(t => t.Id == request.TrustId).Select(t => new { t.Id, t.Name }).FirstOrDefaultAsync(ct);
        if (trust is null) return null;
        string? divisionName = null;
        if (request.DivisionId is int d)
        {
            divisionName = await db.Divisions.AsNoTracking().Where(x => x.Id == d && x.TrustId == trust.Id).Select(x => x.Name).FirstOrDefaultAsync(ct);
            if (divisionName is null) return null;
            var names = await Organisation.OrganisationNames.LoadAsync(db, ct);
            var then = names.NameAt(OrganisationLevels.Division, d, Dashboard.DashboardFilter.StartOf(request.Period.ToMonth).AddMonths(1).AddDays(-1), divisionName);
            if (then != divisionName) divisionName = $"{then} (now {divisionName})";
        }
        // Chosen units are read as the pages read a user whose scope is those units: the same figures the dashboard shows them.
        var scope = request.UnitIds?.ToHashSet();
        var units = (await UnitsAsync(db, trust.Id, request.DivisionId, ct)).Where(u => scope is null || scope.Contains(u)).ToList();
        if (units.Count == 0) return null;
        scope = scope is null ? null : units.ToHashSet();
        var unitNames = await db.Units.AsNoTracking().Where(u => u.TrustId == trust.Id).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var period = request.Period;
        var previous = period.Previous();
        DashboardFilter Slice(ReportPeriod p, string? setting = null, string? source = null) =>
            new(trust.Id, request.DivisionId, null, p.FromMonth, p.ToMonth, setting, source);

        // FFT: the dashboard's own figures for the period, overall and for each setting with responses in it.
        var now = await DashboardQuery.LoadAsync(db, Slice(period), scope, false, false, ct);
        var before = await DashboardQuery.LoadAsync(db, Slice(previous), scope, false, false, ct);
        if (now is null || before is null) return null;
        var headline = new FftHeadline(now.Headline.Responses, now.Headline.PercentPositive, now.Headline.PercentNegative, now.Headline.ResponseRate,
            before.Headline.Responses, before.Headline.PercentPositive, DashboardQuery.Link(Slice(period)));

        var chartFrom = DashboardFilter.MonthOf(DashboardFilter.StartOf(period.ToMonth).AddMonths(1 - SpcMonths));
        var settings = await db.FftMonthly.AsNoTracking()
            .Where(m => m.TrustId == trust.Id && m.Month >= period.FromMonth && m.Month <= period.ToMonth && units.Contains(m.UnitId))
            .Select(m => m.Setting).Distinct().ToListAsync(ct);
        var spc = new List<SpcSummaryRow> { await SpcRowAsync(db, trust.Id, request.DivisionId, scope, null, now.Headline, period, chartFrom, ct) };
        foreach (var setting in settings.OrderBy(s => FftSettings.Label(s), StringComparer.Ordinal))
        {
            var inSetting = await DashboardQuery.LoadAsync(db, Slice(period, setting), scope, false, false, ct);
            if (inSetting is null) continue;
            spc.Add(await SpcRowAsync(db, trust.Id, request.DivisionId, scope, setting, inSetting.Headline, period, chartFrom, ct));
        }

        var sources = await SourcesAsync(db, trust.Id, units, now, before, Slice(period), ct);
        var themes = await ThemesAsync(db, trust.Id, request.DivisionId, scope, units, unitNames, period, previous, ct);
        var alerts = await AlertsAsync(db, units, unitNames, period, ct);
        var actions = await ActionsAsync(db, trust.Id, units, unitNames, period, ct);
        var equality = await EqualityAsync(db, trust.Id, request.DivisionId, scope, period, minimumGroupSize, ct);

        return new BoardReportFigures(trust.Id, trust.Name, request.DivisionId, divisionName, period.Kind, period.FromMonth, period.ToMonth,
            previous.FromMonth, previous.ToMonth, units.Count, headline, spc, themes, sources, alerts, actions, equality,
            scope is null ? null : units.Select(u => unitNames[u]).Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>
    /// XmR chart of the monthly percentage positive (very good and good over all answers, as the SPC page's FFT measure)
    /// over the dashboard's monthly figures for the slice, so its months count units where the dashboard counts them.
    /// </summary>
    private static async Task<SpcSummaryRow> SpcRowAsync(HeardDbContext db, int trustId, int? divisionId, HashSet<int>? scope, string? setting,
        FftFigures period, ReportPeriod p, int chartFrom, CancellationToken ct)
    {
        var filter = new DashboardFilter(trustId, divisionId, null, chartFrom, p.ToMonth, setting, null);
        var series = await DashboardQuery.LoadAsync(db, filter, scope, false, false, ct);
        var months = (series?.Trend ?? []).Where(t => t.Figures.Counts.Total > 0).ToList();
        var values = months.Select(t => 100.0 * t.Figures.Counts.PositiveCount / t.Figures.Counts.Total).ToArray();
        var metric = SpcMetrics.Find(SpcMetrics.FftPositive)!;
        var chart = XmrChart.Evaluate(values, new SpcOptions { Improvement = metric.Improvement });
        var last = chart.Points.Count > 0 ? chart.Points[^1] : (SpcPoint?)null;
        return new SpcSummaryRow(setting, setting is null ? "All settings" : FftSettings.Label(setting), period.Responses, period.PercentPositive,
            period.PercentNegative, values.Length, last?.Value, last?.Mean, Finite(last?.LowerProcessLimit), Finite(last?.UpperProcessLimit),
            chart.Variation, last is { } l && l.Value >= l.Mean, chart.Assurance,
            DashboardQuery.Link(new DashboardFilter(trustId, divisionId, null, p.FromMonth, p.ToMonth, setting, null)),
            SpcQuery.Link(new SpcFilter(trustId, divisionId, null, SpcMetrics.FftPositive, null, false, null)));
    }

    private static double? Finite(double? v) => v is double x && double.IsFinite(x) ? Math.Round(x, 6) : null;

    /// <summary>Complaints and PALS always when the trust has ever recorded them; other sources when they have records in either period.</summary>
    private static async Task<List<SourceFigure>> SourcesAsync(HeardDbContext db, int trustId, List<int> units, DashboardView now, DashboardView before,
        DashboardFilter slice, CancellationToken ct)
    {
        var recorded = await db.SourceMonthly.AsNoTracking().Where(s => s.TrustId == trustId && s.Source != FeedbackSources.Fft && units.Contains(s.UnitId))
            .Select(s => s.Source).Distinct().ToListAsync(ct);
        return FeedbackSources.All.Where(s => s != FeedbackSources.Fft)
            .Where(s => (recorded.Contains(s) && s is FeedbackSources.Complaint or FeedbackSources.Pals)
                || now.OtherSources.ContainsKey(s) || before.OtherSources.ContainsKey(s))
            .Select(s => new SourceFigure(s, FeedbackSources.Label(s), now.OtherSources.GetValueOrDefault(s), before.OtherSources.GetValueOrDefault(s),
                DashboardQuery.Link(slice with { Source = s })))
            .ToList();
    }

    /// <summary>
    /// The themes whose share of coded comments moved most from the previous period, each with the comments on it in the
    /// period whose sentiment is nearest the theme's mean (newest first among equals), redacted whoever reads the report.
    /// </summary>
    private static async Task<List<ThemeChange>> ThemesAsync(HeardDbContext db, int trustId, int? divisionId, HashSet<int>? scope, List<int> units,
        Dictionary<int, string> unitNames, ReportPeriod period, ReportPeriod previous, CancellationToken ct)
    {
        var filter = new ThemeFilter(trustId, divisionId, null, period.FromMonth, period.ToMonth);
        var now = await ThemeQuery.LoadAsync(db, filter, scope, ct);
        var then = await ThemeQuery.LoadAsync(db, filter with { FromMonth = previous.FromMonth, ToMonth = previous.ToMonth }, scope, ct);
        if (now is null) return [];
        var earlier = (then?.Themes ?? []).ToDictionary(t => t.Theme);
        var changes = now.Themes.Select(t => t.Theme).Concat(earlier.Keys).Distinct()
            .Select(label =>
            {
                var here = now.Themes.FirstOrDefault(t => t.Theme == label);
                var was = earlier.GetValueOrDefault(label);
                var share = here?.Here.Share ?? (now.CodedHere > 0 ? 0 : null);
                var previousShare = was?.Here.Share ?? (then?.CodedHere > 0 ? 0 : null);
                return (Label: label, Category: here?.Category ?? was?.Category ?? "Other", Here: here, Was: was, Share: share, PreviousShare: previousShare,
                    Change: Math.Abs((share ?? 0) - (previousShare ?? 0)));
            })
            .Where(x => x.Change > 0 && (x.Here?.Here.Comments ?? 0) + (x.Was?.Here.Comments ?? 0) >= 3)
            .OrderByDescending(x => x.Change).ThenBy(x => x.Label, StringComparer.Ordinal)
            .Take(ThemesShown).ToList();

        var fromDate = DashboardFilter.StartOf(period.FromMonth);
        var toDate = DashboardFilter.StartOf(period.ToMonth).AddMonths(1);
        var result = new List<ThemeChange>();
        foreach (var c in changes)
        {
            var candidates = await (from r in db.Feedback.AsNoTracking()
                                    where r.TrustId == trustId && r.ReceivedOn >= fromDate && r.ReceivedOn < toDate && units.Contains(r.UnitId)
                                    join a in db.FeedbackAnswers on r.Id equals a.FeedbackRecordId
                                    where a.Text != null && db.CommentCodes.Any(x => x.FeedbackAnswerId == a.Id && x.Label == c.Label && x.RemovedAt == null)
                                    orderby r.ReceivedOn descending, a.Id descending
                                    select new { r.ReceivedOn, r.UnitId, a.Id, a.Text, a.Sentiment }).Take(20).ToListAsync(ct);
            var mean = c.Here?.Here.MeanSentiment;
            var examples = candidates
                .OrderBy(x => mean is double m && x.Sentiment is int s ? Math.Abs(s - m) : 10)
                .ThenByDescending(x => x.ReceivedOn).ThenByDescending(x => x.Id)
                .Take(ExamplesPerTheme)
                .Select(x => new QuotedComment(x.ReceivedOn, unitNames.GetValueOrDefault(x.UnitId, "Unit"), Redactor.Redact(x.Text)))
                .ToList();
            result.Add(new ThemeChange(c.Label, c.Category, c.Here?.Here.Comments ?? 0, c.Was?.Here.Comments ?? 0, Round(c.Share), Round(c.PreviousShare),
                Round(c.Here?.Here.MeanSentiment), Round(c.Was?.Here.MeanSentiment), examples,
                ThemeQuery.Link(filter with { FromMonth = previous.FromMonth }), ThemeQuery.CommentsLink(filter, c.Label)));
        }
        return result;
    }

    private static double? Round(double? v) => v is double x ? Math.Round(x, 6) : null;

    /// <summary>Early warnings raised for a month of the period, and where each stands now.</summary>
    private static async Task<List<AlertLine>> AlertsAsync(HeardDbContext db, List<int> units, Dictionary<int, string> unitNames, ReportPeriod period,
        CancellationToken ct)
    {
        var alerts = await db.EarlyWarningAlerts.AsNoTracking()
            .Where(a => units.Contains(a.UnitId) && a.Month >= period.FromMonth && a.Month <= period.ToMonth)
            .OrderBy(a => a.Month).ThenBy(a => a.Id).ToListAsync(ct);
        return alerts.Select(a =>
        {
            var view = EarlyWarningAlerts.View(a, unitNames.GetValueOrDefault(a.UnitId, "Unit"), null);
            return new AlertLine(a.Id, view.UnitName, view.KindLabel, view.MetricLabel, view.Theme, view.MonthName, view.Explanation, view.Status,
                a.ResolvedBy, a.ResolutionNote, $"/Alerts?unit={a.UnitId}&status={AlertFilter.All}");
        }).ToList();
    }

    /// <summary>
    /// Actions live at some time in the period (created by its end, not closed before its start); overdue is judged at the
    /// period's end. Impact is the "did it work?" reading kept when the action was closed, or today's reading while live.
    /// </summary>
    private static async Task<List<ActionLine>> ActionsAsync(HeardDbContext db, int trustId, List<int> units, Dictionary<int, string> unitNames,
        ReportPeriod period, CancellationToken ct)
    {
        var start = DashboardFilter.StartOf(period.FromMonth).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var end = period.ClosesOn.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var actions = await db.ImprovementActions.AsNoTracking()
            .Where(a => units.Contains(a.UnitId) && a.CreatedAt < end && (a.ClosedAt == null || a.ClosedAt >= start))
            .OrderBy(a => a.DueOn).ThenBy(a => a.Id).Take(ActionsShown).ToListAsync(ct);
        var result = new List<ActionLine>();
        foreach (var a in actions)
        {
            var impact = a.ImpactSummary;
            if (impact is null && ActionStatuses.IsLive(a.Status) && a.Metric is not null && a.ChangedOn is not null)
                impact = (await DidItWork.LoadAsync(db, trustId, a.UnitId, a.Metric, a.Theme, a.ChangedOn, ct))?.Verdict;
            result.Add(new ActionLine(a.Id, a.Title, unitNames.GetValueOrDefault(a.UnitId, "Unit"), ActionStatuses.Label(a.Status), a.DueOn,
                ActionEditing.IsOverdue(a, period.ClosesOn), impact, ActionQueries.Link(a.Id)));
        }
        return result;
    }

    private static async Task<EqualityHeadline> EqualityAsync(HeardDbContext db, int trustId, int? divisionId, HashSet<int>? scope, ReportPeriod period,
        int minimum, CancellationToken ct)
    {
        var filter = new EqualityFilter(trustId, divisionId, null, period.Months, null, period.ToMonth);
        var view = await EqualityQuery.LoadAsync(db, filter, scope, minimum, ct);
        // The equality page offers 3, 6 and 12 months to the latest: the nearest it has (the longest, for a longer range).
        var link = EqualityQuery.Link(filter with { Months = EqualityFilter.Periods.FirstOrDefault(p => p >= period.Months, EqualityFilter.Periods[^1]) });
        if (view is null) return new EqualityHeadline(0, null, true, minimum, 0, [], link);
        var lines = new List<string>();
        var suppressed = 0;
        foreach (var c in view.Characteristics)
        {
            suppressed += c.Groups.Count(g => g.Suppressed);
            var shown = c.Groups.Where(g => !g.Suppressed && g.Group is not null && g.PercentPositive is not null).ToList();
            if (shown.Count >= 2)
            {
                var low = shown.MinBy(g => g.PercentPositive)!;
                var high = shown.MaxBy(g => g.PercentPositive)!;
                if (high.PercentPositive - low.PercentPositive >= 5)
                    lines.Add(string.Create(CultureInfo.InvariantCulture,
                        $"{c.Label}: {low.Label} {low.PercentPositive:0}% positive ({low.Responses} responses) against {high.Label} {high.PercentPositive:0}% ({high.Responses})."));
            }
            var seldom = c.Groups.Where(g => g.SeldomHeard).Select(g => g.Label).ToList();
            if (seldom.Count > 0) lines.Add($"{c.Label}: seldom heard against the population served: {string.Join(", ", seldom)}.");
        }
        var percent = view.PercentPositive is double p ? (int?)(int)Math.Round(p, MidpointRounding.AwayFromZero) : null;
        return new EqualityHeadline(view.Responses, percent, view.TooFewToBreakDown, minimum, suppressed, lines, link);
    }

    public static string Link(BoardReportRequest r) =>
        $"/Reports/Board?trust={r.TrustId}" + (r.DivisionId is int d ? $"&division={d}" : "") + $"&period={r.Period.Kind}&month={r.Period.Key}";
}
