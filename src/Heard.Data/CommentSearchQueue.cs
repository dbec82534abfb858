using System.Data.Common;

namespace Heard.Data;

/// <summary>
/// SQLite's comment index can take a file import's comments in large sorted batches (migration 0011): the index is
/// keyed by day received, and FTS5 writes out a new segment whenever a rowid is lower than the one before it, so
/// comments indexed in file order cost a segment each and then the merging of them all.
/// </summary>
public static class CommentSearchQueue
{
    /// <summary>Comments queued before the importer indexes the queue: about 100,000 rows of a typical FFT file.</summary>
    public const int BatchSize = 50_000;

    /// <summary>Within <paramref name="tx"/>, comments stored are queued rather than indexed one by one.</summary>
    public static async Task DeferAsync(DbConnection conn, DbTransaction tx, CancellationToken ct) =>
        await ExecAsync(conn, tx, "INSERT OR IGNORE INTO comment_search_deferral (id) VALUES (1)", ct);

    /// <summary>
    /// Ends the deferral before <paramref name="tx"/> commits, so no other connection ever sees it.
    /// </summary>
    public static async Task EndDeferralAsync(DbConnection conn, DbTransaction tx, CancellationToken ct) =>
        await ExecAsync(conn, tx, "DELETE FROM comment_search_deferral", ct);

    /// <summary>Indexes every queued comment in rowid order and empties the queue. Returns how many were indexed.</summary>
    public static async Task<int> IndexQueuedAsync(DbConnection conn, DbTransaction? tx, CancellationToken ct)
    {
        var indexed = await ExecAsync(conn, tx, """
            INSERT INTO comment_search (rowid, text)
            SELECT (CAST(julianday(f.received_on) AS INTEGER) - 2440000) * 4294967296 + a.id, a.text
            FROM comment_search_pending p
            JOIN feedback_answer a ON a.id = p.answer_id
            JOIN feedback f ON f.id = a.feedback_record_id
            WHERE a.text IS NOT NULL
            ORDER BY 1
            """, ct);
        await ExecAsync(conn, tx, "DELETE FROM comment_search_pending", ct);
        return indexed;
    }

    private static async Task<int> ExecAsync(DbConnection conn, DbTransaction? tx, string sql, CancellationToken ct)
    {
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return await cmd.ExecuteNonQueryAsync(ct);
    }
}
