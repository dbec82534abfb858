using System.Data.Common;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Heard.Analysis.Fft;
using Heard.Data;
using Heard.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Import;

/// <param name="Stage">Set once every row is read, while the store finishes (search index, indexes left out while writing).</param>
public sealed record ImportProgress(long Rows, long BytesRead, long TotalBytes, long Imported, long Rejected, long Duplicates, double RowsPerSecond,
    string? Stage = null)
{
    public int Percent => TotalBytes <= 0 ? 0 : (int)Math.Min(100, BytesRead * 100 / TotalBytes);
}

public sealed record ImportOptions
{
    public string Kind { get; init; } = ImportKinds.Fft;
    /// <summary>Create trusts, sites and units the file names but Heard does not know; otherwise such rows are rejected.</summary>
    public bool CreateUnknownUnits { get; init; } = true;
    public string? StartedBy { get; init; }
    /// <summary>Where rejected rows are written as CSV (row number, reason, original values), besides the quarantine.</summary>
    public TextWriter? RejectsWriter { get; init; }
    /// <summary>Called after each committed chunk; callers throttle their own display.</summary>
    public Action<ImportProgress>? Progress { get; init; }
    /// <summary>
    /// Rows committed together. Each commit writes out every index page its rows touched, and a file's rows land all
    /// over the date and key indexes, so larger chunks write far less: 20,000 rows is about a second's work.
    /// </summary>
    public int ChunkSize { get; init; } = 20_000;
    /// <summary>SQLite: comments queued before they are indexed for search, in one sorted batch (see CommentSearchQueue).</summary>
    public int CommentsPerSearchBatch { get; init; } = CommentSearchQueue.BatchSize;
}

/// <param name="SafeguardingAlerts">Alerts raised by the comments this run stored (docs/safeguarding.md).</param>
public sealed record ImportResult(long BatchId, long Imported, long Rejected, long Duplicates, long Rows, bool Resumed, IReadOnlyList<string> Created,
    int SafeguardingAlerts = 0);

