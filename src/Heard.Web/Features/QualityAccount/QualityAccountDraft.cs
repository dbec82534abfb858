using System.Globalization;
using Heard.Analysis.Fft;
using Heard.Analysis.Text;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Features.Fft;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.QualityAccount;

/// <summary>A financial year, April to March, named by the calendar year it starts in (2025 is 2025/26).</summary>
public readonly record struct FinancialYear(int StartYear)
{
    public int FromMonth => StartYear * 100 + 4;
    public int ToMonth => (StartYear + 1) * 100 + 3;
    public FinancialYear Previous => new(StartYear - 1);
    public string Label => $"{StartYear}/{(StartYear + 1) % 100:00}";
    public string LongLabel => $"April {StartYear} to March {StartYear + 1}";

    public static FinancialYear Of(int month) => new(month % 100 >= 4 ? month / 100 : month / 100 - 1);

    public static bool TryParse(string? text, out FinancialYear year)
    {
        year = default;
        var head = (text ?? "").Split('/', '-')[0];
        if (head.Length != 4 || !int.TryParse(head, NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y < 2000 || y > 2100) return false;
        year = new FinancialYear(y);
        return true;
    }
}

/// <summary>FFT for one setting over the year, beside the year before.</summary>
public sealed record SettingHeadline(string Setting, FftCounts ThisYear, FftCounts LastYear)
{
    public string Label => FftSettings.IsKnown(Setting) ? FftSettings.Label(Setting) : Setting;

    /// <summary>Change in percentage positive, in whole percentage points, from the published (rounded) figures; null without both years.</summary>
    public int? ChangeInPositive => ThisYear.WholePercentagePositive is int now && LastYear.WholePercentagePositive is int before ? now - before : null;
}

public sealed record ThemeHeadline(string Theme, long Comments, string? Quote);

public sealed record SourceHeadline(string Source, long ThisYear, long LastYear)
{
    public string Label => FeedbackSources.Label(Source);
}

public sealed record CompletedAction(string Title, string Unit, DateOnly ClosedOn, string? Impact, string? DidItWork);

public sealed record QualityAccountDraft(int TrustId, string TrustName, FinancialYear Year, IReadOnlyList<SettingHeadline> Settings,
    IReadOnlyList<ThemeHeadline> Praised, IReadOnlyList<ThemeHeadline> Improvement, IReadOnlyList<SourceHeadline> Sources,
    IReadOnlyList<CompletedAction> Actions, int ActionsCompleted, int MonthsThisYear, int MonthsLastYear)
{
    /// <summary>Where a person must write: shown as a labelled placeholder, never filled in by Heard.</summary>
    public static readonly IReadOnlyList<(string Heading, string Prompt)> Narratives =
    [
        ("Introduction", "A short introduction from the chief nurse or director of patient experience: what patient experience meant for the trust this year."),
        ("What patients told us and what we learned", "Read the figures and themes below and say, in plain words, what they mean for patients."),
        ("You said, we did", "Examples of changes made because of feedback, in the words patients would use. These may be linked from the trust's \"You said, we did\" pages."),
        ("Our priorities for next year", "The patient experience priorities the trust commits to, and how progress will be measured."),
    ];
}

/// <summary>
/// The patient experience section of a trust's annual Quality Account, drafted from the figures Heard holds for a
/// financial year: FFT per setting with the change from the year before, praised and improvement themes, complaints
/// and PALS where recorded, and improvement actions completed with their impact. Figures are for the whole trust;
/// every text written by a patient or by staff passes through the redactor, and quotes come only from people who
/// consented to publication.
/// </summary>
public static class QualityAccountQuery
{
    public const int TopThemes = 5;
    public const int MaxActions = 25;
    private static readonly string[] CountedSources = [FeedbackSources.Complaint, FeedbackSources.Pals, FeedbackSources.Compliment];

    /// <summary>Financial years with FFT figures for the trust, newest first.</summary>
    public static async Task<List<FinancialYear>> YearsAsync(HeardDbContext db, int trustId, CancellationToken ct) =>
        (await db.FftMonthly.AsNoTracking().Where(m => m.TrustId == trustId).Select(m => m.Month).Distinct().ToListAsync(ct))
            .Select(FinancialYear.Of).Distinct().OrderByDescending(y => y.StartYear).ToList();

    public static async Task<QualityAccountDraft?> BuildAsync(HeardDbContext db, int trustId, FinancialYear year, CancellationToken ct)
    {
        var trust = await db.Trusts.AsNoTracking().FirstOrDefaultAsync(t => t.Id == trustId, ct);
        if (trust is null) return null;
        var (from, to) = (year.Previous.FromMonth, year.ToMonth);

        var fft = await db.FftMonthly.AsNoTracking().Where(m => m.TrustId == trustId && m.Month >= from && m.Month <= to).ToListAsync(ct);
        FftCounts Sum(string setting, FinancialYear y) =>
            FftCounts.Sum(fft.Where(m => m.Setting == setting && m.Month >= y.FromMonth && m.Month <= y.ToMonth).Select(FftReturnQuery.ToCounts));
        var settings = fft.Select(m => m.Setting).Distinct()
            .OrderBy(SettingOrder)
            .Select(s => new SettingHeadline(s, Sum(s, year), Sum(s, year.Previous)))
            .Where(h => h.ThisYear.Total > 0 || h.LastYear.Total > 0).ToList();

        var themes = await db.ThemeMonthly.AsNoTracking()
            .Where(t => t.TrustId == trustId && t.Month >= year.FromMonth && t.Month <= year.ToMonth)
            .GroupBy(t => t.Label).Select(g => new { Label = g.Key, Positive = g.Sum(t => t.Positive), Negative = g.Sum(t => t.Negative) })
            .ToListAsync(ct);
        var praised = new List<ThemeHeadline>();
        foreach (var t in themes.Where(t => t.Positive > 0).OrderByDescending(t => t.Positive).ThenBy(t => t.Label, StringComparer.Ordinal).Take(TopThemes))
            praised.Add(new ThemeHeadline(t.Label, t.Positive, await QuoteAsync(db, trustId, year, t.Label, positive: true, ct)));
        var improvement = new List<ThemeHeadline>();
        foreach (var t in themes.Where(t => t.Negative > 0).OrderByDescending(t => t.Negative).ThenBy(t => t.Label, StringComparer.Ordinal).Take(TopThemes))
            improvement.Add(new ThemeHeadline(t.Label, t.Negative, await QuoteAsync(db, trustId, year, t.Label, positive: false, ct)));

        var sourceRows = await db.SourceMonthly.AsNoTracking()
            .Where(s => s.TrustId == trustId && s.Month >= from && s.Month <= to && CountedSources.Contains(s.Source))
            .Select(s => new { s.Source, s.Month, s.Records }).ToListAsync(ct);
        var sources = CountedSources.Select(s => new SourceHeadline(s,
                sourceRows.Where(r => r.Source == s && r.Month >= year.FromMonth).Sum(r => r.Records),
                sourceRows.Where(r => r.Source == s && r.Month <= year.Previous.ToMonth).Sum(r => r.Records)))
            .Where(s => s.ThisYear > 0 || s.LastYear > 0).ToList();

        var start = new DateTime(year.StartYear, 4, 1, 0, 0, 0, DateTimeKind.Utc);
        var end = start.AddYears(1);
        var done = await (from a in db.ImprovementActions.AsNoTracking()
                          join u in db.Units.AsNoTracking() on a.UnitId equals u.Id
                          where a.TrustId == trustId && a.Status == ActionStatuses.Done && a.ClosedAt >= start && a.ClosedAt < end
                          orderby a.ClosedAt
                          select new { a.Title, Unit = u.Name, a.ClosedAt, a.ImpactReview, a.ImpactSummary }).ToListAsync(ct);
        var actions = done.Take(MaxActions).Select(a => new CompletedAction(Redactor.Redact(a.Title), a.Unit,
            DateOnly.FromDateTime(a.ClosedAt!.Value), Blank(Redactor.Redact(a.ImpactReview)), Blank(Redactor.Redact(a.ImpactSummary)))).ToList();

        // A year with figures for only some months (the first year in Heard, or one still running) is named as such.
        var months = fft.Where(m => m.Responses() > 0).Select(m => m.Month).Distinct().ToList();
        return new QualityAccountDraft(trust.Id, trust.Name, year, settings, praised, improvement, sources, actions, done.Count,
            months.Count(m => m >= year.FromMonth), months.Count(m => m <= year.Previous.ToMonth));
    }

    /// <summary>
    /// The latest comment on a theme, in the year, of the sentiment asked for, from someone who said it may be published;
    /// redacted. Null when none consented.
    /// </summary>
    private static async Task<string?> QuoteAsync(HeardDbContext db, int trustId, FinancialYear year, string label, bool positive, CancellationToken ct)
    {
        int?[] sentiments = positive ? [1, 2] : [4, 5];
        var text = await (from c in db.CommentCodes.AsNoTracking()
                          join a in db.FeedbackAnswers.AsNoTracking() on c.FeedbackAnswerId equals a.Id
                          join f in db.Feedback.AsNoTracking() on a.FeedbackRecordId equals f.Id
                          where c.Label == label && c.RemovedAt == null && f.TrustId == trustId && f.ConsentToPublish == true
                                && f.Month >= year.FromMonth && f.Month <= year.ToMonth && a.Text != null
                                && sentiments.Contains(a.Sentiment)
                          orderby f.ReceivedOn descending, a.Id descending
                          select a.Text).FirstOrDefaultAsync(ct);
        return text is null ? null : Redactor.Redact(text);
    }

    private static long Responses(this Heard.Data.Model.FftMonthly m) => m.VeryGood + m.Good + m.Neither + m.Poor + m.VeryPoor + m.DontKnow;

    private static int SettingOrder(string setting)
    {
        for (var i = 0; i < FftSettings.All.Count; i++)
            if (FftSettings.All[i] == setting) return i;
        return int.MaxValue;
    }

    private static string? Blank(string s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
