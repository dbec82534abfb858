using System.Globalization;
using Heard.Analysis.Text;
using Heard.Data;
using Heard.Web.Features.Dashboard;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Themes;

/// <summary>Which comments: a trust, one of its divisions or one unit, over whole months, optionally one source or setting.</summary>
public sealed record ThemeFilter(int? TrustId, int? DivisionId, int? UnitId, int FromMonth, int ToMonth, string? Source = null, string? Setting = null)
{
    public DashboardFilter AsDashboardFilter() => new(TrustId, DivisionId, UnitId, FromMonth, ToMonth, Setting, Source);
    public IEnumerable<int> Months() => AsDashboardFilter().Months();
    public string Level => UnitId is not null ? "unit" : DivisionId is not null ? "division" : "trust";
}

/// <summary>One theme's figures for a set of comments. Sentiment shares are of the comments that have a sentiment.</summary>
/// <param name="Comments">Comments carrying the theme.</param>
/// <param name="Coded">Comments carrying any theme, in the same slice: the denominator of <see cref="Share"/>.</param>
public sealed record ThemeFigures(long Comments, long Coded, long WithSentiment, long SentimentTotal, long Positive, long Negative)
{
    public double? Share => Coded > 0 ? (double)Comments / Coded : null;
    /// <summary>1 very positive to 5 very negative.</summary>
    public double? MeanSentiment => WithSentiment > 0 ? (double)SentimentTotal / WithSentiment : null;
    public double? PercentPositive => WithSentiment > 0 ? 100.0 * Positive / WithSentiment : null;
    public double? PercentNegative => WithSentiment > 0 ? 100.0 * Negative / WithSentiment : null;
}

public sealed record ThemeMonth(int Month, long Comments, double? MeanSentiment);

/// <summary>
/// One theme in the chosen slice, with the trust's figures beside it when the slice is a division or unit.
/// <see cref="Z"/> compares the slice's share with the rest of the trust's (the trust less the slice, so the two
/// groups are independent); <see cref="NotablyHigher"/> is z at least 1.96.
/// </summary>
public sealed record ThemeRow(string Category, string Theme, ThemeFigures Here, ThemeFigures? Trust, double? Z, bool NotablyHigher,
    IReadOnlyList<ThemeMonth> Months);

public sealed record Choice(int Id, string Name);

public sealed record ThemeView(
    string Title, string Level, ThemeFilter Filter, string TrustName, IReadOnlyList<Crumb> Breadcrumbs,
    long CodedHere, long CodedTrust, bool ComparedWithTrust, IReadOnlyList<int> Months, IReadOnlyList<ThemeRow> Themes,
    IReadOnlyList<Choice> Trusts, IReadOnlyList<Choice> Divisions, IReadOnlyList<Choice> Units);

public sealed record ExampleComment(long FeedbackId, DateOnly Date, string Text, int? Sentiment);

public sealed record KeyPhraseView(
    string UnitName, string Theme, string? Category, ThemeFilter Filter, string TrustName, IReadOnlyList<Crumb> Breadcrumbs,
    int CommentsHere, int CommentsElsewhere, int ComparedElsewhere, IReadOnlyList<KeyPhrase> Phrases, IReadOnlyList<ExampleComment> Examples, bool Redacted)
{
    /// <summary>The rest of the trust was too many comments to read: the phrases compare with a sample of them.</summary>
    public bool Sampled => ComparedElsewhere < CommentsElsewhere;
}

/// <summary>
/// Theme insight: how often each theme comes up and how patients feel about it, for a trust, division or unit against
/// the trust, month by month, and the words that set one unit's comments on a theme apart from the rest of the trust's.
/// </summary>
/// <remarks>
/// "The trust" is the trust as far as the user can see: every query is limited to the units in their scope, so a ward
/// manager scoped to one ward has nothing to compare with, and a figure never counts a comment its drill-down link
/// would not show. Divisions are units' current divisions, as the comment search filters them, for the same reason.
/// The figures come from the theme aggregates (<c>theme_monthly</c>, <c>coded_monthly</c>, see <see cref="ThemeAggregates"/>);
/// only key phrases and example comments read the comments themselves.
/// </remarks>
public static class ThemeQuery
{
    public const int ExampleCount = 5;

