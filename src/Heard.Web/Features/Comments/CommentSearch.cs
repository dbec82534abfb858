using System.Data.Common;
using System.Globalization;
using System.Text;
using Heard.Analysis.Search;
using Heard.Analysis.Text;
using Heard.Data;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Comments;

/// <summary>What to look for: the typed query plus the filters. Every filter is optional.</summary>
public sealed record CommentFilter(
    string? Query = null,
    int? UnitId = null,
    DateOnly? From = null,
    DateOnly? To = null,
    string? Source = null,
    string? Theme = null,
    int? Sentiment = null,
    /// <summary>FFT answer 1-6, or 0 for "no rating given".</summary>
    int? Answer = null,
    int Page = 1,
    int? TrustId = null,
    /// <summary>Units whose current division this is.</summary>
    int? DivisionId = null,
    string? Setting = null,
    /// <summary>"positive" (sentiment 1-2) or "negative" (4-5): the bands the theme figures count.</summary>
    string? Band = null);

public sealed record FoundComment(
    long FeedbackId, long AnswerId, DateOnly Date, int UnitId, string UnitName, string Source, int? FftAnswer, string Question,
    string Text, int? Sentiment, IReadOnlyList<string> Themes);

public sealed record CommentResults(IReadOnlyList<FoundComment> Comments, long Total, bool TotalIsCapped, int Page, int PageSize, IReadOnlyList<string> Highlight)
{
    public int Pages => (int)Math.Min(int.MaxValue, (Total + PageSize - 1) / PageSize);
}

/// <summary>
/// Full-text search over every free-text answer in the user's scope, newest first. The query is parsed once
/// (<see cref="CommentSearchQuery"/>) and run on SQLite's FTS5 index or PostgreSQL's English text index, so stemming,
/// phrases and AND/OR/NOT behave alike on both.
/// </summary>
public static class CommentSearch
{
    public const string PositiveBand = "positive";
    public const string NegativeBand = "negative";
    public static readonly string[] Bands = [PositiveBand, NegativeBand];
    public const int PageSize = 25;
    /// <summary>Counting stops here: the exact size of a very broad search is not worth reading every comment for.</summary>
    public const int CountCap = 10_000;

    /// <summary>Rows an export may hold: enough for any ward or theme, bounded so one request cannot read the whole store.</summary>
    public const int ExportCap = 100_000;

    /// <summary>
    /// The FROM and WHERE of a search, its order, the cheapest way to count it, and its parameters; null when the
    /// user's scope holds no unit.
    /// </summary>
    /// <remarks>
    /// <c>KeysFrom</c>, when set, lists the index keys of every match in scope newest first, so one walk both counts
    /// the search and finds the page.
    /// </remarks>
    private sealed record SearchSql(string From, string OrderBy, string CountFrom, List<(string Name, object Value)> Parameters, CommentSearchQuery? Query,
        string? KeysFrom = null);

    /// <summary>
    /// SQLite's comment index is keyed by day received and answer (migration 0007): key = day * 2^32 + answer id, where
    /// day is the Julian day number less 2,440,000, as SQLite's <c>CAST(julianday(d) AS INTEGER) - 2440000</c> gives.
    /// Walking the index newest key first is walking comments newest first, so a page needs no sort of every match.
    /// </summary>
    /// <summary>Up to this many units, a text search reads the units' comments rather than every match.</summary>
    private const int FewUnits = 20;

    public static long SearchKeyDay(DateOnly date) => date.DayNumber + 1_721_425L - 2_440_000L;

