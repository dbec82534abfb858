using System.Data;
using System.Data.Common;
using System.Runtime.InteropServices;
using Heard.Data;
using Microsoft.EntityFrameworkCore;
using Heard.Web.Infrastructure;

namespace Heard.Web.Features.Themes;

/// <summary>
/// The theme aggregates (<c>theme_monthly</c>, <c>coded_monthly</c>) are a cache of the coded comments. This recomputes
/// them from the raw tables: all of them (<c>heard rebuild</c>), or the unit-months a correction touched.
/// </summary>
/// <remarks>
/// A comment counts once per label, whatever number of codes of that label it carries, and only while it has text;
/// a removed code counts nowhere. The same rules are in the 0006 migration's fill and in <see cref="ThemeTally"/>.
/// </remarks>
public static class ThemeAggregates
{
    private static string InsertThemes(string scope) => $"""
        INSERT INTO theme_monthly (unit_id, month, source, setting, label, trust_id, category, comments, sentiment_count, sentiment_sum, positive, negative)
        SELECT f.unit_id, f.month, f.source, f.setting, c.label, MIN(f.trust_id), MAX(c.category), COUNT(*), COUNT(a.sentiment), COALESCE(SUM(a.sentiment), 0),
            SUM(CASE WHEN a.sentiment IN (1, 2) THEN 1 ELSE 0 END), SUM(CASE WHEN a.sentiment IN (4, 5) THEN 1 ELSE 0 END)
        FROM (SELECT feedback_answer_id, label, MAX(category) AS category FROM comment_code
              WHERE removed_at IS NULL {(scope == "" ? "" : $"AND feedback_record_id IN (SELECT f.id FROM feedback f WHERE {scope})")}
              GROUP BY feedback_answer_id, label) c
        JOIN feedback_answer a ON a.id = c.feedback_answer_id
        JOIN feedback f ON f.id = a.feedback_record_id
        WHERE a.text IS NOT NULL {(scope == "" ? "" : "AND " + scope)}
        GROUP BY f.unit_id, f.month, f.source, f.setting, c.label
        """;

    private static string InsertCoded(string scope) => $"""
        INSERT INTO coded_monthly (unit_id, month, source, setting, trust_id, coded)
        SELECT f.unit_id, f.month, f.source, f.setting, MIN(f.trust_id), COUNT(*)
        FROM feedback_answer a JOIN feedback f ON f.id = a.feedback_record_id
        WHERE a.text IS NOT NULL AND EXISTS (SELECT 1 FROM comment_code c WHERE c.feedback_answer_id = a.id AND c.removed_at IS NULL)
            {(scope == "" ? "" : "AND " + scope)}
        GROUP BY f.unit_id, f.month, f.source, f.setting
        """;

    /// <summary>Recomputes both tables from the raw tables, in the caller's transaction if there is one.</summary>
    public static async Task<(int Themes, int Coded)> RebuildAsync(HeardDbContext db, CancellationToken ct = default)
    {
        await db.Database.ExecuteSqlRawAsync("DELETE FROM theme_monthly", ct);
        await db.Database.ExecuteSqlRawAsync("DELETE FROM coded_monthly", ct);
        var themes = await db.Database.ExecuteSqlRawAsync(InsertThemes(""), ct);
        var coded = await db.Database.ExecuteSqlRawAsync(InsertCoded(""), ct);
        return (themes, coded);
    }

    /// <summary>
    /// Recomputes the rows of the given unit-months from the raw tables, after a person changed some of their comments'
    /// codes or sentiment. Run it in the transaction that made the change, after the change is written.
    /// </summary>
    public static async Task RefreshAsync(HeardDbContext db, IEnumerable<(int Unit, int Month)> unitMonths, CancellationToken ct = default)
    {
        const string scope = "f.unit_id = {0} AND f.month = {1}";
        foreach (var (unit, month) in unitMonths.Distinct())
        {
            object[] args = [unit, month];
            await db.Database.ExecuteSqlRawAsync("DELETE FROM theme_monthly WHERE unit_id = {0} AND month = {1}", args, ct);
            await db.Database.ExecuteSqlRawAsync("DELETE FROM coded_monthly WHERE unit_id = {0} AND month = {1}", args, ct);
            await db.Database.ExecuteSqlRawAsync(InsertThemes(scope), args, ct);
            await db.Database.ExecuteSqlRawAsync(InsertCoded(scope), args, ct);
        }
    }
}

/// <summary>
/// Theme figures added up in memory while comments are coded in bulk (import, recode), written as increments when the
/// caller's chunk is committed, as <c>StoreWriter</c> does for <c>fft_monthly</c>. A recode takes a comment's old codes
/// out (sign -1) and puts its new ones in.
/// </summary>
public sealed class ThemeTally : IDisposable
{
    // The trust goes with the unit; it is in the key only to be written.
    private readonly record struct Slice(int Unit, int Month, string Source, string? Setting, int Trust);

    // comments, with sentiment, sentiment sum, positive, negative
    private readonly Dictionary<(Slice Slice, string Label), (string? Category, long[] Figures)> _themes = new();
    private readonly Dictionary<Slice, long> _coded = new();
    private bool _subtracted;

    public bool IsEmpty => _themes.Count == 0 && _coded.Count == 0;