    /// <summary>
    /// The most comments from the rest of the trust that key phrases read. Reading the text of every comment on a common
    /// theme in a large trust took seconds; a sample this size gives the rest of the trust's word rates closely enough.
    /// </summary>
    public const int ComparisonSample = 5000;

    private sealed record Unit(int Id, string Name, int TrustId, int? DivisionId);

    /// <summary>A theme's summed figures in one month (or, for the trust, over the range: month 0).</summary>
    private sealed record Sums(string Label, string? Category, int Month, long Comments, long WithSentiment, long SentimentTotal, long Positive, long Negative);

    private sealed record Slice(ThemeFilter Filter, string TrustName, List<Unit> TrustUnits, HashSet<int> Here, Dictionary<int, string> Divisions,
        List<Choice> Trusts, bool WholeInstallation);

    /// <summary>Resolves the filter against the user's scope; null when the trust, division or unit is not theirs to see.</summary>
    private static async Task<Slice?> ResolveAsync(HeardDbContext db, ThemeFilter f, HashSet<int>? scope, CancellationToken ct)
    {
        var units = (await db.Units.AsNoTracking().Select(u => new Unit(u.Id, u.Name, u.TrustId, u.DivisionId)).ToListAsync(ct))
            .Where(u => scope is null || scope.Contains(u.Id)).ToList();
        var trusts = (await db.Trusts.AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(ct))
            .Where(t => units.Any(u => u.TrustId == t.Id)).Select(t => new Choice(t.Id, t.Name)).ToList();
        if (trusts.Count == 0) return null;
        var trustId = f.TrustId ?? (f.UnitId is int uid ? units.FirstOrDefault(u => u.Id == uid)?.TrustId : null)
            ?? (f.DivisionId is int did ? units.FirstOrDefault(u => u.DivisionId == did)?.TrustId : null) ?? trusts[0].Id;
        var trust = trusts.FirstOrDefault(t => t.Id == trustId);
        if (trust is null) return null;
        var trustUnits = units.Where(u => u.TrustId == trustId).ToList();
        var here = trustUnits.Where(u => (f.UnitId is null || u.Id == f.UnitId) && (f.DivisionId is null || u.DivisionId == f.DivisionId))
            .Select(u => u.Id).ToHashSet();
        if (here.Count == 0) return null;
        var divisions = await db.Divisions.AsNoTracking().Where(d => d.TrustId == trustId).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        return new Slice(f with { TrustId = trustId }, trust.Name, trustUnits, here, divisions, trusts, scope is null);
    }

    /// <summary>
    /// Responses of the trust (within scope) in the month range, for reading comments. Starts from
    /// <c>feedback</c> by trust and date, so the database walks <c>ix_feedback_trust_id_received_on</c>, then each
    /// response's answers and their codes by their foreign-key indexes.
    /// </summary>
    private static IQueryable<Heard.Data.Model.FeedbackRecord> Responses(HeardDbContext db, Slice s, IReadOnlyCollection<int>? units)
    {
        var f = s.Filter;
        var from = DashboardFilter.StartOf(f.FromMonth);
        var to = DashboardFilter.StartOf(f.ToMonth).AddMonths(1);
        var trustId = f.TrustId!.Value;
        var q = db.Feedback.AsNoTracking().Where(r => r.TrustId == trustId && r.ReceivedOn >= from && r.ReceivedOn < to);
        if (f.Source is not null) q = q.Where(r => r.Source == f.Source);
        if (f.Setting is not null) q = q.Where(r => r.Setting == f.Setting);
        if (units is not null)
        {
            var ids = units.ToList();
            q = q.Where(r => ids.Contains(r.UnitId));
        }
        return q;
    }

