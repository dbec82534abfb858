using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Heard.Analysis.Fft;
using Heard.Analysis.Text;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;

namespace Heard.Web.Features.Import;

/// <summary>
/// Writes rows to the store with prepared commands on one connection: the import's hot path. EF Core is used for
/// everything else; here per-row change tracking would cost more than the insert itself.
/// </summary>
public sealed class StoreWriter : IDisposable
{
    public enum Outcome { Imported, Duplicate }

    private readonly DbConnection _conn;
    private readonly DatabaseProvider _provider;
    private readonly BulkStatement _insertFeedback;
    private readonly BulkStatement _insertAnswer;
    private readonly BulkStatement _insertCode;
    private readonly BulkStatement _insertAlert;
    private readonly Dictionary<int, string?> _leads = new();
    private readonly BulkStatement _insertContact;
    private readonly BulkStatement _insertRow;
    private readonly BulkStatement _sameBatch;
    private readonly Dictionary<(int Unit, int Site, int Month, string Setting), long[]> _fft = new();
    private readonly Themes.ThemeTally _themes = new();
    private DbTransaction? _tx;
    private BulkStatement? _upsertSource, _upsertFft;

    // Aggregate slots: six answers, no rating, eight modes, comments.
    private const int NoRatingSlot = 6, ModeSlot = 7, CommentSlot = 15, Slots = 16;

    public StoreWriter(DbConnection conn, DatabaseProvider provider)
    {
        _conn = conn;
        _provider = provider;
        _insertFeedback = Command("""
            INSERT INTO feedback (trust_id, site_id, unit_id, source, setting, mode, received_on, month, fft_answer, external_id,
                dedupe_key, consent_to_publish, consent_to_contact, demographics_json, details_json, survey_version_id, created_at)
            VALUES (@trust, @site, @unit, @source, @setting, @mode, @date, @month, @answer, @external,
                @key, @publish, @contact, @demographics, @details, @survey, @created)
            ON CONFLICT (trust_id, source, dedupe_key) DO NOTHING
            RETURNING id
            """, "@trust", "@site", "@unit", "@source", "@setting", "@mode", "@date", "@month", "@answer", "@external", "@key", "@details", "@created",
            "@publish", "@contact", "@demographics", "@survey");
        _insertContact = Command(
            "INSERT INTO contact_detail (feedback_record_id, name, email, phone, address, created_at) VALUES (@fid, @name, @email, @phone, NULL, @created)",
            "@fid", "@name", "@email", "@phone", "@created");
        _insertAnswer = Command("""
            INSERT INTO feedback_answer (feedback_record_id, question_key, rating, text, sentiment, sentiment_confidence, text_model_id, certainty)
            VALUES (@fid, @q, @rating, @text, @sentiment, @sconf, @model, @certainty)
            RETURNING id
            """, "@fid", "@q", "@text", "@rating", "@sentiment", "@sconf", "@model", "@certainty");
        _insertCode = Command("""
            INSERT INTO comment_code (feedback_answer_id, feedback_record_id, label, category, confidence, text_model_id, set_by, set_at, removed_at, removed_by)
            VALUES (@aid, @fid, @label, @category, @confidence, @model, NULL, @at, NULL, NULL)
            """, "@aid", "@fid", "@label", "@category", "@confidence", "@model", "@at");
        // A comment stored twice (a resumed chunk) meets the unique index and raises nothing new.
        _insertAlert = Command("""
            INSERT INTO safeguarding_alert (feedback_record_id, feedback_answer_id, trust_id, unit_id, category, severity, matched_text, match_start, raised_at, lead_user_id)
            VALUES (@fid, @aid, @trust, @unit, @category, @severity, @matched, @start, @at, @lead)
            ON CONFLICT (feedback_answer_id, category) DO NOTHING
            """, "@fid", "@aid", "@trust", "@unit", "@category", "@severity", "@matched", "@start", "@at", "@lead");
        _insertRow = Command("""
            INSERT INTO imported_row (import_batch_id, row_number, raw_text, status, reason, corrected_text, corrected_by, corrected_at, feedback_record_id)
            VALUES (@batch, @row, @raw, @status, @reason, NULL, NULL, NULL, @fid)
            """, "@batch", "@row", "@raw", "@status", "@reason", "@fid");
        _sameBatch = Command("""
            SELECT COUNT(*) FROM feedback f JOIN imported_row r ON r.feedback_record_id = f.id
            WHERE f.trust_id = @trust AND f.source = @source AND f.dedupe_key = @key AND r.import_batch_id = @batch
            """, "@trust", "@source", "@key", "@batch");
    }

