using System.Text.Json;
using Heard.Analysis.Fft;
using Heard.Analysis.Text;
using Heard.Data.Model;
using Heard.Web.Features.Coding;
using Npgsql;
using NpgsqlTypes;

namespace Heard.Web.Features.Import;

/// <summary>
/// Writes one chunk of an FFT or other-feedback file to PostgreSQL in about ten statements instead of several a row:
/// a round trip each made a 100,000-row file take 80 s. Feedback goes in as one multi-row insert that skips keys
/// already held; answers, codes, contacts and the verbatim rows go in by binary COPY with ids reserved beforehand;
/// alerts and aggregates as one statement each. The outcome of every row is what <see cref="StoreWriter"/> gives it
/// row by row: duplicates, the n-th identical row's key, the quarantine, the aggregates and the alerts are the same.
/// </summary>
/// <remarks>
/// Identical rows without a response id are decided before anything is written. StoreWriter tries the row's key,
/// then key #1, #2..., passing over keys this batch stored and stopping at a free key (stored) or one another
/// import holds (a duplicate). Here the keys' holders are looked up for a chunk at once and that walk is played
/// out in memory; this batch's own rows are known by id, loaded once when an interrupted batch resumes.
/// </remarks>
public sealed class PostgresChunkWriter(NpgsqlConnection conn, CommentCoder? coder) : IDisposable
{
    // Ids of the feedback this batch stored under a row-content key (no response id): the only keys whose holder matters.
    private readonly HashSet<long> _batchContentRows = [];
    private long _batchLoaded = -1;
    private readonly Dictionary<(int Unit, int Site, int Month, string Setting), long[]> _fft = new();
    private readonly Dictionary<(int Unit, int Month, string Source), long> _sources = new();
    private readonly Themes.ThemeTally _themes = new();

    // Aggregate slots as in StoreWriter: six answers, no rating, eight modes, comments.
    private const int NoRatingSlot = 6, ModeSlot = 7, CommentSlot = 15, Slots = 16;

    /// <summary>Safeguarding alerts raised by the comments this writer stored.</summary>
    public int SafeguardingAlertsRaised { get; private set; }

    private sealed class Stored(int index, OrganisationDirectory.Resolved where, string source, string baseKey, bool byContent)
    {
        public int Index { get; } = index;
        public OrganisationDirectory.Resolved Where { get; } = where;
        public string Source { get; } = source;
        public string BaseKey { get; } = baseKey;
        /// <summary>Keyed by the row's content (an FFT row without response id): identical rows take key #1, #2...</summary>
        public bool ByContent { get; } = byContent;
        public string? Key { get; set; }
        public long Id { get; set; }
    }

    private sealed class SameKey(Stored first)
    {
        public List<Stored> Rows { get; } = [first];
        public Dictionary<int, long?> Holders { get; } = new();
        public int Next { get; set; }
        public int Decided { get; set; }
        public string KeyAt(int occurrence) => occurrence == 0 ? Rows[0].BaseKey : $"{Rows[0].BaseKey}#{occurrence}";
    }