    public static async Task<ThemeView?> LoadAsync(HeardDbContext db, ThemeFilter filter, HashSet<int>? scope, CancellationToken ct = default)
    {
        var s = await ResolveAsync(db, filter, scope, ct);
        if (s is null) return null;
        var f = s.Filter;
        // An administrator sees every unit: leave the unit list out of the SQL rather than list them all.
        var comparisonUnits = s.WholeInstallation ? null : s.TrustUnits.Select(u => u.Id).ToList();
        var trustId = f.TrustId!.Value;
        var themeRows = db.ThemeMonthly.AsNoTracking().Where(t => t.TrustId == trustId && t.Month >= f.FromMonth && t.Month <= f.ToMonth);
        var codedRows = db.CodedMonthly.AsNoTracking().Where(t => t.TrustId == trustId && t.Month >= f.FromMonth && t.Month <= f.ToMonth);
        if (f.Source is not null)
        {
            themeRows = themeRows.Where(t => t.Source == f.Source);
            codedRows = codedRows.Where(t => t.Source == f.Source);
        }
        if (f.Setting is not null)
        {
            themeRows = themeRows.Where(t => t.Setting == f.Setting);
            codedRows = codedRows.Where(t => t.Setting == f.Setting);
        }
        if (comparisonUnits is not null)
        {
            themeRows = themeRows.Where(t => comparisonUnits.Contains(t.UnitId));
            codedRows = codedRows.Where(t => comparisonUnits.Contains(t.UnitId));
        }
        // Nothing to compare with when the slice is the whole trust, or all of it the user can see.
        var compared = f.Level != "trust" && s.Here.Count < s.TrustUnits.Count;
        var months = f.Months().ToList();

        // The aggregates hold a row per unit, month, source, setting and theme (about 40,000 in a large trust's year):
        // the database sums them to the slice's theme-months and the trust's themes, so only a few hundred rows come back.
        var hereUnits = s.Here.ToList();
        var hereRows = f.Level == "trust" ? themeRows : themeRows.Where(t => hereUnits.Contains(t.UnitId));
        var hereByMonth = await hereRows
            .GroupBy(t => new { t.Month, t.Label, t.Category })
            .Select(g => new Sums(g.Key.Label, g.Key.Category, g.Key.Month, g.Sum(t => t.Comments), g.Sum(t => t.SentimentCount),
                g.Sum(t => t.SentimentSum), g.Sum(t => t.Positive), g.Sum(t => t.Negative)))
            .ToListAsync(ct);
        var trustByTheme = compared
            ? await themeRows
                .GroupBy(t => new { t.Label, t.Category })
                .Select(g => new Sums(g.Key.Label, g.Key.Category, 0, g.Sum(t => t.Comments), g.Sum(t => t.SentimentCount),
                    g.Sum(t => t.SentimentSum), g.Sum(t => t.Positive), g.Sum(t => t.Negative)))
                .ToListAsync(ct)
            : [];
        var coded = await codedRows.GroupBy(t => t.UnitId).Select(g => new { UnitId = g.Key, Coded = g.Sum(t => t.Coded) }).ToListAsync(ct);
        var codedHere = coded.Where(x => s.Here.Contains(x.UnitId)).Sum(x => x.Coded);
        var codedTrust = coded.Sum(x => x.Coded);

        static ThemeFigures Figures(IEnumerable<Sums> rows, long denominator) => new(rows.Sum(x => x.Comments), denominator,
            rows.Sum(x => x.WithSentiment), rows.Sum(x => x.SentimentTotal), rows.Sum(x => x.Positive), rows.Sum(x => x.Negative));

        var hereLookup = hereByMonth.ToLookup(x => x.Label);
        var trustLookup = trustByTheme.ToLookup(x => x.Label);
        var themes = hereByMonth.Concat(trustByTheme).Select(x => x.Label).Distinct().Select(label =>
        {
            var inSlice = hereLookup[label].ToList();
            var here = Figures(inSlice, codedHere);
            ThemeFigures? trust = null;
            double? z = null;
            if (compared)
            {
                trust = Figures(trustLookup[label], codedTrust);
                z = ProportionTest.TwoProportionZ(here.Comments, here.Coded, trust.Comments - here.Comments, trust.Coded - here.Coded);
            }
            var byMonth = months.Select(m =>
            {
                var inMonth = Figures(inSlice.Where(x => x.Month == m), 0);
                return new ThemeMonth(m, inMonth.Comments, inMonth.MeanSentiment);
            }).ToList();
            var category = inSlice.Concat(trustLookup[label]).Select(x => x.Category).FirstOrDefault(c => c is not null) ?? "Other";
            return new ThemeRow(category, label, here, trust, z, z >= ProportionTest.Critical, byMonth);
        })
        .Where(t => t.Here.Comments > 0 || (t.Trust?.Comments ?? 0) > 0)
        .OrderBy(t => t.Category, StringComparer.Ordinal).ThenByDescending(t => t.Here.Comments).ThenBy(t => t.Theme, StringComparer.Ordinal)
        .ToList();

        var unit = f.UnitId is int uid ? s.TrustUnits.First(u => u.Id == uid) : null;
        var title = unit?.Name ?? (f.DivisionId is int d ? s.Divisions.GetValueOrDefault(d, "Division") : s.TrustName);
        return new ThemeView(title, f.Level, f, s.TrustName, Breadcrumbs(s, f), codedHere, codedTrust, compared, months, themes, s.Trusts,
            s.Divisions.Where(kv => s.TrustUnits.Any(u => u.DivisionId == kv.Key)).OrderBy(kv => kv.Value).Select(kv => new Choice(kv.Key, kv.Value)).ToList(),
            s.TrustUnits.OrderBy(u => u.Name).Select(u => new Choice(u.Id, u.Name)).ToList());
    }