    private BulkStatement Command(string sql, params string[] parameters) => new(_conn, sql, parameters);

    public void Begin(DbTransaction tx)
    {
        _tx = tx;
        foreach (var c in new[] { _insertFeedback, _insertAnswer, _insertCode, _insertAlert, _insertContact, _insertRow, _sameBatch }) c.Transaction = tx;
    }

    /// <summary>Called once the chunk's transaction is committed.</summary>
    public void End()
    {
        _tx = null;
        foreach (var c in new[] { _insertFeedback, _insertAnswer, _insertCode, _insertAlert, _insertContact, _insertRow, _sameBatch }) c.Transaction = null;
    }

    private static void Set(BulkStatement statement, int index, object? value) => statement.Set(index, value);

    /// <param name="recordRow">False when re-submitting a corrected quarantined row, whose original row record already exists.</param>
    public async Task<Outcome> AddFftAsync(long batchId, CsvRecord rec, FftRow row, OrganisationDirectory.Resolved where, DateTime now, CancellationToken ct, bool recordRow = true)
    {
        var month = row.Date.Year * 100 + row.Date.Month;
        var details = row.Extra.Count == 0 ? null : JsonSerializer.Serialize(row.Extra.ToDictionary(e => e.Column, e => e.Value));
        var baseKey = row.ResponseId is not null ? "id:" + row.ResponseId : "row:" + ContentHash(rec.RawText);
        long? id = null;
        for (var occurrence = 0; ; occurrence++)
        {
            // A file without response ids may hold two identical rows: two patients giving the same answer. The n-th
            // copy in one file gets key #n, so both are kept, and the same file imported again still adds nothing.
            var key = row.ResponseId is not null || occurrence == 0 ? baseKey : $"{baseKey}#{occurrence}";
            var c = _insertFeedback;
            Set(c, 0, where.TrustId); Set(c, 1, where.SiteId); Set(c, 2, where.UnitId); Set(c, 3, FeedbackSources.Fft);
            Set(c, 4, where.Setting); Set(c, 5, FftModes.Code(row.Mode)); Set(c, 6, row.Date); Set(c, 7, month);
            Set(c, 8, row.Answer is null ? null : (int)row.Answer); Set(c, 9, row.ResponseId); Set(c, 10, key);
            Set(c, 11, details); Set(c, 12, now);
            Set(c, 13, row.ConsentToPublish); Set(c, 14, row.ConsentToContact);
            Set(c, 15, row.Demographics is null ? null : JsonSerializer.Serialize(row.Demographics));
            Set(c, 16, row.SurveyVersionId);
            var result = await c.ScalarAsync(ct);
            if (result is not null) { id = result; break; }
            if (row.ResponseId is not null) break;
            var s = _sameBatch;
            Set(s, 0, where.TrustId); Set(s, 1, FeedbackSources.Fft); Set(s, 2, key); Set(s, 3, batchId);
            if (await s.ScalarAsync(ct) == 0) break;
        }

        LastFeedbackId = id;
        if (id is null)
        {
            if (recordRow)
                await AddRowAsync(batchId, rec, RowStatuses.Duplicate,
                row.ResponseId is not null ? $"response_id '{row.ResponseId}' is already held" : "an identical row is already held", null, ct);
            return Outcome.Duplicate;
        }
        if (row.Contact is var (name, email, phone))
        {
            Set(_insertContact, 0, id); Set(_insertContact, 1, name); Set(_insertContact, 2, email); Set(_insertContact, 3, phone); Set(_insertContact, 4, now);
            await _insertContact.ExecuteAsync(ct);
        }
        foreach (var (question, text) in row.Comments)
            await AddTextAnswerAsync(where.TrustId, id.Value, question, text, (where.UnitId, month, FeedbackSources.Fft, where.Setting), now, ct);
        foreach (var (question, rating) in row.Ratings ?? [])
        {
            Set(_insertAnswer, 0, id); Set(_insertAnswer, 1, question); Set(_insertAnswer, 2, null); Set(_insertAnswer, 3, rating);
            for (var i = 4; i < 8; i++) Set(_insertAnswer, i, null);
            await _insertAnswer.ScalarAsync(ct);
        }
        if (recordRow) await AddRowAsync(batchId, rec, RowStatuses.Imported, null, id, ct);
        Count(where.UnitId, where.SiteId, month, where.Setting!, row.Answer, row.Mode, row.Comments.Count > 0);
        return Outcome.Imported;
    }