    private static SearchSql? Build(HeardDbContext db, CommentFilter filter, HashSet<int>? unitsInScope)
    {
        var query = CommentSearchQuery.Parse(filter.Query);
        var postgres = db.Database.IsNpgsql();
        const string hasText = "a.text IS NOT NULL";
        var where = new StringBuilder(hasText);
        var parameters = new List<(string, object)>();

        // PostgreSQL keeps each comment's unit and day received on the answer too (migration 0025), so the unit and date
        // filters narrow the answers' own indexes and combine with the text index before any feedback row is read.
        var own = postgres ? "a" : "f";
        if (unitsInScope is not null)
        {
            if (unitsInScope.Count == 0) return null;
            where.Append($" AND {own}.unit_id IN (").Append(string.Join(',', unitsInScope.Select(u => u.ToString(CultureInfo.InvariantCulture)))).Append(')');
        }
        if (filter.UnitId is int unit) { where.Append($" AND {own}.unit_id = @unit"); parameters.Add(("@unit", unit)); }
        if (filter.TrustId is int trust) { where.Append(" AND f.trust_id = @trust"); parameters.Add(("@trust", trust)); }
        if (filter.DivisionId is int division) { where.Append(" AND u.division_id = @division"); parameters.Add(("@division", division)); }
        if (filter.Setting is { Length: > 0 } setting) { where.Append(" AND f.setting = @setting"); parameters.Add(("@setting", setting)); }
        if (filter.Band == PositiveBand) where.Append(" AND a.sentiment IN (1, 2)");
        else if (filter.Band == NegativeBand) where.Append(" AND a.sentiment IN (4, 5)");
        if (filter.From is DateOnly from) { where.Append($" AND {own}.received_on >= @from"); parameters.Add(("@from", from)); }
        if (filter.To is DateOnly to) { where.Append($" AND {own}.received_on <= @to"); parameters.Add(("@to", to)); }
        if (filter.Source is { Length: > 0 } source) { where.Append(" AND f.source = @source"); parameters.Add(("@source", source)); }
        if (filter.Sentiment is int sentiment) { where.Append(" AND a.sentiment = @sentiment"); parameters.Add(("@sentiment", sentiment)); }
        if (filter.Answer is 0) where.Append(" AND f.fft_answer IS NULL AND f.source = 'fft'");
        else if (filter.Answer is int answer) { where.Append(" AND f.fft_answer = @answer"); parameters.Add(("@answer", answer)); }
        if (filter.Theme is { Length: > 0 } theme)
        {
            where.Append(" AND EXISTS (SELECT 1 FROM comment_code c WHERE c.feedback_answer_id = a.id AND c.label = @theme AND c.removed_at IS NULL)");
            parameters.Add(("@theme", theme));
        }
        const string joins = "feedback_answer a JOIN feedback f ON f.id = a.feedback_record_id JOIN unit u ON u.id = f.unit_id";
        var byDate = $"{own}.received_on DESC, a.id DESC";
        // Filters that are all on the answer (words, units, dates, sentiment, theme) let the answers alone be counted:
        // joining each match to its feedback row only to count it read every match's feedback (1 s for a month's
        // negative comments on a common word at 2,000,000 comments).
        var answerOnly = postgres &&
            filter with { Query = null, Page = 1, UnitId = null, From = null, To = null, Sentiment = null, Band = null, Theme = null } == new CommentFilter();
        if (query is null)
        {
            var plain = "FROM " + joins + " WHERE " + where;
            return new SearchSql(plain, byDate, answerOnly ? "FROM feedback_answer a WHERE " + where : plain, parameters, null);
        }
        if (postgres)
        {
            // The stored vector of migration 0024: a walk of comments by date checks it without parsing the text again.
            where.Append(" AND a.search_vector @@ to_tsquery('english', @q)");
            parameters.Add(("@q", query.ToTsQuery()));
            var textSearch = "FROM " + joins + " WHERE " + where;
            // With no filter but the words, the answers alone say how many match: joining each match to its feedback
            // row only to count it made the planner hash every match (4 s for a phrase at 2,000,000 comments), where
            // reading answers from the text index can stop at the count's cap.
            var counted = answerOnly ? "FROM feedback_answer a WHERE " + where : textSearch;
            return new SearchSql(textSearch, byDate, counted, parameters, query);
        }

        // SQLite: drive from the index newest first, narrowed to the date range by key, and stop at the page.
        parameters.Add(("@q", query.ToFts5()));
        var match = new StringBuilder("comment_search MATCH @q");
        if (filter.From is DateOnly lo) { match.Append(" AND s.rowid >= @keyFrom"); parameters.Add(("@keyFrom", SearchKeyDay(lo) << 32)); }
        if (filter.To is DateOnly hi) { match.Append(" AND s.rowid < @keyTo"); parameters.Add(("@keyTo", (SearchKeyDay(hi) + 1) << 32)); }
        // A few units (one ward's page, a ward manager's scope): list the index keys of the units' own comments that pass
        // the filters (read from the units' date index), then walk the index newest first keeping only matches on that
        // list, up to the count's cap. The unary plus makes the list a check on each match; without it FTS5 runs the
        // query once per key. Listing every match in the trust to check the units' comments against, as first done,
        // took 0.5 s for a common word (decision 0003). Only comments with text are in the index, so the list needs no
        // test of the text.
        var units = filter.UnitId is not null ? 1 : unitsInScope?.Count ?? int.MaxValue;
        if (units <= FewUnits)
        {
            var inUnits = where.ToString(hasText.Length + " AND ".Length, where.Length - hasText.Length - " AND ".Length);
            var unitJoin = filter.DivisionId is null ? "" : " JOIN unit u ON u.id = f.unit_id";
            var keys = "SELECT (CAST(julianday(f.received_on) AS INTEGER) - 2440000) * 4294967296 + a.id " +
                $"FROM feedback f CROSS JOIN feedback_answer a ON a.feedback_record_id = f.id{unitJoin} WHERE {inUnits}";
            var inScope = $"{match} AND +s.rowid IN ({keys})";
            var byKey = $"FROM comment_search s CROSS JOIN feedback_answer a ON a.id = (s.rowid & 4294967295) " +
                $"CROSS JOIN feedback f ON f.id = a.feedback_record_id CROSS JOIN unit u ON u.id = f.unit_id WHERE {inScope}";
            var keysFrom = $"FROM comment_search s WHERE {inScope}";
            return new SearchSql(byKey, "s.rowid DESC", keysFrom, parameters, query, keysFrom);
        }
        var fromIndex = $"FROM comment_search s JOIN {joins.Replace("feedback_answer a", "feedback_answer a ON a.id = (s.rowid & 4294967295)", StringComparison.Ordinal)} WHERE {match} AND {where}";
        // With no filter beyond the dates, the index alone says how many comments match.
        var onlyDates = unitsInScope is null && filter with { Query = null, From = null, To = null, Page = 1 } == new CommentFilter();
        var countFrom = onlyDates ? $"FROM comment_search s WHERE {match}" : fromIndex;
        return new SearchSql(fromIndex, "s.rowid DESC", countFrom, parameters, query);
    }

