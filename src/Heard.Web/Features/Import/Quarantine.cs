using System.Text;
using Heard.Data;
using Heard.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Import;

/// <summary>
/// Rejected rows waiting for a person. A correction is validated exactly as an import would validate it; the
/// original row is never changed, the corrected text is stored beside it with who corrected it and when.
/// </summary>
public sealed class Quarantine(DatabaseTarget target)
{
    public static IReadOnlyList<string> HeaderOf(ImportBatch batch) => FieldsOf(batch.HeaderLine);

    public static string[] FieldsOf(string raw)
    {
        using var reader = new CsvRecordReader(new MemoryStream(Encoding.UTF8.GetBytes(raw)));
        return reader.TryRead(out var rec) && rec.Error is null ? rec.Fields : [raw];
    }

    /// <summary>Re-submits a corrected row; returns null on success, or the reason it is still not acceptable.</summary>
    public async Task<string?> ResubmitAsync(long rowId, IReadOnlyList<string> corrected, string user, CancellationToken ct = default)
    {
        await using var db = target.CreateContext();
        await db.Database.OpenConnectionAsync(ct);
        var row = await db.ImportedRows.FirstOrDefaultAsync(r => r.Id == rowId, ct);
        if (row is null) return "this row no longer exists";
        if (row.Status != RowStatuses.Rejected) return $"this row has already been dealt with ({row.Status})";
        var batch = await db.ImportBatches.AsNoTracking().FirstAsync(b => b.Id == row.ImportBatchId, ct);
        var header = HeaderOf(batch);
        var fields = corrected.Select(c => c ?? "").ToArray();
        var text = CsvText.Line(fields);
        var record = new CsvRecord { Fields = fields, RawText = text, RowNumber = row.RowNumber };
        // Quality measures have their own store; the same checks as their import decide.
        if (batch.Kind == Quality.QualityFileLayout.Kind)
            return await new Quality.QualityImporter(db).ResubmitAsync(row, header, record, user, ct);
        var directory = await OrganisationDirectory.LoadAsync(db, createMissing: true, ct);
        var conn = db.Database.GetDbConnection();
        var coding = await Coding.CodingModels.LoadAsync(db, ct);
        using var writer = new StoreWriter(conn, target.Provider) { Coder = coding is null ? null : new Coding.CommentCoder(coding) };

        string? reason;
        if (batch.Kind == ImportKinds.Fft)
        {
            var parsed = FftFileLayout.FromHeader(header).Parse(fields, out reason);
            if (parsed is null) return reason;
            var where = await directory.ResolveAsync(parsed, ct);
            if (where is null) return directory.LastProblem;
            await using var tx = await conn.BeginTransactionAsync(ct);
            writer.Begin(tx);
            var outcome = await writer.AddFftAsync(batch.Id, record, parsed, where, DateTime.UtcNow, ct, recordRow: false);
            if (outcome == StoreWriter.Outcome.Duplicate) return parsed.ResponseId is null ? "an identical row is already held" : $"response_id '{parsed.ResponseId}' is already held";
            await writer.FlushAggregatesAsync(ct);
            await MarkAsync(tx, writer.LastFeedbackId);
            await tx.CommitAsync(ct);
        }
        else if (ImportKinds.OtherSources.ContainsKey(batch.Kind))
        {
            var parsed = OtherFeedbackLayout.FromHeader(batch.Kind, header).Parse(fields, out reason);
            if (parsed is null) return reason;
            var where = await directory.ResolveAsync(null, parsed.TrustCode, parsed.TrustName, parsed.SiteCode, parsed.SiteName, parsed.Unit, null, null, null, parsed.Date, ct, fft: false);
            if (where is null) return directory.LastProblem;
            await using var tx = await conn.BeginTransactionAsync(ct);
            writer.Begin(tx);
            if (await writer.AddOtherAsync(batch.Id, record, parsed, where, DateTime.UtcNow, ct, recordRow: false) == StoreWriter.Outcome.Duplicate)
                return "this record is already held";
            await writer.FlushAggregatesAsync(ct);
            await MarkAsync(tx, writer.LastFeedbackId);
            await tx.CommitAsync(ct);
        }
        else
        {
            var parsed = EligibleFileLayout.FromHeader(header).Parse(fields, out reason);
            if (parsed is null) return reason;
            var trust = await directory.TrustAsync(null, parsed.TrustCode, null, ct);
            if (trust is null) return directory.LastProblem;
            int? siteId = null, unitId = null;
            if (parsed.SiteCode is not null)
            {
                var site = await directory.SiteAsync(trust, parsed.SiteCode, null, ct);
                siteId = site?.Id;
                if (parsed.Unit is not null && site is not null)
                    unitId = (await directory.ResolveAsync(null, trust.OdsCode, null, site.Code, null, parsed.Unit, null, null, parsed.Setting,
                        new DateOnly(parsed.Month / 100, parsed.Month % 100, 1), ct))?.UnitId;
            }
            await using var tx = await conn.BeginTransactionAsync(ct);
            writer.Begin(tx);
            await writer.AddEligibleAsync(batch.Id, record, parsed, trust.Id, siteId, unitId, ct, recordRow: false);
            await MarkAsync(tx, null);
            await tx.CommitAsync(ct);
        }
        return null;

        async Task MarkAsync(System.Data.Common.DbTransaction tx, long? feedbackId)
        {
            await using var cmd = conn.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = "UPDATE imported_row SET status = @s, corrected_text = @t, corrected_by = @u, corrected_at = @at, feedback_record_id = @f WHERE id = @id";
            Add("@s", RowStatuses.Resubmitted); Add("@t", text); Add("@u", user); Add("@at", DateTime.UtcNow); Add("@f", feedbackId); Add("@id", rowId);
            await cmd.ExecuteNonQueryAsync(ct);
            await using var audit = conn.CreateCommand();
            audit.Transaction = tx;
            audit.CommandText = "INSERT INTO audit_entry (at, user_name, action, entity, entity_id, detail) VALUES (@at, @u, 'update', 'imported_row', @id, 'corrected and re-submitted')";
            foreach (var (n, v) in new (string, object)[] { ("@at", DateTime.UtcNow), ("@u", user), ("@id", rowId.ToString()) })
            {
                var p = audit.CreateParameter(); p.ParameterName = n; p.Value = v; audit.Parameters.Add(p);
            }
            await audit.ExecuteNonQueryAsync(ct);

            void Add(string n, object? v)
            {
                var p = cmd.CreateParameter(); p.ParameterName = n; p.Value = v ?? DBNull.Value; cmd.Parameters.Add(p);
            }
        }
    }
}
