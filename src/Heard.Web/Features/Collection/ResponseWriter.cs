using System.Data.Common;
using System.Threading.Channels;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Features.Import;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Collection;

/// <summary>
/// The one writer for responses collected by Heard (survey pages, kiosks, paper entry, the provider API). Requests
/// queue here and are written together in short transactions on one connection, so a burst of patients submitting
/// at once costs one commit per batch rather than one lock fight per request; each request waits for its own outcome.
/// </summary>
public sealed class ResponseWriter(DatabaseTarget database, ILogger<ResponseWriter> log) : BackgroundService
{
    private const int MaxBatch = 256;

    private sealed record Pending(CollectedResponse Response, TaskCompletionSource<StoreWriter.Outcome> Done);

    private readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(10_000)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private readonly Dictionary<(string Channel, DateOnly Day), (long Id, long NextRow)> _batches = new();
    private readonly Dictionary<int, (int TrustId, int SiteId)> _units = new();
    // A newly activated model reaches collected responses within this time; imports load it at their start.
    private static readonly TimeSpan CodingRefresh = TimeSpan.FromMinutes(1);
    private Coding.CommentCoder? _coder;
    private DateTime _codingLoadedAt;

    /// <summary>Stores the response; Duplicate when one with the same response id is already held.</summary>
    public async Task<StoreWriter.Outcome> SubmitAsync(CollectedResponse response, CancellationToken ct = default)
    {
        var pending = new Pending(response, new TaskCompletionSource<StoreWriter.Outcome>(TaskCreationOptions.RunContinuationsAsynchronously));
        await _queue.Writer.WriteAsync(pending, ct);
        return await pending.Done.Task.WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync(stoppingToken))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
                batch.Add(next);
            try
            {
                await WriteAsync(batch, stoppingToken);
            }
            catch (Exception e) when (batch.Count > 1 && e is not OperationCanceledException)
            {
                // One bad response must not sink the others: write them one at a time, failing only the bad one.
                log.LogWarning(e, "A batch of {Count} collected responses failed; retrying one by one", batch.Count);
                foreach (var one in batch)
                {
                    try { await WriteAsync([one], stoppingToken); }
                    catch (Exception single) { one.Done.TrySetException(single); }
                }
            }
            catch (Exception e)
            {
                foreach (var one in batch) one.Done.TrySetException(e);
            }
        }
    }

    private async Task WriteAsync(IReadOnlyList<Pending> batch, CancellationToken ct)
    {
        await using var db = database.CreateContext();
        await db.Database.OpenConnectionAsync(ct);
        var conn = db.Database.GetDbConnection();
        var now = DateTime.UtcNow;
        var batchIds = new Dictionary<(string, DateOnly), long>();
        foreach (var p in batch)
        {
            var key = (p.Response.Channel, DateOnly.FromDateTime(now));
            if (!batchIds.ContainsKey(key)) batchIds[key] = await BatchAsync(db, key, now, ct);
            if (!_units.ContainsKey(p.Response.UnitId))
            {
                var unit = await db.Units.AsNoTracking().Where(u => u.Id == p.Response.UnitId)
                    .Select(u => new { u.TrustId, u.SiteId }).SingleAsync(ct);
                _units[p.Response.UnitId] = (unit.TrustId, unit.SiteId);
            }
        }

        var outcomes = new StoreWriter.Outcome[batch.Count];
        var counts = new Dictionary<long, (long Imported, long Duplicates)>();
        var rowNumbers = new Dictionary<(string, DateOnly), long>();
        if (_coder is null || now - _codingLoadedAt > CodingRefresh)
        {
            _coder = await Coding.CodingModels.LoadAsync(db, ct) is { } models ? new Coding.CommentCoder(models) : null;
            _codingLoadedAt = now;
        }
        using var writer = new StoreWriter(conn, database.Provider) { Coder = _coder };
        await using (var tx = await conn.BeginTransactionAsync(ct))
        {
            writer.Begin(tx);
            for (var i = 0; i < batch.Count; i++)
            {
                var r = batch[i].Response;
                var key = (r.Channel, DateOnly.FromDateTime(now));
                var batchId = batchIds[key];
                var rowNumber = _batches[key].NextRow + rowNumbers.GetValueOrDefault(key);
                rowNumbers[key] = rowNumbers.GetValueOrDefault(key) + 1;
                var (trustId, siteId) = _units[r.UnitId];
                var record = new CsvRecord { Fields = [], RawText = r.RawText, RowNumber = rowNumber };
                outcomes[i] = await writer.AddFftAsync(batchId, record, ToRow(r), new OrganisationDirectory.Resolved(trustId, siteId, r.UnitId, r.Setting), now, ct);
                var c = counts.GetValueOrDefault(batchId);
                counts[batchId] = outcomes[i] == StoreWriter.Outcome.Imported ? (c.Imported + 1, c.Duplicates) : (c.Imported, c.Duplicates + 1);
            }
            await writer.FlushAggregatesAsync(ct);
            foreach (var (batchId, (imported, duplicates)) in counts)
                await UpdateBatchCountsAsync(conn, tx, batchId, imported, duplicates, now, ct);
            await tx.CommitAsync(ct);
            writer.End();
        }
        foreach (var (key, n) in rowNumbers)
            _batches[key] = (_batches[key].Id, _batches[key].NextRow + n);
        for (var i = 0; i < batch.Count; i++)
            batch[i].Done.TrySetResult(outcomes[i]);
    }

    private static FftRow ToRow(CollectedResponse r) =>
        new(r.ResponseId, r.Date, null, "", null, "", null, "", null, null, r.Setting, r.Answer, r.Mode, r.Comments, r.Extra)
        {
            ConsentToPublish = r.ConsentToPublish,
            ConsentToContact = r.ConsentToContact,
            Contact = r.Contact,
            Demographics = r.Demographics,
            Ratings = r.Ratings,
            SurveyVersionId = r.SurveyVersionId,
        };

    /// <summary>One import batch per channel per day holds the collected responses, so they sit beside file imports.</summary>
    private async Task<long> BatchAsync(HeardDbContext db, (string Channel, DateOnly Day) key, DateTime now, CancellationToken ct)
    {
        if (_batches.TryGetValue(key, out var known)) return known.Id;
        var fingerprint = $"collection:{key.Channel}:{key.Day:yyyy-MM-dd}";
        var batch = await db.ImportBatches.FirstOrDefaultAsync(b => b.FileSha256 == fingerprint, ct);
        if (batch is null)
        {
            batch = new ImportBatch
            {
                Kind = ImportKinds.Collected,
                FileName = $"{CollectionChannels.Describe(key.Channel)}, {key.Day:d MMMM yyyy}",
                FileSha256 = fingerprint,
                HeaderLine = "",
                Status = ImportStatuses.Running,
                StartedAt = now,
                StartedBy = "collection",
            };
            db.ImportBatches.Add(batch);
            await db.SaveChangesAsync(ct);
        }
        var last = await db.ImportedRows.Where(r => r.ImportBatchId == batch.Id).MaxAsync(r => (long?)r.RowNumber, ct) ?? 0;
        _batches[key] = (batch.Id, last + 1);
        return batch.Id;
    }

    private static async Task UpdateBatchCountsAsync(DbConnection conn, DbTransaction tx, long batchId, long imported, long duplicates, DateTime now, CancellationToken ct)
    {
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            UPDATE import_batch SET imported = imported + @i, duplicates = duplicates + @d, rows_committed = rows_committed + @i + @d,
                completed_at = @now
            WHERE id = @b
            """;
        foreach (var (name, value) in new (string, object)[] { ("@i", imported), ("@d", duplicates), ("@now", now), ("@b", batchId) })
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            cmd.Parameters.Add(p);
        }
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