    /// <summary>
    /// The key phrases of one unit's comments on a theme against the rest of the trust's (within scope), and the unit's
    /// newest comments on it. Null when the unit is not the user's to see.
    /// </summary>
    public static async Task<KeyPhraseView?> KeyPhrasesAsync(HeardDbContext db, ThemeFilter filter, string theme, HashSet<int>? scope,
        bool canReadIdentifiable, int top = KeyPhrases.DefaultTop, CancellationToken ct = default)
    {
        if (filter.UnitId is not int unitId) return null;
        var s = await ResolveAsync(db, filter with { DivisionId = null }, scope, ct);
        if (s is null) return null;
        var f = s.Filter;
        var comparisonUnits = s.WholeInstallation ? null : s.TrustUnits.Select(u => u.Id).ToList();
        var here = (await (from r in Responses(db, s, [unitId])
                           join a in db.FeedbackAnswers on r.Id equals a.FeedbackRecordId
                           where a.Text != null && db.CommentCodes.Any(c => c.FeedbackAnswerId == a.Id && c.Label == theme && c.RemovedAt == null)
                           select a.Text)
            .ToListAsync(ct))!;

        // The rest of the trust: how many comments from the aggregates, then every k-th response (by id, so the sample
        // is the same on every request and spread over the months) read from the theme's codes by their label index.
        var others = db.ThemeMonthly.AsNoTracking().Where(t => t.TrustId == f.TrustId && t.Label == theme && t.UnitId != unitId
            && t.Month >= f.FromMonth && t.Month <= f.ToMonth);
        if (f.Source is not null) others = others.Where(t => t.Source == f.Source);
        if (f.Setting is not null) others = others.Where(t => t.Setting == f.Setting);
        if (comparisonUnits is not null) others = others.Where(t => comparisonUnits.Contains(t.UnitId));
        var elsewhereCount = (int)await others.SumAsync(t => t.Comments, ct);
        var step = Math.Max(1, (elsewhereCount + ComparisonSample - 1) / ComparisonSample);
        var rest = Responses(db, s, comparisonUnits).Where(r => r.UnitId != unitId);
        var sample = await (from c in db.CommentCodes
                            where c.Label == theme && c.RemovedAt == null && c.FeedbackRecordId % step == 0
                            join a in db.FeedbackAnswers on c.FeedbackAnswerId equals a.Id
                            join r in rest on a.FeedbackRecordId equals r.Id
                            where a.Text != null
                            select new { a.Id, a.Text })
            .ToListAsync(ct);
        var elsewhere = sample.DistinctBy(c => c.Id).OrderBy(c => c.Id).Take(ComparisonSample).Select(c => c.Text!).ToList();
        var phrases = KeyPhrases.Distinguish(here, elsewhere, top);

        var examples = await (from r in Responses(db, s, [unitId])
                              join a in db.FeedbackAnswers on r.Id equals a.FeedbackRecordId
                              where a.Text != null && db.CommentCodes.Any(c => c.FeedbackAnswerId == a.Id && c.Label == theme && c.RemovedAt == null)
                              orderby r.ReceivedOn descending, a.Id descending
                              select new { r.Id, r.ReceivedOn, a.Text, a.Sentiment })
            .Take(ExampleCount).ToListAsync(ct);
        var category = await db.ThemeMonthly.AsNoTracking().Where(t => t.Label == theme && t.Category != null).Select(t => t.Category).FirstOrDefaultAsync(ct);
        var unit = s.TrustUnits.First(u => u.Id == unitId);
        return new KeyPhraseView(unit.Name, theme, category, f with { DivisionId = null }, s.TrustName, Breadcrumbs(s, f with { DivisionId = null }),
            here.Count, Math.Max(elsewhereCount, elsewhere.Count), elsewhere.Count, phrases,
            examples.Select(e => new ExampleComment(e.Id, e.ReceivedOn, canReadIdentifiable ? e.Text! : Redactor.Redact(e.Text), e.Sentiment)).ToList(),
            !canReadIdentifiable);
    }

