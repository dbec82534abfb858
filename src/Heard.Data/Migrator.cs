using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Heard.Data;

/// <summary>
/// Applies the versioned SQL scripts embedded under Migrations/&lt;provider&gt;/NNNN_name.sql, in order, each once.
/// EF Core's design-time tools are not available to us, so the schema is written by hand for each provider.
/// </summary>
public static class Migrator
{
    public sealed record Migration(string Version, string Name, string Sql);

    public static IReadOnlyList<Migration> Available(DatabaseProvider provider)
    {
        var folder = provider == DatabaseProvider.Sqlite ? "sqlite" : "postgres";
        var asm = typeof(Migrator).Assembly;
        var prefix = $"Heard.Data.Migrations.{folder}.";
        return asm.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = asm.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                var file = n[prefix.Length..^4];
                var underscore = file.IndexOf('_');
                return new Migration(file[..underscore], file[(underscore + 1)..], reader.ReadToEnd());
            })
            .ToList();
    }

    /// <summary>Applies pending migrations and returns the versions applied.</summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(DatabaseTarget target, CancellationToken ct = default)
    {
        await using var db = target.CreateContext();
        var conn = db.Database.GetDbConnection();
        await conn.OpenAsync(ct);
        if (target.Provider == DatabaseProvider.Sqlite)
            await ExecAsync(conn, null, "PRAGMA journal_mode=WAL;", ct);
        else
            await ExecAsync(conn, null, "SELECT pg_advisory_lock(4827731);", ct);
        try
        {
            await ExecAsync(conn, null,
                "CREATE TABLE IF NOT EXISTS schema_migration (version VARCHAR(16) PRIMARY KEY, name VARCHAR(200) NOT NULL, applied_at VARCHAR(40) NOT NULL);", ct);
            var applied = new HashSet<string>();
            await using (var cmd = conn.CreateCommand())
            {
                cmd.CommandText = "SELECT version FROM schema_migration";
                await using var r = await cmd.ExecuteReaderAsync(ct);
                while (await r.ReadAsync(ct)) applied.Add(r.GetString(0));
            }
            var done = new List<string>();
            foreach (var m in Available(target.Provider).Where(m => !applied.Contains(m.Version)))
            {
                await using var tx = await conn.BeginTransactionAsync(ct);
                await ExecAsync(conn, tx, m.Sql, ct);
                await using (var cmd = conn.CreateCommand())
                {
                    cmd.Transaction = tx;
                    cmd.CommandText = "INSERT INTO schema_migration (version, name, applied_at) VALUES (@v, @n, @a)";
                    AddParam(cmd, "@v", m.Version);
                    AddParam(cmd, "@n", m.Name);
                    AddParam(cmd, "@a", DateTime.UtcNow.ToString("O"));
                    await cmd.ExecuteNonQueryAsync(ct);
                }
                await tx.CommitAsync(ct);
                done.Add(m.Version);
            }
            // An import stopped part-way may have left comments queued for the search index; index them now.
            if (target.Provider == DatabaseProvider.Sqlite)
            {
                await using var tx = await conn.BeginTransactionAsync(ct);
                await CommentSearchQueue.IndexQueuedAsync(conn, tx, ct);
                await tx.CommitAsync(ct);
                // ... and may have left out the indexes it meant to build at its end.
                await DeferredImportIndexes.RestoreAsync(conn, ct);
            }
            return done;
        }
        finally
        {
            if (target.Provider == DatabaseProvider.Postgres)
                await ExecAsync(conn, null, "SELECT pg_advisory_unlock(4827731);", ct);
        }
    }

    private static async Task ExecAsync(DbConnection conn, DbTransaction? tx, string sql, CancellationToken ct)
    {
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        // A migration that rewrites a large table (0025 on 2,000,000 comments: about a minute) must not meet the
        // 30-second default; it runs inside its transaction, so stopping it leaves nothing half done.
        cmd.CommandTimeout = 0;
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static void AddParam(DbCommand cmd, string name, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }
}