/// <summary>
/// Streams a feedback file into the store: every row is kept verbatim, valid rows become feedback, invalid rows go to
/// the quarantine with their reason, and rows already held count as duplicates. Work is committed in chunks, each
/// with the batch's position, so an interrupted import resumes where it stopped and adds each row exactly once.
/// Monthly FFT aggregates are updated in the same transaction as the rows they summarise.
/// </summary>
public sealed class FeedbackImporter(DatabaseTarget target)
{
    public async Task<ImportResult> ImportAsync(string path, ImportOptions options, CancellationToken ct = default)
    {
        if (!ImportKinds.All.Contains(options.Kind))
            throw new ImportHeaderException($"unknown file kind '{options.Kind}' (use {string.Join(", ", ImportKinds.All)})");
        var info = new FileInfo(path);
        if (!info.Exists) throw new FileNotFoundException($"file not found: {path}", path);
        var fingerprint = await FingerprintAsync(path, ct);

        await using var db = target.CreateContext();
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        await db.Database.OpenConnectionAsync(ct);
        var conn = db.Database.GetDbConnection();
        if (target.Provider == DatabaseProvider.Sqlite)
            // 256 MB of page cache: past a few hundred thousand comments the full-text index's merges re-read pages a 64 MB
            // cache had dropped (1,000,000 rows: 139 s with 64 MB, 97 s with 256 MB). Bounded, so memory stays flat.
            // Checkpoints every 40 MB of log rather than every 4 MB: a large import rewrites the same index pages in chunk after
            // chunk, and each checkpoint copies them into the database again.
            await ExecAsync(conn, "PRAGMA synchronous=NORMAL; PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY; PRAGMA wal_autocheckpoint=10000;", ct);

        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var reader = new CsvRecordReader(stream);
        if (!reader.TryRead(out var headerRecord) || headerRecord.Error is not null)
            throw new ImportHeaderException(headerRecord?.Error is { } e ? $"the first row is not a CSV header: {e}" : "the file is empty: it has no header row");
        var header = SplitHeader(headerRecord, reader);
        FftFileLayout? fftLayout = null;
        EligibleFileLayout? eligibleLayout = null;
        OtherFeedbackLayout? otherLayout = null;
        if (options.Kind == ImportKinds.Fft) fftLayout = FftFileLayout.FromHeader(header);
        else if (options.Kind == ImportKinds.Eligible) eligibleLayout = EligibleFileLayout.FromHeader(header);
        else otherLayout = OtherFeedbackLayout.FromHeader(options.Kind, header);

        var batch = await db.ImportBatches
            .Where(b => b.FileSha256 == fingerprint && b.Kind == options.Kind && b.Status == ImportStatuses.Running)
            .OrderByDescending(b => b.Id).FirstOrDefaultAsync(ct);
        var resumed = batch is not null;
        if (batch is null)
        {
            batch = new ImportBatch
            {
                Kind = options.Kind, FileName = info.Name, FileSha256 = fingerprint, HeaderLine = headerRecord.RawText,
                StartedAt = DateTime.UtcNow, StartedBy = options.StartedBy,
            };
            db.ImportBatches.Add(batch);
            await db.SaveChangesAsync(ct);
        }
        // From here the batch row is kept current by StoreWriter inside each chunk's transaction.
        db.Entry(batch).State = EntityState.Detached;

        var directory = await OrganisationDirectory.LoadAsync(db, options.CreateUnknownUnits, ct);
        var coding = await Coding.CodingModels.LoadAsync(db, ct);
        using var writer = new StoreWriter(conn, target.Provider) { Coder = coding is null ? null : new Coding.CommentCoder(coding) };
        var preparingCoder = coding is null ? null : new Coding.CommentCoder(coding);
        // PostgreSQL pays a round trip a statement: its chunks go in a few statements (eligible counts stay row by row).
        using var postgresChunks = target.Provider == DatabaseProvider.Postgres && options.Kind != ImportKinds.Eligible
            ? new PostgresChunkWriter((Npgsql.NpgsqlConnection)conn, writer.Coder) : null;
        var rejectsHeaderWritten = false;
        var clock = Stopwatch.StartNew();
        long rowsThisRun = 0;
        var skip = batch.RowsCommitted;
        var sqlite = target.Provider == DatabaseProvider.Sqlite;
        long commentsIndexedAt = 0;
        // The migrator indexes a queue left at start-up, but a long-running server outlives another process's import that
        // died part-way; its queued comments must not wait for the next restart, and an empty queue costs one lookup.
        if (sqlite) await IndexQueuedCommentsAsync(conn, ct);

        var firstChunk = true;

        // Reads and parses a chunk (the database is not touched) on another core while the one before it is written.
        ReadChunk ReadNext()
        {
            var records = new List<CsvRecord>(options.ChunkSize);
            while (records.Count < options.ChunkSize && reader.TryRead(out var rec))
            {
                if (skip > 0) { skip--; continue; }
                records.Add(rec);
            }
            var rows = new (object? Row, string? Reason, OrganisationDirectory.Resolved? Where)[records.Count];
            for (var i = 0; i < records.Count; i++)
            {
                var rec = records[i];
                if (rec.Error is not null) { rows[i] = (null, rec.Error, null); continue; }
                string? reason;
                object? row = fftLayout is not null ? fftLayout.Parse(rec.Fields, out reason)
                    : otherLayout is not null ? otherLayout.Parse(rec.Fields, out reason)
                    : eligibleLayout!.Parse(rec.Fields, out reason);
                rows[i] = (row, row is null ? reason : null, null);
            }
            return new ReadChunk(records, rows, reader.BytesConsumed);
        }
        var reading = Task.Run(ReadNext, ct);

        // A failure or cancellation leaves the batch 'running' at its last committed chunk: importing the same file resumes it.
        try
        {
            while (true)
            {
                var (chunk, parsed, bytesRead) = await reading;
                if (chunk.Count == 0) break;
                ct.ThrowIfCancellationRequested();
                reading = Task.Run(ReadNext, ct);

                // Resolve the organisation before the write transaction: it may create units, and that is harmless to keep.
                if (fftLayout is not null)
                    await directory.CreateUnitsAsync(parsed.Select(p => p.Row).OfType<FftRow>(), ct);
                for (var i = 0; i < chunk.Count; i++)
                {
                    if (parsed[i].Row is FftRow row)
                    {
                        var where = await directory.ResolveAsync(row, ct);
                        parsed[i] = where is null ? (null, directory.LastProblem, null) : (row, null, where);
                    }
                    else if (parsed[i].Row is OtherFeedbackRow other)
                    {
                        var where = await directory.ResolveAsync(null, other.TrustCode, other.TrustName, other.SiteCode, other.SiteName, other.Unit, null, null, null, other.Date, ct, fft: false);
                        parsed[i] = where is null ? (null, directory.LastProblem, null) : (other, null, where);
                    }
                }

                var toPrepare = new (int, IReadOnlyList<(string, string)>)?[chunk.Count];
                for (var i = 0; i < chunk.Count; i++)
                {
                    toPrepare[i] = parsed[i] switch
                    {
                        (FftRow fft, _, { } where) when fft.Comments.Count > 0 => (where.TrustId, fft.Comments),
                        (OtherFeedbackRow { Text: { } text }, _, { } where) => (where.TrustId, [("description", text)]),
                        _ => null,
                    };
                }
                var prepared = PreparedComments.Start(toPrepare, preparingCoder, ct);

                var now = DateTime.UtcNow;
                await using var tx = await conn.BeginTransactionAsync(ct);
                writer.Begin(tx);
                if (sqlite)
                {
                    if (firstChunk) await DeferredImportIndexes.DropIfEmptyAsync(conn, tx, ct);
                    await CommentSearchQueue.DeferAsync(conn, tx, ct);
                }
                firstChunk = false;
                if (postgresChunks is not null) await postgresChunks.WriteAsync(batch, chunk, parsed, prepared, now, NoteRejected, ct);
                else for (var i = 0; i < chunk.Count; i++)
                {
                    var rec = chunk[i];
                    var (row, reason, where) = parsed[i];
                    if (row is FftRow or OtherFeedbackRow) writer.UsePrepared(prepared.Row(i));
                    if (row is FftRow fft)
                    {
                        var outcome = await writer.AddFftAsync(batch.Id, rec, fft, where!, now, ct);
                        if (outcome == StoreWriter.Outcome.Imported) batch.Imported++; else batch.Duplicates++;
                    }
                    else if (row is OtherFeedbackRow other)
                    {
                        var outcome = await writer.AddOtherAsync(batch.Id, rec, other, where!, now, ct);
                        if (outcome == StoreWriter.Outcome.Imported) batch.Imported++; else batch.Duplicates++;
                    }
                    else if (row is EligibleRow eligible)
                    {
                        var trust = await directory.TrustAsync(null, eligible.TrustCode, null, ct);
                        int? siteId = null, unitId = null;
                        string? problem = trust is null ? directory.LastProblem : null;
                        if (trust is not null && eligible.SiteCode is not null)
                        {
                            var site = await directory.SiteAsync(trust, eligible.SiteCode, null, ct);
                            if (site is null) problem = directory.LastProblem;
                            else
                            {
                                siteId = site.Id;
                                if (eligible.Unit is not null)
                                {
                                    var resolved = await directory.ResolveAsync(null, trust.OdsCode, null, site.Code, null, eligible.Unit, null, null,
                                        eligible.Setting, new DateOnly(eligible.Month / 100, eligible.Month % 100, 1), ct);
                                    if (resolved is null) problem = directory.LastProblem; else unitId = resolved.UnitId;
                                }
                            }
                        }
                        if (problem is not null)
                        {
                            await RejectAsync(rec, problem);
                            continue;
                        }
                        var outcome = await writer.AddEligibleAsync(batch.Id, rec, eligible, trust!.Id, siteId, unitId, ct);
                        if (outcome == StoreWriter.Outcome.Imported) batch.Imported++; else batch.Duplicates++;
                    }
                    else await RejectAsync(rec, reason ?? "the row could not be read");
                }
                writer.UsePrepared(null);
                await prepared.Completion;
                await writer.FlushAggregatesAsync(ct);
                batch.RowsCommitted += chunk.Count;
                await writer.UpdateBatchAsync(batch, ct);
                if (sqlite)
                {
                    if (writer.CommentsStored - commentsIndexedAt >= options.CommentsPerSearchBatch)
                    {
                        await CommentSearchQueue.IndexQueuedAsync(conn, tx, ct);
                        commentsIndexedAt = writer.CommentsStored;
                    }
                    await CommentSearchQueue.EndDeferralAsync(conn, tx, ct);
                }
                await tx.CommitAsync(ct);
                writer.End();
                rowsThisRun += chunk.Count;
                options.RejectsWriter?.Flush();

                if (options.Progress is not null)
                {
                    options.Progress(new ImportProgress(batch.RowsCommitted, bytesRead, info.Length, batch.Imported, batch.Rejected, batch.Duplicates,
                        rowsThisRun / Math.Max(clock.Elapsed.TotalSeconds, 0.001)));
                }
            }
        }
        finally
        {
            // The reader must be done with the file before it is closed.
            try { await reading; } catch (Exception) when (ct.IsCancellationRequested || reading.IsFaulted) { }
            // Whether the file finished or not, what was stored becomes searchable now rather than at the next start, and
            // the indexes left out while writing are built.
            if (sqlite)
            {
                // A million rows take several seconds here: say so, rather than sit silent at 100%.
                options.Progress?.Invoke(new ImportProgress(batch.RowsCommitted, info.Length, info.Length, batch.Imported, batch.Rejected,
                    batch.Duplicates, rowsThisRun / Math.Max(clock.Elapsed.TotalSeconds, 0.001), "indexing the comments and rows for search"));
                await IndexQueuedCommentsAsync(conn, CancellationToken.None);
                await DeferredImportIndexes.RestoreAsync(conn, CancellationToken.None);
            }
        }

        batch.Status = ImportStatuses.Completed;
        batch.CompletedAt = DateTime.UtcNow;
        await writer.UpdateBatchAsync(batch, ct);
        options.Progress?.Invoke(new ImportProgress(batch.RowsCommitted, info.Length, info.Length, batch.Imported, batch.Rejected, batch.Duplicates,
            rowsThisRun / Math.Max(clock.Elapsed.TotalSeconds, 0.001)));
        var result = new ImportResult(batch.Id, batch.Imported, batch.Rejected, batch.Duplicates, batch.RowsCommitted, resumed, directory.Created,
            writer.SafeguardingAlertsRaised + (postgresChunks?.SafeguardingAlertsRaised ?? 0));
        // The batch row was kept current by hand-written SQL; EF must not write its stale copy back.
        db.ChangeTracker.Clear();
        db.AuditEntries.Add(new AuditEntry
        {
            At = DateTime.UtcNow, UserName = options.StartedBy ?? "cli", Action = "import", Entity = "import_batch", EntityId = batch.Id.ToString(),
            Detail = $"{info.Name}: imported={batch.Imported} rejected={batch.Rejected} duplicates={batch.Duplicates}",
        });
        await db.SaveChangesAsync(ct);
        return result;

        async Task RejectAsync(CsvRecord rec, string reason)
        {
            await writer.AddRejectedAsync(batch.Id, rec, reason, ct);
            NoteRejected(rec, reason);
        }

        void NoteRejected(CsvRecord rec, string reason)
        {
            batch.Rejected++;
            if (options.RejectsWriter is { } w)
            {
                if (!rejectsHeaderWritten)
                {
                    w.WriteLine(CsvText.Line(FftFileLayout.RejectColumns.Concat(header)));
                    rejectsHeaderWritten = true;
                }
                var values = rec.Fields.Length > 0 ? rec.Fields : [rec.RawText];
                w.WriteLine(CsvText.Line(new[] { rec.RowNumber.ToString(), reason }.Concat(values)));
            }
        }
    }