    private void Count(int unitId, int siteId, int month, string setting, FftAnswer? answer, FftMode mode, bool hasComment)
    {
        if (!_fft.TryGetValue((unitId, siteId, month, setting), out var slots))
            _fft[(unitId, siteId, month, setting)] = slots = new long[Slots + 1];
        if (answer is null) slots[NoRatingSlot]++;
        else
        {
            slots[(int)answer - 1]++;
            slots[ModeSlot + (int)mode]++;
        }
        if (hasComment) slots[CommentSlot]++;
    }

    /// <summary>Aggregates are keyed by unit; the trust is looked up once per key at flush.</summary>
    public async Task FlushAggregatesAsync(CancellationToken ct)
    {
        await _themes.FlushAsync(_conn, _tx, ct);
        if (_sources.Count > 0)
        {
            _upsertSource ??= Command("""
                INSERT INTO source_monthly (unit_id, month, source, trust_id, records)
                SELECT @unit, @month, @source, u.trust_id, @n FROM unit u WHERE u.id = @unit
                ON CONFLICT (unit_id, month, source) DO UPDATE SET records = source_monthly.records + excluded.records
                """, "@unit", "@month", "@source", "@n");
            _upsertSource.Transaction = _tx;
            foreach (var ((unit, month, source), count) in _sources)
            {
                Set(_upsertSource, 0, unit); Set(_upsertSource, 1, month); Set(_upsertSource, 2, source); Set(_upsertSource, 3, count);
                await _upsertSource.ExecuteAsync(ct);
            }
            _sources.Clear();
        }
        if (_fft.Count == 0) return;
        _upsertFft ??= Command("""
            INSERT INTO fft_monthly (unit_id, site_id, month, setting, trust_id, very_good, good, neither, poor, very_poor, dont_know, no_rating,
                mode_sms, mode_electronic_discharge, mode_electronic_home, mode_paper_discharge, mode_paper_home, mode_telephone, mode_online, mode_other, comments)
            SELECT @unit, @site, @month, @setting, u.trust_id, @a1, @a2, @a3, @a4, @a5, @a6, @nr, @m0, @m1, @m2, @m3, @m4, @m5, @m6, @m7, @c
            FROM unit u WHERE u.id = @unit
            ON CONFLICT (unit_id, site_id, month, setting) DO UPDATE SET
                very_good = fft_monthly.very_good + excluded.very_good, good = fft_monthly.good + excluded.good,
                neither = fft_monthly.neither + excluded.neither, poor = fft_monthly.poor + excluded.poor,
                very_poor = fft_monthly.very_poor + excluded.very_poor, dont_know = fft_monthly.dont_know + excluded.dont_know,
                no_rating = fft_monthly.no_rating + excluded.no_rating,
                mode_sms = fft_monthly.mode_sms + excluded.mode_sms,
                mode_electronic_discharge = fft_monthly.mode_electronic_discharge + excluded.mode_electronic_discharge,
                mode_electronic_home = fft_monthly.mode_electronic_home + excluded.mode_electronic_home,
                mode_paper_discharge = fft_monthly.mode_paper_discharge + excluded.mode_paper_discharge,
                mode_paper_home = fft_monthly.mode_paper_home + excluded.mode_paper_home,
                mode_telephone = fft_monthly.mode_telephone + excluded.mode_telephone,
                mode_online = fft_monthly.mode_online + excluded.mode_online,
                mode_other = fft_monthly.mode_other + excluded.mode_other,
                comments = fft_monthly.comments + excluded.comments
            """, "@unit", "@site", "@month", "@setting", "@a1", "@a2", "@a3", "@a4", "@a5", "@a6", "@nr", "@m0", "@m1", "@m2", "@m3", "@m4", "@m5", "@m6", "@m7", "@c");
        _upsertFft.Transaction = _tx;
        foreach (var ((unit, site, month, setting), slots) in _fft)
        {
            Set(_upsertFft, 0, unit); Set(_upsertFft, 1, site); Set(_upsertFft, 2, month); Set(_upsertFft, 3, setting);
            for (var i = 0; i < 16; i++) Set(_upsertFft, 4 + i, slots[i]);
            await _upsertFft.ExecuteAsync(ct);
        }
        _fft.Clear();
    }

