using System.Data.Common;

namespace Heard.Data;

/// <summary>
/// SQLite: the secondary indexes of the import's tables that a file import into a new database leaves out while it
/// writes and builds once at the end, from sorted data, instead of adding to them row by row (decision 8). None is
/// unique: the unique indexes decide what a duplicate is and stay in place throughout. Dropping them is part of the
/// first chunk's transaction, so a chunk rolled back brings them back; an import that dies part-way leaves them out
/// until it is resumed or the next start-up, whichever comes first, and queries are slower, never wrong, meanwhile.
/// </summary>
public static class DeferredImportIndexes
{
    /// <summary>Each index as its migration creates it (a test holds the two in step).</summary>
    public static readonly IReadOnlyList<(string Name, string Sql)> All =
    [
        ("ix_feedback_trust_id_received_on", """CREATE INDEX "ix_feedback_trust_id_received_on" ON "feedback" ("trust_id", "received_on")"""),
        ("ix_feedback_unit_id_received_on", """CREATE INDEX "ix_feedback_unit_id_received_on" ON "feedback" ("unit_id", "received_on")"""),
        ("ix_feedback_survey_version_id", """CREATE INDEX "ix_feedback_survey_version_id" ON "feedback" ("survey_version_id")"""),
        ("ix_feedback_answer_feedback_record_id", """CREATE INDEX "ix_feedback_answer_feedback_record_id" ON "feedback_answer" ("feedback_record_id")"""),
        ("ix_feedback_answer_certainty", """CREATE INDEX "ix_feedback_answer_certainty" ON "feedback_answer" ("certainty")"""),
        ("ix_comment_code_feedback_answer_id", """CREATE INDEX "ix_comment_code_feedback_answer_id" ON "comment_code" ("feedback_answer_id")"""),
        ("ix_comment_code_label_feedback_record_id", """CREATE INDEX "ix_comment_code_label_feedback_record_id" ON "comment_code" ("label", "feedback_record_id")"""),
        ("ix_imported_row_status", """CREATE INDEX "ix_imported_row_status" ON "imported_row" ("status")"""),
    ];

    /// <summary>
    /// Within <paramref name="tx"/>, drops the indexes when no feedback and no imported row is held yet; returns whether
    /// it did. With rows already held, building the indexes again would cost more than the import saves.
    /// </summary>
    public static async Task<bool> DropIfEmptyAsync(DbConnection conn, DbTransaction tx, CancellationToken ct)
    {
        await using (var cmd = conn.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = "SELECT EXISTS (SELECT 1 FROM feedback) OR EXISTS (SELECT 1 FROM imported_row)";
            if (Convert.ToInt64(await cmd.ExecuteScalarAsync(ct)) != 0) return false;
        }
        foreach (var (name, _) in All) await ExecAsync(conn, tx, $"DROP INDEX IF EXISTS \"{name}\"", ct);
        return true;
    }

    /// <summary>Builds whichever of the indexes is missing; those present are left as they are.</summary>
    public static async Task RestoreAsync(DbConnection conn, CancellationToken ct)
    {
        await using var tx = await conn.BeginTransactionAsync(ct);
        foreach (var (_, sql) in All) await ExecAsync(conn, tx, sql.Replace("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", StringComparison.Ordinal), ct);
        await tx.CommitAsync(ct);
    }

    private static async Task ExecAsync(DbConnection conn, DbTransaction tx, string sql, CancellationToken ct)
    {
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
