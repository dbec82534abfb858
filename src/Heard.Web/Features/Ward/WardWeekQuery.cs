using System.Globalization;
using Heard.Analysis.Fft;
using Heard.Analysis.Spc;
using Heard.Analysis.Text;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Features.Actions;
using Heard.Web.Features.Alerts;
using Heard.Web.Features.Dashboard;
using Heard.Web.Features.Spc;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Ward;

/// <summary>Seven days, first to last inclusive.</summary>
public sealed record WardWeek(DateOnly From)
{
    public DateOnly To => From.AddDays(6);

    /// <summary>The seven days ending today: what a ward manager sees without choosing a week.</summary>
    public static WardWeek EndingOn(DateOnly day) => new(day.AddDays(-6));

    /// <summary>The last whole Monday-to-Sunday week before <paramref name="day"/>: what Monday's digest reports.</summary>
    public static WardWeek LastWholeWeekBefore(DateOnly day)
    {
        var sinceMonday = ((int)day.DayOfWeek + 6) % 7;
        return new WardWeek(day.AddDays(-sinceMonday - 7));
    }

    public static bool TryParse(string? text, out WardWeek week)
    {
        var ok = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from);
        week = new WardWeek(from);
        return ok;
    }

    public string Key => From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    public string Label => From.Month == To.Month
        ? $"{From.Day} to {To.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}"
        : $"{From.ToString("d MMMM", CultureInfo.InvariantCulture)} to {To.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}";
}

/// <summary>
/// The week's FFT score against the ward's usual range. The range is the process limits of the ward's monthly
/// "FFT: percentage positive" SPC chart (the same chart as the SPC page, up to 36 months, change points applied).
/// </summary>
public sealed record WeekScore(
    FftCounts Counts, int? PercentPositive, double? Mean, double? Lower, double? Upper, int MonthsCharted,
    int? LatestMonth, double? LatestMonthValue, SpcPointType? LatestMonthType, string ChartLink)
{
    public long Responses => Counts.Total;
    public bool HasRange => Mean is not null && MonthsCharted >= 2;

    /// <summary>above, below, within, or none (no answers this week, or no range yet).</summary>
    public string Reading => Counts.PercentagePositive is not double p || !HasRange ? "none"
        : p > Upper ? "above" : p < Lower ? "below" : "within";
}

/// <summary>
/// Everything on "My ward this week" and in the weekly ward digest: one query, so the page and the email never differ.
/// The caller has checked the unit is in the reader's scope.
/// </summary>
public sealed record WardWeekView(
    int UnitId, string UnitName, int TrustId, string SiteName, string? DivisionName, WardWeek Week, WeekScore Score,
    IReadOnlyList<LatestComment> Comments, int CommentCount, IReadOnlyList<LatestComment> Praise, int PraiseCount,
    IReadOnlyList<EarlyWarningAlertView> Alerts, IReadOnlyList<ActionSummary> Actions, bool CommentsRedacted, bool CommentsHidden,
    DateOnly? LatestFeedbackOn);

/// <remarks>
/// Every read is bounded by the unit: comments by <c>ix_feedback_unit_id_received_on</c> over the seven days, the usual
/// range from the monthly aggregates, alerts and actions by their unit indexes. Nothing reads all responses, so the page
/// costs the same at five million responses as at five thousand.
/// </remarks>
public static class WardWeekQuery
{
    /// <summary>The comments shown on the page and in the email; the count says how many more there were.</summary>
    public const int CommentsShown = 50;
    public const int PraiseShown = 10;
    /// <summary>Actions due within this many days after the week are "due", beside those already overdue.</summary>
    public const int ActionsDueWithinDays = 14;

    private sealed record CommentRow(long Id, DateOnly ReceivedOn, string Source, int? FftAnswer, string QuestionKey, string Text, int? Sentiment);

    /// <summary>Praise: comments coded positive or very positive (sentiment 1 or 2), and compliments.</summary>
    public static bool IsPraise(string source, int? sentiment) => sentiment is 1 or 2 || source == FeedbackSources.Compliment;