    public async Task AddRejectedAsync(long batchId, CsvRecord rec, string reason, CancellationToken ct) =>
        await AddRowAsync(batchId, rec, RowStatuses.Rejected, reason, null, ct);

    private async Task AddRowAsync(long batchId, CsvRecord rec, string status, string? reason, long? feedbackId, CancellationToken ct)
    {
        var c = _insertRow;
        Set(c, 0, batchId); Set(c, 1, rec.RowNumber); Set(c, 2, rec.RawText); Set(c, 3, status); Set(c, 4, reason); Set(c, 5, feedbackId);
        await c.ExecuteAsync(ct);
    }

    public long? LastFeedbackId { get; private set; }

    /// <summary>Free-text answers stored by this writer (duplicates are not stored, so not counted).</summary>
    public long CommentsStored { get; private set; }

    /// <summary>Codes each free-text answer as it is stored; null stores the text uncoded (coded later by a recode).</summary>
    public Coding.CommentCoder? Coder { get; init; }

    /// <summary>Safeguarding alerts raised by this writer (a resumed chunk's repeats are not counted twice by the store).</summary>
    public int SafeguardingAlertsRaised { get; private set; }

    private PreparedComments.Comment[]? _prepared;
    private int _preparedNext;

    /// <summary>The next row's comments already coded and checked (by <see cref="PreparedComments"/>); null does both here.</summary>
    public void UsePrepared(PreparedComments.Comment[]? comments)
    {
        _prepared = comments;
        _preparedNext = 0;
    }

    private PreparedComments.Comment? NextPrepared(string text) =>
        _prepared is { } row && _preparedNext < row.Length && ReferenceEquals(row[_preparedNext].Text, text) ? row[_preparedNext++] : null;

    private async Task AddTextAnswerAsync(int trustId, long feedbackId, string question, string text,
        (int Unit, int Month, string Source, string? Setting) slice, DateTime now, CancellationToken ct)
    {
        CommentsStored++;
        var prepared = NextPrepared(text);
        var coded = prepared is not null ? prepared.Coded : Coder?.Score(trustId, text, question);
        var a = _insertAnswer;
        Set(a, 0, feedbackId); Set(a, 1, question); Set(a, 2, text); Set(a, 3, null);
        Set(a, 4, coded?.Sentiment); Set(a, 5, coded?.SentimentConfidence); Set(a, 6, coded?.TextModelId); Set(a, 7, coded?.Certainty);
        var answerId = (await a.ScalarAsync(ct))!.Value;
        // Every stored comment is checked here, whichever channel it came through, in the same transaction as the comment.
        var concerns = prepared?.Concerns ?? SafeguardingDetector.Detect(text);
        if (concerns.Count > 0) await RaiseAlertsAsync(trustId, slice.Unit, feedbackId, answerId, concerns, now, ct);
        if (coded is null) return;
        var c = _insertCode;
        foreach (var code in coded.Codes)
        {
            Set(c, 0, answerId); Set(c, 1, feedbackId); Set(c, 2, code.Label); Set(c, 3, code.Category); Set(c, 4, code.Confidence);
            Set(c, 5, coded.TextModelId); Set(c, 6, now);
            await c.ExecuteAsync(ct);
        }
        var labels = new (string, string?)[coded.Codes.Count];
        for (var i = 0; i < labels.Length; i++) labels[i] = (coded.Codes[i].Label, coded.Codes[i].Category);
        _themes.Add(trustId, slice.Unit, slice.Month, slice.Source, slice.Setting, labels, coded.Sentiment);
    }