    private static List<Crumb> Breadcrumbs(Slice s, ThemeFilter f)
    {
        var crumbs = new List<Crumb> { new(s.TrustName, Link(f with { DivisionId = null, UnitId = null })) };
        var division = f.DivisionId ?? (f.UnitId is int u ? s.TrustUnits.First(x => x.Id == u).DivisionId : null);
        if (division is int d && s.Divisions.TryGetValue(d, out var name) && (f.UnitId is not null))
            crumbs.Add(new(name, Link(f with { DivisionId = d, UnitId = null })));
        return crumbs;
    }

    /// <summary>The themes page for a filter.</summary>
    public static string Link(ThemeFilter f) => "/Themes?" + DashboardQuery.Query(f.AsDashboardFilter());

    /// <summary>One unit's key phrases for a theme.</summary>
    public static string KeyPhrasesLink(ThemeFilter f, int unitId, string theme) =>
        Link(f with { DivisionId = null, UnitId = unitId }).Replace("/Themes?", "/Themes/Theme?", StringComparison.Ordinal) + "&theme=" + Uri.EscapeDataString(theme);

    /// <summary>
    /// The comment search showing exactly the comments behind a figure: the slice (or the whole trust), the theme, the
    /// months, and optionally a sentiment band or a phrase.
    /// </summary>
    public static string CommentsLink(ThemeFilter f, string? theme, bool wholeTrust = false, int? month = null, string? band = null, string? phrase = null)
    {
        var q = new List<string>();
        if (phrase is not null) q.Add("q=" + Uri.EscapeDataString(phrase.Contains(' ', StringComparison.Ordinal) ? $"\"{phrase}\"" : phrase));
        q.Add($"trust={f.TrustId}");
        if (!wholeTrust && f.UnitId is int u) q.Add($"unit={u}");
        else if (!wholeTrust && f.DivisionId is int d) q.Add($"division={d}");
        if (theme is not null) q.Add("theme=" + Uri.EscapeDataString(theme));
        var from = DashboardFilter.StartOf(month ?? f.FromMonth);
        var to = DashboardFilter.StartOf(month ?? f.ToMonth).AddMonths(1).AddDays(-1);
        q.Add("from=" + from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        q.Add("to=" + to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (f.Source is not null) q.Add("source=" + Uri.EscapeDataString(f.Source));
        if (f.Setting is not null) q.Add("setting=" + Uri.EscapeDataString(f.Setting));
        if (band is not null) q.Add("band=" + band);
        return "/Comments?" + string.Join('&', q);
    }
}