    public static async Task<CommentResults> RunAsync(HeardDbContext db, CommentFilter filter, HashSet<int>? unitsInScope,
        bool canReadIdentifiable, CancellationToken ct)
    {
        if (Build(db, filter, unitsInScope) is not { } search) return new([], 0, false, 1, PageSize, []);
        var (from_, orderBy, countFrom, parameters, query, keysFrom) = search;
        var conn = db.Database.GetDbConnection();
        if (conn.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);

        const string columns = "f.id, a.id, f.received_on, f.unit_id, u.name, f.source, f.fft_answer, a.question_key, a.text, a.sentiment";
        long total;
        int page;
        List<FoundRow> rows;
        if (keysFrom is not null)
        {
            // Few units: one walk of the index lists the matches in scope newest first, up to the count's cap; the page
            // is a slice of that list, read by answer id.
            var keys = new List<long>();
            await using (var list = Command(conn, $"SELECT s.rowid {keysFrom} ORDER BY s.rowid DESC LIMIT {CountCap + 1}", parameters))
            await using (var r = await list.ExecuteReaderAsync(ct))
                while (await r.ReadAsync(ct)) keys.Add(r.GetInt64(0));
            total = keys.Count;
            page = PageWithin(filter.Page, Math.Min(total, CountCap));
            var answers = keys.Skip((page - 1) * PageSize).Take(PageSize).Select(k => k & 0xFFFF_FFFFL).ToList();
            rows = answers.Count == 0 ? [] : await ReadRowsAsync(conn,
                $"SELECT {columns} FROM feedback_answer a JOIN feedback f ON f.id = a.feedback_record_id JOIN unit u ON u.id = f.unit_id " +
                $"WHERE a.id IN ({string.Join(',', answers.Select(a => a.ToString(CultureInfo.InvariantCulture)))})", [], ct);
            rows = [.. rows.OrderBy(x => answers.IndexOf(x.AnswerId))];
        }
        else
        {
            await using (var count = Command(conn, $"SELECT COUNT(*) FROM (SELECT 1 {countFrom} LIMIT {CountCap + 1}) x", parameters))
                total = Convert.ToInt64(await count.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
            page = PageWithin(filter.Page, Math.Min(total, CountCap));
            rows = await ReadRowsAsync(conn, $"""
                SELECT {columns}
                {from_}
                ORDER BY {orderBy}
                LIMIT {PageSize} OFFSET {(page - 1) * PageSize}
                """, parameters, ct);
        }
        var capped = total > CountCap;
        if (capped) total = CountCap;

        var answerIds = rows.Select(x => x.AnswerId).ToList();
        var themes = (await db.CommentCodes.AsNoTracking()
                .Where(c => answerIds.Contains(c.FeedbackAnswerId) && c.RemovedAt == null)
                .Select(c => new { c.FeedbackAnswerId, c.Label }).ToListAsync(ct))
            .ToLookup(c => c.FeedbackAnswerId, c => c.Label);

        var comments = rows.Select(x => new FoundComment(x.FeedbackId, x.AnswerId, x.Date, x.UnitId, x.UnitName, x.Source, x.Fft, x.Question,
            canReadIdentifiable ? x.Text : Redactor.Redact(x.Text), x.Sentiment, themes[x.AnswerId].Order(StringComparer.Ordinal).ToList())).ToList();
        return new CommentResults(comments, total, capped, page, PageSize, query?.PositiveWords() ?? []);
    }

    private sealed record FoundRow(long FeedbackId, long AnswerId, DateOnly Date, int UnitId, string UnitName, string Source, int? Fft,
        string Question, string Text, int? Sentiment);

    /// <summary>The requested page, or the nearest page that holds comments.</summary>
    private static int PageWithin(int requested, long total) => Math.Clamp(requested, 1, Math.Max(1, (int)((total + PageSize - 1) / PageSize)));

    private static async Task<List<FoundRow>> ReadRowsAsync(DbConnection conn, string sql, List<(string Name, object Value)> parameters, CancellationToken ct)
    {
        var rows = new List<FoundRow>();
        await using var cmd = Command(conn, sql, parameters);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            rows.Add(new(r.GetInt64(0), r.GetInt64(1), ReadDate(r, 2), r.GetInt32(3), r.GetString(4), r.GetString(5),
                r.IsDBNull(6) ? null : r.GetInt32(6), r.GetString(7), r.GetString(8), r.IsDBNull(9) ? null : r.GetInt32(9)));
        }
        return rows;
    }