    private async Task RaiseAlertsAsync(int trustId, int unitId, long feedbackId, long answerId, IReadOnlyList<SafeguardingConcern> concerns, DateTime now, CancellationToken ct)
    {
        if (!_leads.TryGetValue(trustId, out var lead))
        {
            _leads[trustId] = lead = await LeadAsync(trustId, ct);
        }
        var c = _insertAlert;
        foreach (var concern in concerns)
        {
            Set(c, 0, feedbackId); Set(c, 1, answerId); Set(c, 2, trustId); Set(c, 3, unitId);
            Set(c, 4, SafeguardingCategories.Code(concern.Category)); Set(c, 5, SafeguardingCategories.SeverityCode(concern.Severity));
            Set(c, 6, concern.MatchedText); Set(c, 7, concern.Start); Set(c, 8, now); Set(c, 9, lead);
            SafeguardingAlertsRaised += await c.ExecuteAsync(ct);
        }
    }

    private async Task<string?> LeadAsync(int trustId, CancellationToken ct)
    {
        await using var cmd = _conn.CreateCommand();
        cmd.Transaction = _tx;
        cmd.CommandText = "SELECT safeguarding_lead_user_id FROM trust WHERE id = @trust";
        AddParam(cmd, "@trust", trustId);
        return await cmd.ExecuteScalarAsync(ct) as string;
    }

    /// <summary>Stores a non-FFT record; its reference (or its row text) identifies it for de-duplication.</summary>
    public async Task<Outcome> AddOtherAsync(long batchId, CsvRecord rec, OtherFeedbackRow row, OrganisationDirectory.Resolved where, DateTime now, CancellationToken ct, bool recordRow = true)
    {
        var month = row.Date.Year * 100 + row.Date.Month;
        var key = row.Reference is not null ? "id:" + row.Reference : "row:" + ContentHash(rec.RawText);
        var c = _insertFeedback;
        Set(c, 0, where.TrustId); Set(c, 1, where.SiteId); Set(c, 2, where.UnitId); Set(c, 3, row.Source);
        Set(c, 4, null); Set(c, 5, null); Set(c, 6, row.Date); Set(c, 7, month); Set(c, 8, null); Set(c, 9, row.Reference); Set(c, 10, key);
        Set(c, 11, row.Details.Count == 0 ? null : JsonSerializer.Serialize(row.Details.ToDictionary(d => d.Column, d => d.Value)));
        Set(c, 12, now); Set(c, 13, row.ConsentToPublish); Set(c, 14, null); Set(c, 15, null); Set(c, 16, null);
        LastFeedbackId = await c.ScalarAsync(ct);
        if (LastFeedbackId is not long id)
        {
            if (recordRow) await AddRowAsync(batchId, rec, RowStatuses.Duplicate, row.Reference is null ? "an identical row is already held" : $"reference '{row.Reference}' is already held", null, ct);
            return Outcome.Duplicate;
        }
        if (row.Text is not null)
        {
            await AddTextAnswerAsync(where.TrustId, id, "description", row.Text, (where.UnitId, month, row.Source, null), now, ct);
        }
        if (recordRow) await AddRowAsync(batchId, rec, RowStatuses.Imported, null, id, ct);
        _sources[(where.UnitId, month, row.Source)] = _sources.TryGetValue((where.UnitId, month, row.Source), out var n) ? n + 1 : 1;
        return Outcome.Imported;
    }