    /// <summary>Counts one comment (sign 1) or takes it out (sign -1).</summary>
    public void Add(int trust, int unit, int month, string source, string? setting, IReadOnlyList<(string Label, string? Category)> codes, int? sentiment, int sign = 1)
    {
        if (codes.Count == 0) return;
        var slice = new Slice(unit, month, source, setting, trust);
        for (var i = 0; i < codes.Count; i++)
        {
            var (label, category) = codes[i];
            // A comment counts once per label (a model gives one code a label; a person may add one back).
            var repeated = false;
            for (var j = 0; j < i && !repeated; j++) repeated = codes[j].Label == label;
            if (repeated) continue;
            ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(_themes, (slice, label), out var existed);
            if (!existed) entry = (category, new long[5]);
            else if (entry.Category is null && category is not null) entry.Category = category;
            var f = entry.Figures;
            f[0] += sign;
            if (sentiment is int s)
            {
                f[1] += sign;
                f[2] += sign * s;
                if (s is 1 or 2) f[3] += sign;
                if (s is 4 or 5) f[4] += sign;
            }
        }
        CollectionsMarshal.GetValueRefOrAddDefault(_coded, slice, out _) += sign;
        if (sign < 0) _subtracted = true;
    }

    // Kept from one flush to the next, so each database prepares them once per import or recode.
    private BulkStatement? _upsertTheme, _upsertCoded;

    /// <summary>How a chunk's theme figures add to those already held; the PostgreSQL importer's batched upsert adds the same way.</summary>
    internal const string ThemeMonthlyAdds = """
        ON CONFLICT (unit_id, month, source, (COALESCE(setting, '')), label) DO UPDATE SET
            category = COALESCE(theme_monthly.category, excluded.category),
            comments = theme_monthly.comments + excluded.comments,
            sentiment_count = theme_monthly.sentiment_count + excluded.sentiment_count,
            sentiment_sum = theme_monthly.sentiment_sum + excluded.sentiment_sum,
            positive = theme_monthly.positive + excluded.positive,
            negative = theme_monthly.negative + excluded.negative
        """;

    internal const string CodedMonthlyAdds =
        "ON CONFLICT (unit_id, month, source, (COALESCE(setting, ''))) DO UPDATE SET coded = coded_monthly.coded + excluded.coded";

    public async Task FlushAsync(DbConnection conn, DbTransaction? tx, CancellationToken ct)
    {
        if (IsEmpty) return;
        _upsertTheme ??= Command(conn, $"""
            INSERT INTO theme_monthly (unit_id, month, source, setting, label, trust_id, category, comments, sentiment_count, sentiment_sum, positive, negative)
            VALUES (@unit, @month, @source, @setting, @label, @trust, @category, @n, @sc, @ss, @p, @neg)
            {ThemeMonthlyAdds}
            """, "@unit", "@month", "@source", "@setting", "@label", "@trust", "@category", "@n", "@sc", "@ss", "@p", "@neg");
        _upsertCoded ??= Command(conn, $"""
            INSERT INTO coded_monthly (unit_id, month, source, setting, trust_id, coded) VALUES (@unit, @month, @source, @setting, @trust, @n)
            {CodedMonthlyAdds}
            """, "@unit", "@month", "@source", "@setting", "@trust", "@n");
        _upsertTheme.Transaction = _upsertCoded.Transaction = tx;
        foreach (var ((slice, label), (category, f)) in _themes)
        {
            if (f[0] == 0 && f[1] == 0 && f[2] == 0 && f[3] == 0 && f[4] == 0) continue;
            Set(_upsertTheme, slice.Unit, slice.Month, slice.Source, slice.Setting, label, slice.Trust, category, f[0], f[1], f[2], f[3], f[4]);
            await _upsertTheme.ExecuteAsync(ct);
        }
        foreach (var (slice, n) in _coded)
        {
            if (n == 0) continue;
            Set(_upsertCoded, slice.Unit, slice.Month, slice.Source, slice.Setting, slice.Trust, n);
            await _upsertCoded.ExecuteAsync(ct);
        }
        if (_subtracted)
        {
            // A rebuild has no row for a theme no comment carries any more.
            await using var cmd = conn.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = "DELETE FROM theme_monthly WHERE comments = 0; DELETE FROM coded_monthly WHERE coded = 0;";
            await cmd.ExecuteNonQueryAsync(ct);
        }
        _upsertTheme.Transaction = _upsertCoded.Transaction = null;
        _themes.Clear();
        _coded.Clear();
        _subtracted = false;
    }

    /// <summary>The theme increments held, for a writer that sends them in one statement (PostgresChunkWriter).</summary>
    public IEnumerable<(int Unit, int Month, string Source, string? Setting, int Trust, string Label, string? Category, long[] Figures)> ThemeFigures =>
        _themes.Select(t => (t.Key.Slice.Unit, t.Key.Slice.Month, t.Key.Slice.Source, t.Key.Slice.Setting, t.Key.Slice.Trust, t.Key.Label,
            t.Value.Category, t.Value.Figures));

    /// <summary>The coded-comment increments held, for a writer that sends them in one statement.</summary>
    public IEnumerable<(int Unit, int Month, string Source, string? Setting, int Trust, long Coded)> CodedFigures =>
        _coded.Select(c => (c.Key.Unit, c.Key.Month, c.Key.Source, c.Key.Setting, c.Key.Trust, c.Value));

    /// <summary>Forgets what is held, once a caller has written it by other means.</summary>
    public void Clear()
    {
        _themes.Clear();
        _coded.Clear();
        _subtracted = false;
    }

    // Typed, so PostgreSQL knows what a null setting or category is.
    private static BulkStatement Command(DbConnection conn, string sql, params string[] names) =>
        new(conn, sql, names, n =>
            n is "@source" or "@setting" or "@label" or "@category" ? DbType.String : n is "@unit" or "@month" or "@trust" ? DbType.Int32 : DbType.Int64);

    private static void Set(BulkStatement statement, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) statement.Set(i, values[i]);
    }

    public void Dispose()
    {
        _upsertTheme?.Dispose();
        _upsertCoded?.Dispose();
    }
}