    /// <summary>Writes the chunk in the caller's transaction and counts its rows into <paramref name="batch"/>.</summary>
    /// <param name="rejected">Called in row order for each row that goes to the quarantine; it counts the row.</param>
    public async Task WriteAsync(ImportBatch batch, IReadOnlyList<CsvRecord> chunk,
        IReadOnlyList<(object? Row, string? Reason, OrganisationDirectory.Resolved? Where)> parsed, PreparedComments prepared, DateTime now,
        Action<CsvRecord, string> rejected, CancellationToken ct)
    {
        if (_batchLoaded != batch.Id) await LoadBatchAsync(batch, ct);

        var status = new string[chunk.Count];
        var reasons = new string?[chunk.Count];
        var stored = new Stored?[chunk.Count];
        var keys = new Dictionary<(int Trust, string Source, string Key), SameKey>();
        for (var i = 0; i < chunk.Count; i++)
        {
            var rec = chunk[i];
            Stored? row = parsed[i] switch
            {
                (FftRow fft, _, { } where) => new Stored(i, where, FeedbackSources.Fft,
                    fft.ResponseId is not null ? "id:" + fft.ResponseId : "row:" + StoreWriter.ContentHash(rec.RawText), fft.ResponseId is null),
                (OtherFeedbackRow other, _, { } where) => new Stored(i, where, other.Source,
                    other.Reference is not null ? "id:" + other.Reference : "row:" + StoreWriter.ContentHash(rec.RawText), false),
                (EligibleRow, _, _) => throw new InvalidOperationException("eligible counts are written by StoreWriter"),
                _ => null,
            };
            if (row is null)
            {
                status[i] = RowStatuses.Rejected;
                reasons[i] = parsed[i].Reason ?? "the row could not be read";
                rejected(rec, reasons[i]!);
                continue;
            }
            stored[i] = row;
            if (keys.TryGetValue((row.Where.TrustId, row.Source, row.BaseKey), out var same)) same.Rows.Add(row);
            else keys[(row.Where.TrustId, row.Source, row.BaseKey)] = new SameKey(row);
        }

        var candidates = new List<Stored>();
        await DecideKeysAsync(keys.Values, candidates, ct);
        var inserted = await InsertFeedbackAsync(parsed, candidates, now, ct);

        for (var i = 0; i < chunk.Count; i++)
        {
            if (stored[i] is not { } row) continue;
            if (row.Key is not null && inserted.Contains(row.Id))
            {
                status[i] = RowStatuses.Imported;
                batch.Imported++;
                if (row.ByContent) _batchContentRows.Add(row.Id);
                continue;
            }
            status[i] = RowStatuses.Duplicate;
            batch.Duplicates++;
            reasons[i] = parsed[i].Row switch
            {
                FftRow { ResponseId: { } id } => $"response_id '{id}' is already held",
                OtherFeedbackRow { Reference: { } reference } => $"reference '{reference}' is already held",
                _ => "an identical row is already held",
            };
            stored[i] = null;
        }

        await WriteAnswersAsync(parsed, stored, prepared, now, ct);
        await WriteRowsAsync(batch.Id, chunk, status, reasons, stored, ct);
        await FlushAggregatesAsync(ct);
    }