    private readonly Dictionary<(int Unit, int Month, string Source), long> _sources = new();

    public async Task<Outcome> AddEligibleAsync(long batchId, CsvRecord rec, EligibleRow row, int trustId, int? siteId, int? unitId, CancellationToken ct, bool recordRow = true)
    {
        var same = _provider == DatabaseProvider.Sqlite ? "IS" : "IS NOT DISTINCT FROM";
        await using var find = _conn.CreateCommand();
        find.Transaction = _tx;
        find.CommandText = $"SELECT id, count FROM eligible_count WHERE month = @m AND setting = @s AND trust_id = @t AND site_id {same} @site AND unit_id {same} @unit";
        AddParam(find, "@m", row.Month); AddParam(find, "@s", row.Setting); AddParam(find, "@t", trustId);
        AddParam(find, "@site", siteId); AddParam(find, "@unit", unitId);
        long? existingId = null, existingCount = null;
        await using (var r = await find.ExecuteReaderAsync(ct))
            if (await r.ReadAsync(ct)) { existingId = r.GetInt64(0); existingCount = r.GetInt64(1); }
        if (existingCount == row.Count)
        {
            if (recordRow) await AddRowAsync(batchId, rec, RowStatuses.Duplicate, "this eligible count is already held", null, ct);
            return Outcome.Duplicate;
        }
        await using var write = _conn.CreateCommand();
        write.Transaction = _tx;
        // A corrected count replaces the earlier one; the earlier file's row is still kept verbatim.
        write.CommandText = existingId is null
            ? "INSERT INTO eligible_count (month, setting, trust_id, site_id, unit_id, count, import_batch_id) VALUES (@m, @s, @t, @site, @unit, @c, @b)"
            : "UPDATE eligible_count SET count = @c, import_batch_id = @b WHERE id = @id";
        AddParam(write, "@m", row.Month); AddParam(write, "@s", row.Setting); AddParam(write, "@t", trustId);
        AddParam(write, "@site", siteId); AddParam(write, "@unit", unitId); AddParam(write, "@c", row.Count);
        AddParam(write, "@b", batchId); AddParam(write, "@id", existingId);
        await write.ExecuteNonQueryAsync(ct);
        if (recordRow) await AddRowAsync(batchId, rec, RowStatuses.Imported, null, null, ct);
        return Outcome.Imported;
    }

    public async Task UpdateBatchAsync(ImportBatch batch, CancellationToken ct)
    {
        await using var cmd = _conn.CreateCommand();
        cmd.Transaction = _tx;
        cmd.CommandText = """
            UPDATE import_batch SET rows_committed = @rows, imported = @i, rejected = @r, duplicates = @d, status = @s, completed_at = @done
            WHERE id = @id
            """;
        AddParam(cmd, "@rows", batch.RowsCommitted); AddParam(cmd, "@i", batch.Imported); AddParam(cmd, "@r", batch.Rejected);
        AddParam(cmd, "@d", batch.Duplicates); AddParam(cmd, "@s", batch.Status); AddParam(cmd, "@done", batch.CompletedAt);
        AddParam(cmd, "@id", batch.Id);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static void AddParam(DbCommand cmd, string name, object? value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        cmd.Parameters.Add(p);
    }

    internal static string ContentHash(string raw)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(raw), hash);
        return Convert.ToHexStringLower(hash[..16]);
    }

    public void Dispose()
    {
        _insertFeedback.Dispose();
        _insertAnswer.Dispose();
        _insertCode.Dispose();
        _insertAlert.Dispose();
        _insertContact.Dispose();
        _insertRow.Dispose();
        _sameBatch.Dispose();
        _upsertSource?.Dispose();
        _upsertFft?.Dispose();
        _themes.Dispose();
    }
}