    public static async Task<WardWeekView?> LoadAsync(HeardDbContext db, int unitId, WardWeek week, bool canReadComments, bool canReadIdentifiable,
        CancellationToken ct = default)
    {
        var unit = await db.Units.AsNoTracking().Where(u => u.Id == unitId)
            .Select(u => new { u.Id, u.Name, u.TrustId, SiteName = u.Site!.Name, DivisionName = u.Division != null ? u.Division.Name : null })
            .FirstOrDefaultAsync(ct);
        if (unit is null) return null;
        var from = week.From;
        var end = week.To.AddDays(1);

        var answers = await db.Feedback.AsNoTracking()
            .Where(r => r.UnitId == unitId && r.ReceivedOn >= from && r.ReceivedOn < end && r.Source == FeedbackSources.Fft)
            .GroupBy(r => r.FftAnswer).Select(g => new { Answer = g.Key, Count = g.LongCount() }).ToListAsync(ct);
        var counts = new FftCounts();
        foreach (var a in answers) counts.Add(a.Answer is int v ? (FftAnswer)v : null, FftMode.Other, a.Count);

        var chartFilter = new SpcFilter(unit.TrustId, null, unitId, SpcMetrics.FftPositive, null, false, null);
        // The unit's own chart: the scope passed is just this unit, which the caller has already checked.
        var chart = await SpcQuery.LoadAsync(db, chartFilter, [unitId], ct);
        var score = Score(counts, chart, SpcQuery.Link(chartFilter));

        var comments = new List<CommentRow>();
        var total = 0;
        var praiseTotal = 0;
        if (canReadComments)
        {
            var rows = await db.Feedback.AsNoTracking()
                .Where(r => r.UnitId == unitId && r.ReceivedOn >= from && r.ReceivedOn < end)
                .Join(db.FeedbackAnswers.Where(a => a.Text != null && a.Text != ""), r => r.Id, a => a.FeedbackRecordId,
                    (r, a) => new CommentRow(r.Id, r.ReceivedOn, r.Source, r.FftAnswer, a.QuestionKey, a.Text!, a.Sentiment))
                .ToListAsync(ct);
            comments = rows.OrderByDescending(c => c.ReceivedOn).ThenByDescending(c => c.Id).ToList();
            total = comments.Count;
            praiseTotal = comments.Count(c => IsPraise(c.Source, c.Sentiment));
        }
        LatestComment Shown(CommentRow c) => new(c.Id, c.ReceivedOn, unit.Name, c.Source, c.FftAnswer, c.QuestionKey,
            canReadIdentifiable ? c.Text : Redactor.Redact(c.Text));
        var shown = comments.Take(CommentsShown).Select(Shown).ToList();
        // Most positive first, so the best of the week is what the team hears about.
        var praise = comments.Where(c => IsPraise(c.Source, c.Sentiment)).OrderBy(c => c.Sentiment ?? 2).ThenByDescending(c => c.ReceivedOn)
            .ThenByDescending(c => c.Id).Take(PraiseShown).Select(Shown).ToList();

        var latest = total > 0 ? (DateOnly?)null
            : await db.Feedback.AsNoTracking().Where(r => r.UnitId == unitId).MaxAsync(r => (DateOnly?)r.ReceivedOn, ct);

        var alertRows = await db.EarlyWarningAlerts.AsNoTracking()
            .Where(a => a.UnitId == unitId && a.ResolvedAt == null)
            .OrderByDescending(a => a.RaisedAt).ThenByDescending(a => a.Id).ToListAsync(ct);
        var dueBy = week.To.AddDays(ActionsDueWithinDays);
        var actionRows = await db.ImprovementActions.AsNoTracking()
            .Where(a => a.UnitId == unitId && (a.Status == ActionStatuses.Open || a.Status == ActionStatuses.InProgress) && a.DueOn <= dueBy)
            .OrderBy(a => a.DueOn).ThenBy(a => a.Id).ToListAsync(ct);
        var userIds = alertRows.Select(a => a.OwnerUserId).OfType<string>().Concat(actionRows.Select(a => a.OwnerUserId)).Distinct().ToList();
        var names = userIds.Count == 0 ? [] : await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, ActionQueries.DisplayName, ct);
        var alerts = alertRows.Select(a => EarlyWarningAlerts.View(a, unit.Name, a.OwnerUserId is { } o ? names.GetValueOrDefault(o) : null)).ToList();
        // Overdue as at the week's last day, so a past week reads as it did then and the email matches the page.
        var actions = actionRows.Select(a => new ActionSummary(a.Id, a.Title, a.UnitId, unit.Name, null, unit.DivisionName, a.OwnerUserId,
            names.GetValueOrDefault(a.OwnerUserId, "(removed user)"), a.DueOn, a.Status, ActionEditing.IsOverdue(a, week.To), a.Metric,
            a.ChangedOn, a.CreatedAt, a.ClosedAt, ActionQueries.Link(a.Id))).ToList();

        return new WardWeekView(unit.Id, unit.Name, unit.TrustId, unit.SiteName, unit.DivisionName, week, score, shown, total, praise, praiseTotal,
            alerts, actions, !canReadIdentifiable, !canReadComments, latest);
    }

    private static WeekScore Score(FftCounts counts, SpcView? chart, string link)
    {
        if (chart is null || chart.Chart.Points.Count == 0)
            return new WeekScore(counts, counts.WholePercentagePositive, null, null, null, 0, null, null, null, link);
        var last = chart.Chart.Points[^1];
        return new WeekScore(counts, counts.WholePercentagePositive, last.Mean, Math.Max(0, last.LowerProcessLimit), Math.Min(100, last.UpperProcessLimit),
            chart.Chart.Points.Count, chart.Months[^1].Month, last.Value, last.Type, link);
    }

    /// <summary>The reading in plain words, for the page and the email alike.</summary>
    public static string Explain(WeekScore s)
    {
        if (!s.HasRange) return "There are not yet enough months of FFT answers on this ward to know its usual range.";
        var range = $"{s.Lower:0}% to {s.Upper:0}%";
        return s.Reading switch
        {
            "none" => $"No FFT answers this week. The usual range is {range}.",
            "above" => $"{s.PercentPositive}% positive is above the usual range ({range}): something may be going better than usual.",
            "below" => $"{s.PercentPositive}% positive is below the usual range ({range}): worth a look at this week's comments.",
            _ => $"{s.PercentPositive}% positive is within the usual range ({range}).",
        };
    }

    public const string RangeExplanation =
        "The usual range is worked out from this ward's monthly FFT results (up to the last 36 months): the limits of its " +
        "SPC chart, within which a month's percentage positive normally falls. A week has fewer answers than a month, so its " +
        "figure moves about more: a week outside the range is a prompt to look, not proof that care has changed.";
}