    /// <summary>An interrupted batch's earlier runs stored rows this run must recognise as its own.</summary>
    private async Task LoadBatchAsync(ImportBatch batch, CancellationToken ct)
    {
        _batchContentRows.Clear();
        _batchLoaded = batch.Id;
        if (batch.RowsCommitted == 0) return;
        await using var cmd = new NpgsqlCommand("""
            SELECT f.id FROM imported_row r JOIN feedback f ON f.id = r.feedback_record_id
            WHERE r.import_batch_id = @batch AND f.source = 'fft' AND f.dedupe_key LIKE 'row:%'
            """, conn);
        cmd.Parameters.AddWithValue("batch", batch.Id);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) _batchContentRows.Add(reader.GetInt64(0));
    }

    /// <summary>Gives each row that may be stored its key; a row left without one is a duplicate.</summary>
    private async Task DecideKeysAsync(IEnumerable<SameKey> groups, List<Stored> candidates, CancellationToken ct)
    {
        var open = new List<SameKey>();
        foreach (var g in groups)
        {
            if (g.Rows[0].ByContent) { open.Add(g); continue; }
            // A response id or reference is one key: the first row tries it, and the rest are duplicates either way.
            g.Rows[0].Key = g.Rows[0].BaseKey;
            candidates.Add(g.Rows[0]);
        }
        for (var round = 0; open.Count > 0; round++)
        {
            // Look further each round: a file imported in parts may already hold many copies of one row.
            var ask = new List<(SameKey Group, int Occurrence)>();
            foreach (var g in open)
            {
                var span = (g.Rows.Count - g.Decided) << Math.Min(round, 10);
                for (var j = g.Next; j < g.Next + span; j++)
                    if (!g.Holders.ContainsKey(j)) ask.Add((g, j));
            }
            await using (var cmd = new NpgsqlCommand("""
                SELECT k.n, f.id FROM unnest(@trust, @key) WITH ORDINALITY AS k(trust_id, dedupe_key, n)
                JOIN feedback f ON f.trust_id = k.trust_id AND f.source = 'fft' AND f.dedupe_key = k.dedupe_key
                """, conn))
            {
                cmd.Parameters.Add(new NpgsqlParameter<int[]>("trust", ask.Select(a => a.Group.Rows[0].Where.TrustId).ToArray()));
                cmd.Parameters.Add(new NpgsqlParameter<string[]>("key", ask.Select(a => a.Group.KeyAt(a.Occurrence)).ToArray()));
                foreach (var (g, j) in ask) g.Holders[j] = null;
                await using var reader = await cmd.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    var (g, j) = ask[(int)reader.GetInt64(0) - 1];
                    g.Holders[j] = reader.GetInt64(1);
                }
            }
            foreach (var g in open)
            {
                while (g.Decided < g.Rows.Count && g.Holders.TryGetValue(g.Next, out var holder))
                {
                    if (holder is long id)
                    {
                        if (_batchContentRows.Contains(id)) { g.Next++; continue; }
                        // Held by another import: this copy and every later one are duplicates.
                        g.Decided = g.Rows.Count;
                        break;
                    }
                    var row = g.Rows[g.Decided++];
                    row.Key = g.KeyAt(g.Next++);
                    candidates.Add(row);
                }
            }
            open.RemoveAll(g => g.Decided == g.Rows.Count);
        }
        candidates.Sort((a, b) => a.Index.CompareTo(b.Index));
    }

    /// <summary>Inserts the candidates with ids reserved here; returns the ids actually stored (a key taken meanwhile is not).</summary>
    private async Task<HashSet<long>> InsertFeedbackAsync(IReadOnlyList<(object? Row, string? Reason, OrganisationDirectory.Resolved? Where)> parsed,
        List<Stored> candidates, DateTime now, CancellationToken ct)
    {
        var inserted = new HashSet<long>();
        if (candidates.Count == 0) return inserted;
        var ids = await ReserveAsync("feedback", candidates.Count, ct);
        var n = candidates.Count;
        var trust = new int[n]; var site = new int[n]; var unit = new int[n]; var month = new int[n];
        var source = new string[n]; var key = new string[n]; var date = new DateOnly[n];
        var setting = new string?[n]; var mode = new string?[n]; var external = new string?[n]; var details = new string?[n]; var demographics = new string?[n];
        var answer = new int?[n]; var survey = new int?[n];
        var publish = new bool?[n]; var contact = new bool?[n];
        for (var c = 0; c < n; c++)
        {
            var row = candidates[c];
            row.Id = ids[c];
            var where = row.Where;
            (trust[c], site[c], unit[c], source[c], key[c]) = (where.TrustId, where.SiteId, where.UnitId, row.Source, row.Key!);
            switch (parsed[row.Index].Row)
            {
                case FftRow fft:
                    date[c] = fft.Date;
                    setting[c] = where.Setting;
                    mode[c] = FftModes.Code(fft.Mode);
                    answer[c] = fft.Answer is null ? null : (int)fft.Answer;
                    external[c] = fft.ResponseId;
                    details[c] = fft.Extra.Count == 0 ? null : JsonSerializer.Serialize(fft.Extra.ToDictionary(e => e.Column, e => e.Value));
                    publish[c] = fft.ConsentToPublish;
                    contact[c] = fft.ConsentToContact;
                    demographics[c] = fft.Demographics is null ? null : JsonSerializer.Serialize(fft.Demographics);
                    survey[c] = fft.SurveyVersionId;
                    break;
                case OtherFeedbackRow other:
                    date[c] = other.Date;
                    external[c] = other.Reference;
                    details[c] = other.Details.Count == 0 ? null : JsonSerializer.Serialize(other.Details.ToDictionary(d => d.Column, d => d.Value));
                    publish[c] = other.ConsentToPublish;
                    break;
            }
            month[c] = date[c].Year * 100 + date[c].Month;
        }
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO feedback (id, trust_id, site_id, unit_id, source, setting, mode, received_on, month, fft_answer, external_id,
                dedupe_key, consent_to_publish, consent_to_contact, demographics_json, details_json, survey_version_id, created_at)
            SELECT r.*, @created FROM unnest(@id, @trust, @site, @unit, @source, @setting, @mode, @date, @month, @answer, @external,
                @key, @publish, @contact, @demographics, @details, @survey)
                AS r(id, trust_id, site_id, unit_id, source, setting, mode, received_on, month, fft_answer, external_id,
                    dedupe_key, consent_to_publish, consent_to_contact, demographics_json, details_json, survey_version_id)
            ON CONFLICT (trust_id, source, dedupe_key) DO NOTHING
            RETURNING id
            """, conn);
        cmd.Parameters.Add(new NpgsqlParameter<long[]>("id", ids));
        cmd.Parameters.Add(new NpgsqlParameter<int[]>("trust", trust));
        cmd.Parameters.Add(new NpgsqlParameter<int[]>("site", site));
        cmd.Parameters.Add(new NpgsqlParameter<int[]>("unit", unit));
        cmd.Parameters.Add(Texts("source", source));
        cmd.Parameters.Add(Texts("setting", setting));
        cmd.Parameters.Add(Texts("mode", mode));
        cmd.Parameters.Add(new NpgsqlParameter<DateOnly[]>("date", date));
        cmd.Parameters.Add(new NpgsqlParameter<int[]>("month", month));
        cmd.Parameters.Add(new NpgsqlParameter<int?[]>("answer", answer) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        cmd.Parameters.Add(Texts("external", external));
        cmd.Parameters.Add(Texts("key", key));
        cmd.Parameters.Add(new NpgsqlParameter<bool?[]>("publish", publish) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Boolean });
        cmd.Parameters.Add(new NpgsqlParameter<bool?[]>("contact", contact) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Boolean });
        cmd.Parameters.Add(Texts("demographics", demographics));
        cmd.Parameters.Add(Texts("details", details));
        cmd.Parameters.Add(new NpgsqlParameter<int?[]>("survey", survey) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        cmd.Parameters.Add(new NpgsqlParameter<DateTime>("created", now));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) inserted.Add(reader.GetInt64(0));
        return inserted;
    }

    private static NpgsqlParameter Texts(string name, string?[] values) =>
        new NpgsqlParameter<string?[]>(name, values) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };

    private readonly Dictionary<string, string> _sequences = new();

    /// <summary>Takes ids from the table's own sequence, so rows written by COPY can be referred to before they exist.</summary>
    private async Task<long[]> ReserveAsync(string table, int count, CancellationToken ct)
    {
        if (!_sequences.TryGetValue(table, out var sequence))
        {
            await using var find = new NpgsqlCommand("SELECT pg_get_serial_sequence(@table, 'id')", conn);
            find.Parameters.AddWithValue("table", table);
            _sequences[table] = sequence = (string)(await find.ExecuteScalarAsync(ct))!;
        }
        await using var cmd = new NpgsqlCommand("SELECT nextval(@sequence::regclass) FROM generate_series(1, @count)", conn);
        cmd.Parameters.AddWithValue("sequence", sequence);
        cmd.Parameters.AddWithValue("count", count);
        var ids = new long[count];
        var i = 0;
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) ids[i++] = reader.GetInt64(0);
        return ids;
    }

    private sealed record Answer(long Id, long FeedbackId, Stored Row, string Question, string? Text, int? Rating, CommentCoder.Result? Coded,
        IReadOnlyList<SafeguardingConcern> Concerns);

    /// <summary>Answers, their codes and safeguarding alerts, and contact details, for the rows stored.</summary>
    private async Task WriteAnswersAsync(IReadOnlyList<(object? Row, string? Reason, OrganisationDirectory.Resolved? Where)> parsed, Stored?[] stored,
        PreparedComments prepared, DateTime now, CancellationToken ct)
    {
        var count = 0;
        foreach (var row in stored)
        {
            count += row is null ? 0 : parsed[row.Index].Row switch
            {
                FftRow fft => fft.Comments.Count + (fft.Ratings?.Count ?? 0),
                OtherFeedbackRow { Text: not null } => 1,
                _ => 0,
            };
        }
        var ids = count == 0 ? [] : await ReserveAsync("feedback_answer", count, ct);
        var answers = new List<Answer>(count);
        var contacts = new List<(long Feedback, string? Name, string? Email, string? Phone)>();
        foreach (var row in stored)
        {
            if (row is null) continue;
            var ready = prepared.Row(row.Index);
            var where = row.Where;
            switch (parsed[row.Index].Row)
            {
                case FftRow fft:
                    var month = fft.Date.Year * 100 + fft.Date.Month;
                    if (fft.Contact is var (name, email, phone)) contacts.Add((row.Id, name, email, phone));
                    for (var j = 0; j < fft.Comments.Count; j++)
                    {
                        var (question, text) = fft.Comments[j];
                        answers.Add(Comment(ids[answers.Count], row, question, text, ready, j, (where.UnitId, month, FeedbackSources.Fft, where.Setting)));
                    }
                    foreach (var (question, rating) in fft.Ratings ?? [])
                        answers.Add(new Answer(ids[answers.Count], row.Id, row, question, null, rating, null, []));
                    Count(where.UnitId, where.SiteId, month, where.Setting!, fft.Answer, fft.Mode, fft.Comments.Count > 0);
                    break;
                case OtherFeedbackRow other:
                    var otherMonth = other.Date.Year * 100 + other.Date.Month;
                    if (other.Text is not null)
                        answers.Add(Comment(ids[answers.Count], row, "description", other.Text, ready, 0, (where.UnitId, otherMonth, other.Source, null)));
                    var slice = (where.UnitId, otherMonth, other.Source);
                    _sources[slice] = _sources.TryGetValue(slice, out var n) ? n + 1 : 1;
                    break;
            }
        }
        if (answers.Count == 0 && contacts.Count == 0) return;

        await using (var copy = await conn.BeginBinaryImportAsync("""
            COPY feedback_answer (id, feedback_record_id, question_key, rating, text, sentiment, sentiment_confidence, text_model_id, certainty)
            FROM STDIN (FORMAT BINARY)
            """, ct))
        {
            foreach (var a in answers)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(a.Id, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(a.FeedbackId, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(a.Question, NpgsqlDbType.Text, ct);
                await WriteAsync(copy, a.Rating, NpgsqlDbType.Integer, ct);
                await WriteAsync(copy, a.Text, NpgsqlDbType.Text, ct);
                await WriteAsync(copy, a.Coded?.Sentiment, NpgsqlDbType.Integer, ct);
                await WriteAsync(copy, a.Coded?.SentimentConfidence, NpgsqlDbType.Real, ct);
                await WriteAsync(copy, a.Coded?.TextModelId, NpgsqlDbType.Integer, ct);
                await WriteAsync(copy, a.Coded?.Certainty, NpgsqlDbType.Real, ct);
            }
            await copy.CompleteAsync(ct);
        }

        if (answers.Any(a => a.Coded is { Codes.Count: > 0 }))
        {
            await using var copy = await conn.BeginBinaryImportAsync("""
                COPY comment_code (feedback_answer_id, feedback_record_id, label, category, confidence, text_model_id, set_at)
                FROM STDIN (FORMAT BINARY)
                """, ct);
            foreach (var a in answers)
            {
                if (a.Coded is not { } coded) continue;
                foreach (var code in coded.Codes)
                {
                    await copy.StartRowAsync(ct);
                    await copy.WriteAsync(a.Id, NpgsqlDbType.Bigint, ct);
                    await copy.WriteAsync(a.FeedbackId, NpgsqlDbType.Bigint, ct);
                    await copy.WriteAsync(code.Label, NpgsqlDbType.Text, ct);
                    await WriteAsync(copy, code.Category, NpgsqlDbType.Text, ct);
                    await copy.WriteAsync(code.Confidence, NpgsqlDbType.Real, ct);
                    await copy.WriteAsync(coded.TextModelId, NpgsqlDbType.Integer, ct);
                    await copy.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
                }
            }
            await copy.CompleteAsync(ct);
        }

        if (contacts.Count > 0)
        {
            await using var copy = await conn.BeginBinaryImportAsync(
                "COPY contact_detail (feedback_record_id, name, email, phone, created_at) FROM STDIN (FORMAT BINARY)", ct);
            foreach (var (feedback, name, email, phone) in contacts)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(feedback, NpgsqlDbType.Bigint, ct);
                await WriteAsync(copy, name, NpgsqlDbType.Text, ct);
                await WriteAsync(copy, email, NpgsqlDbType.Text, ct);
                await WriteAsync(copy, phone, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
            }
            await copy.CompleteAsync(ct);
        }

        var alerts = answers.Where(a => a.Concerns.Count > 0).SelectMany(a => a.Concerns.Select(c => (Answer: a, Concern: c))).ToList();
        if (alerts.Count > 0)
        {
            // One alert per comment and category: a repeated category in one comment meets the unique index, as it does row by row.
            await using var cmd = new NpgsqlCommand("""
                INSERT INTO safeguarding_alert (feedback_record_id, feedback_answer_id, trust_id, unit_id, category, severity, matched_text, match_start, raised_at, lead_user_id)
                SELECT k.fid, k.aid, k.trust, k.unit, k.category, k.severity, k.matched, k.start, @at, t.safeguarding_lead_user_id
                FROM unnest(@fid, @aid, @trust, @unit, @category, @severity, @matched, @start) WITH ORDINALITY
                    AS k(fid, aid, trust, unit, category, severity, matched, start, n)
                JOIN trust t ON t.id = k.trust
                ORDER BY k.n
                ON CONFLICT (feedback_answer_id, category) DO NOTHING
                """, conn);
            cmd.Parameters.Add(new NpgsqlParameter<long[]>("fid", alerts.Select(a => a.Answer.FeedbackId).ToArray()));
            cmd.Parameters.Add(new NpgsqlParameter<long[]>("aid", alerts.Select(a => a.Answer.Id).ToArray()));
            cmd.Parameters.Add(new NpgsqlParameter<int[]>("trust", alerts.Select(a => a.Answer.Row.Where.TrustId).ToArray()));
            cmd.Parameters.Add(new NpgsqlParameter<int[]>("unit", alerts.Select(a => a.Answer.Row.Where.UnitId).ToArray()));
            cmd.Parameters.Add(Texts("category", alerts.Select(a => (string?)SafeguardingCategories.Code(a.Concern.Category)).ToArray()));
            cmd.Parameters.Add(Texts("severity", alerts.Select(a => (string?)SafeguardingCategories.SeverityCode(a.Concern.Severity)).ToArray()));
            cmd.Parameters.Add(Texts("matched", alerts.Select(a => (string?)a.Concern.MatchedText).ToArray()));
            cmd.Parameters.Add(new NpgsqlParameter<int[]>("start", alerts.Select(a => a.Concern.Start).ToArray()));
            cmd.Parameters.Add(new NpgsqlParameter<DateTime>("at", now));
            SafeguardingAlertsRaised += await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    private Answer Comment(long id, Stored row, string question, string text, PreparedComments.Comment[]? ready, int j,
        (int Unit, int Month, string Source, string? Setting) slice)
    {
        var prepared = ready is not null && j < ready.Length && ReferenceEquals(ready[j].Text, text) ? ready[j] : null;
        var coded = prepared is not null ? prepared.Coded : coder?.Score(row.Where.TrustId, text, question);
        var concerns = prepared?.Concerns ?? SafeguardingDetector.Detect(text);
        if (coded is not null)
        {
            var labels = new (string, string?)[coded.Codes.Count];
            for (var i = 0; i < labels.Length; i++) labels[i] = (coded.Codes[i].Label, coded.Codes[i].Category);
            _themes.Add(row.Where.TrustId, slice.Unit, slice.Month, slice.Source, slice.Setting, labels, coded.Sentiment);
        }
        return new Answer(id, row.Id, row, question, text, null, coded, concerns);
    }

    private static async Task WriteAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken ct) where T : struct
    {
        if (value is { } v) await copy.WriteAsync(v, type, ct);
        else await copy.WriteNullAsync(ct);
    }

    private static async Task WriteAsync(NpgsqlBinaryImporter copy, string? value, NpgsqlDbType type, CancellationToken ct)
    {
        if (value is not null) await copy.WriteAsync(value, type, ct);
        else await copy.WriteNullAsync(ct);
    }

    /// <summary>Every row of the chunk, verbatim and in file order, with what became of it.</summary>
    private async Task WriteRowsAsync(long batchId, IReadOnlyList<CsvRecord> chunk, string[] status, string?[] reasons, Stored?[] stored, CancellationToken ct)
    {
        await using var copy = await conn.BeginBinaryImportAsync(
            "COPY imported_row (import_batch_id, row_number, raw_text, status, reason, feedback_record_id) FROM STDIN (FORMAT BINARY)", ct);
        for (var i = 0; i < chunk.Count; i++)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(batchId, NpgsqlDbType.Bigint, ct);
            await copy.WriteAsync(chunk[i].RowNumber, NpgsqlDbType.Bigint, ct);
            await copy.WriteAsync(chunk[i].RawText, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(status[i], NpgsqlDbType.Text, ct);
            await WriteAsync(copy, reasons[i], NpgsqlDbType.Text, ct);
            await WriteAsync(copy, stored[i]?.Id, NpgsqlDbType.Bigint, ct);
        }
        await copy.CompleteAsync(ct);
    }

    private void Count(int unitId, int siteId, int month, string setting, FftAnswer? answer, FftMode mode, bool hasComment)
    {
        if (!_fft.TryGetValue((unitId, siteId, month, setting), out var slots))
            _fft[(unitId, siteId, month, setting)] = slots = new long[Slots];
        if (answer is null) slots[NoRatingSlot]++;
        else
        {
            slots[(int)answer - 1]++;
            slots[ModeSlot + (int)mode]++;
        }
        if (hasComment) slots[CommentSlot]++;
    }

    private static readonly string[] FftColumns =
    [
        "very_good", "good", "neither", "poor", "very_poor", "dont_know", "no_rating", "mode_sms", "mode_electronic_discharge",
        "mode_electronic_home", "mode_paper_discharge", "mode_paper_home", "mode_telephone", "mode_online", "mode_other", "comments",
    ];

    /// <summary>The chunk's aggregate increments, one statement a table, as StoreWriter and ThemeTally add them row by row.</summary>
    private async Task FlushAggregatesAsync(CancellationToken ct)
    {
        if (_fft.Count > 0)
        {
            var columns = string.Join(", ", FftColumns);
            await using var cmd = new NpgsqlCommand($"""
                INSERT INTO fft_monthly (unit_id, site_id, month, setting, trust_id, {columns})
                SELECT k.unit, k.site, k.month, k.setting, u.trust_id, {string.Join(", ", FftColumns.Select(c => "k." + c))}
                FROM unnest(@unit, @site, @month, @setting, {string.Join(", ", FftColumns.Select(c => "@" + c))})
                    AS k(unit, site, month, setting, {columns})
                JOIN unit u ON u.id = k.unit
                ON CONFLICT (unit_id, site_id, month, setting) DO UPDATE SET
                    {string.Join(", ", FftColumns.Select(c => $"{c} = fft_monthly.{c} + excluded.{c}"))}
                """, conn);
            var keys = _fft.Keys.ToArray();
            cmd.Parameters.Add(new NpgsqlParameter<int[]>("unit", keys.Select(k => k.Unit).ToArray()));
            cmd.Parameters.Add(new NpgsqlParameter<int[]>("site", keys.Select(k => k.Site).ToArray()));
            cmd.Parameters.Add(new NpgsqlParameter<int[]>("month", keys.Select(k => k.Month).ToArray()));
            cmd.Parameters.Add(Texts("setting", keys.Select(k => (string?)k.Setting).ToArray()));
            for (var s = 0; s < Slots; s++)
            {
                var slot = s;
                cmd.Parameters.Add(new NpgsqlParameter<long[]>(FftColumns[s], keys.Select(k => _fft[k][slot]).ToArray()));
            }
            await cmd.ExecuteNonQueryAsync(ct);
            _fft.Clear();
        }
        if (_sources.Count > 0)
        {
            await using var cmd = new NpgsqlCommand("""
                INSERT INTO source_monthly (unit_id, month, source, trust_id, records)
                SELECT k.unit, k.month, k.source, u.trust_id, k.n FROM unnest(@unit, @month, @source, @n) AS k(unit, month, source, n)
                JOIN unit u ON u.id = k.unit
                ON CONFLICT (unit_id, month, source) DO UPDATE SET records = source_monthly.records + excluded.records
                """, conn);
            var keys = _sources.Keys.ToArray();
            cmd.Parameters.Add(new NpgsqlParameter<int[]>("unit", keys.Select(k => k.Unit).ToArray()));
            cmd.Parameters.Add(new NpgsqlParameter<int[]>("month", keys.Select(k => k.Month).ToArray()));
            cmd.Parameters.Add(Texts("source", keys.Select(k => (string?)k.Source).ToArray()));
            cmd.Parameters.Add(new NpgsqlParameter<long[]>("n", keys.Select(k => _sources[k]).ToArray()));
            await cmd.ExecuteNonQueryAsync(ct);
            _sources.Clear();
        }
        if (!_themes.IsEmpty) await FlushThemesAsync(ct);
    }

    private async Task FlushThemesAsync(CancellationToken ct)
    {
        // One statement cannot update a row twice; ThemeTally keeps a null setting apart from '', which the index treats as one.
        var themes = new Dictionary<(int Unit, int Month, string Source, string Setting, string Label),
            (string? Setting, int Trust, string? Category, long[] Figures)>();
        foreach (var t in _themes.ThemeFigures)
        {
            if (t.Figures.All(f => f == 0)) continue;
            var key = (t.Unit, t.Month, t.Source, t.Setting ?? "", t.Label);
            if (themes.TryGetValue(key, out var held))
            {
                for (var i = 0; i < held.Figures.Length; i++) held.Figures[i] += t.Figures[i];
                if (held.Category is null) themes[key] = held with { Category = t.Category };
            }
            else themes[key] = (t.Setting, t.Trust, t.Category, (long[])t.Figures.Clone());
        }
        var coded = new Dictionary<(int Unit, int Month, string Source, string Setting), (string? Setting, int Trust, long Coded)>();
        foreach (var c in _themes.CodedFigures)
        {
            if (c.Coded == 0) continue;
            var key = (c.Unit, c.Month, c.Source, c.Setting ?? "");
            coded[key] = coded.TryGetValue(key, out var held) ? held with { Coded = held.Coded + c.Coded } : (c.Setting, c.Trust, c.Coded);
        }
        _themes.Clear();

        if (themes.Count > 0)
        {
            await using var cmd = new NpgsqlCommand($"""
                INSERT INTO theme_monthly (unit_id, month, source, setting, label, trust_id, category, comments, sentiment_count, sentiment_sum, positive, negative)
                SELECT * FROM unnest(@unit, @month, @source, @setting, @label, @trust, @category, @n, @sc, @ss, @p, @neg)
                {Themes.ThemeTally.ThemeMonthlyAdds}
                """, conn);
            var rows = themes.ToArray();
            cmd.Parameters.Add(new NpgsqlParameter<int[]>("unit", rows.Select(r => r.Key.Unit).ToArray()));
            cmd.Parameters.Add(new NpgsqlParameter<int[]>("month", rows.Select(r => r.Key.Month).ToArray()));
            cmd.Parameters.Add(Texts("source", rows.Select(r => (string?)r.Key.Source).ToArray()));
            cmd.Parameters.Add(Texts("setting", rows.Select(r => r.Value.Setting).ToArray()));
            cmd.Parameters.Add(Texts("label", rows.Select(r => (string?)r.Key.Label).ToArray()));
            cmd.Parameters.Add(new NpgsqlParameter<int[]>("trust", rows.Select(r => r.Value.Trust).ToArray()));
            cmd.Parameters.Add(Texts("category", rows.Select(r => r.Value.Category).ToArray()));
            string[] figures = ["n", "sc", "ss", "p", "neg"];
            for (var f = 0; f < figures.Length; f++)
            {
                var at = f;
                cmd.Parameters.Add(new NpgsqlParameter<long[]>(figures[f], rows.Select(r => r.Value.Figures[at]).ToArray()));
            }
            await cmd.ExecuteNonQueryAsync(ct);
        }
        if (coded.Count > 0)
        {
            await using var cmd = new NpgsqlCommand($"""
                INSERT INTO coded_monthly (unit_id, month, source, setting, trust_id, coded)
                SELECT * FROM unnest(@unit, @month, @source, @setting, @trust, @n)
                {Themes.ThemeTally.CodedMonthlyAdds}
                """, conn);
            var rows = coded.ToArray();
            cmd.Parameters.Add(new NpgsqlParameter<int[]>("unit", rows.Select(r => r.Key.Unit).ToArray()));
            cmd.Parameters.Add(new NpgsqlParameter<int[]>("month", rows.Select(r => r.Key.Month).ToArray()));
            cmd.Parameters.Add(Texts("source", rows.Select(r => (string?)r.Key.Source).ToArray()));
            cmd.Parameters.Add(Texts("setting", rows.Select(r => r.Value.Setting).ToArray()));
            cmd.Parameters.Add(new NpgsqlParameter<int[]>("trust", rows.Select(r => r.Value.Trust).ToArray()));
            cmd.Parameters.Add(new NpgsqlParameter<long[]>("n", rows.Select(r => r.Value.Coded).ToArray()));
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    public void Dispose() => _themes.Dispose();
}