    /// <summary>
    /// Writes every comment the search finds (newest first, at most <see cref="ExportCap"/>) as CSV, streamed row by
    /// row, redacted unless the reader is cleared for identifiable data. Returns the number of comments written.
    /// </summary>
    public static async Task<int> ExportAsync(HeardDbContext db, CommentFilter filter, HashSet<int>? unitsInScope,
        bool canReadIdentifiable, TextWriter writer, CancellationToken ct)
    {
        Organisation.CsvText.WriteRecord(writer, ExportColumns);
        if (Build(db, filter, unitsInScope) is not { } search) return 0;
        var themes = db.Database.IsNpgsql()
            ? "(SELECT string_agg(c.label, '|' ORDER BY c.label) FROM comment_code c WHERE c.feedback_answer_id = a.id AND c.removed_at IS NULL)"
            : "(SELECT group_concat(c.label, '|') FROM comment_code c WHERE c.feedback_answer_id = a.id AND c.removed_at IS NULL)";
        var sql = $"""
            SELECT f.id, f.received_on, u.name, f.source, f.fft_answer, a.question_key, a.text, a.sentiment, {themes}
            {search.From}
            ORDER BY {search.OrderBy}
            LIMIT {ExportCap}
            """;
        var conn = db.Database.GetDbConnection();
        if (conn.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        var written = 0;
        await using var cmd = Command(conn, sql, search.Parameters);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var text = r.GetString(6);
            var labels = r.IsDBNull(8) ? "" : string.Join('|', r.GetString(8).Split('|').Order(StringComparer.Ordinal));
            Organisation.CsvText.WriteRecord(writer,
            [
                r.GetInt64(0).ToString(CultureInfo.InvariantCulture),
                ReadDate(r, 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                r.GetString(2),
                FeedbackSourcesLabel(r.GetString(3)),
                r.IsDBNull(4) ? "" : Heard.Analysis.Fft.FftAnswers.Label((Heard.Analysis.Fft.FftAnswer)r.GetInt32(4)),
                r.GetString(5),
                canReadIdentifiable ? text : Redactor.Redact(text),
                r.IsDBNull(7) ? "" : r.GetInt32(7).ToString(CultureInfo.InvariantCulture),
                labels,
            ]);
            written++;
        }
        await writer.FlushAsync(ct);
        return written;
    }

    public static readonly string[] ExportColumns =
        ["feedback_id", "date", "unit", "source", "fft_answer", "question", "comment", "sentiment", "themes"];

    private static string FeedbackSourcesLabel(string source) => Heard.Data.Model.FeedbackSources.Label(source);

    private static DateOnly ReadDate(DbDataReader r, int column) => r.GetFieldValue<object>(column) switch
    {
        DateOnly d => d,
        DateTime dt => DateOnly.FromDateTime(dt),
        var o => DateOnly.Parse(Convert.ToString(o, CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture),
    };

    private static DbCommand Command(DbConnection conn, string sql, List<(string Name, object Value)> parameters)
    {
        var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            cmd.Parameters.Add(p);
        }
        return cmd;
    }

    /// <summary>
    /// Splits a comment into plain and highlighted runs: a word is highlighted when it shares its stem with a searched
    /// word, roughly as the index matched it (e.g. "waited" for "waiting").
    /// </summary>
    public static IReadOnlyList<(string Text, bool Highlight)> Highlight(string text, IReadOnlyList<string> words)
    {
        if (words.Count == 0) return [(text, false)];
        var stems = words.Select(Stem).Where(s => s.Length > 0).ToHashSet(StringComparer.Ordinal);
        var runs = new List<(string, bool)>();
        var i = 0;
        var plainStart = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i])) { i++; continue; }
            var start = i;
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '\'')) i++;
            var word = text[start..i];
            var stem = Stem(word.ToLowerInvariant().Replace("'", "", StringComparison.Ordinal));
            if (stems.Contains(stem) || words.Any(w => w.Length >= 4 && stem.StartsWith(w, StringComparison.Ordinal)))
            {
                if (start > plainStart) runs.Add((text[plainStart..start], false));
                runs.Add((word, true));
                plainStart = i;
            }
        }
        if (plainStart < text.Length) runs.Add((text[plainStart..], false));
        return runs;
    }

    /// <summary>A crude English stem ("waiting", "waited", "waits" all "wait"); routing keywords match by it too.</summary>
    internal static string Stem(string word)
    {
        foreach (var suffix in new[] { "ingly", "edly", "ing", "ed", "ies", "es", "ly", "s" })
            if (word.Length > suffix.Length + 2 && word.EndsWith(suffix, StringComparison.Ordinal))
                return word[..^suffix.Length];
        return word;
    }
}