    private sealed record ReadChunk(List<CsvRecord> Records, (object? Row, string? Reason, OrganisationDirectory.Resolved? Where)[] Rows, long BytesRead);

    private static string[] SplitHeader(CsvRecord header, CsvRecordReader reader)
    {
        // Some exports use semicolons or tabs; the header tells which.
        if (header.Fields.Length == 1)
        {
            foreach (var d in new[] { ';', '\t' })
            {
                if (header.RawText.Contains(d))
                {
                    reader.Delimiter = (byte)d;
                    return header.RawText.Split(d).Select(f => f.Trim().Trim('"')).ToArray();
                }
            }
        }
        return header.Fields;
    }

    /// <summary>
    /// Identifies a file for resuming: its length and a hash of its first and last megabyte. Reading all of a 2 GB
    /// file twice to decide whether to resume would double the import time; each row still has its own dedupe key.
    /// </summary>
    public static async Task<string> FingerprintAsync(string path, CancellationToken ct)
    {
        await using var fs = File.OpenRead(path);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buf = new byte[1 << 20];
        var n = await fs.ReadAtLeastAsync(buf, buf.Length, false, ct);
        sha.AppendData(buf, 0, n);
        if (fs.Length > buf.Length)
        {
            fs.Seek(Math.Max(buf.Length, fs.Length - buf.Length), SeekOrigin.Begin);
            n = await fs.ReadAtLeastAsync(buf, buf.Length, false, ct);
            sha.AppendData(buf, 0, n);
        }
        sha.AppendData(BitConverter.GetBytes(fs.Length));
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static async Task IndexQueuedCommentsAsync(DbConnection conn, CancellationToken ct)
    {
        await using var tx = await conn.BeginTransactionAsync(ct);
        await CommentSearchQueue.IndexQueuedAsync(conn, tx, ct);
        await tx.CommitAsync(ct);
    }

    private static async Task ExecAsync(DbConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(ct);
    }
}

public static class CsvText
{
    public static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || (value.Length > 0 && (value[0] == ' ' || value[^1] == ' '))
            ? "\"" + value.Replace("\"", "\"\"") + "\""
            : value;

    public static string Line(IEnumerable<string> values) => string.Join(',', values.Select(Field));
}
