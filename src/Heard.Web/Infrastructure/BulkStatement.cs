using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Heard.Web.Infrastructure;

/// <summary>
/// One statement prepared once and run many times with positional values: the import's hot path. On SQLite it is a
/// raw SQLite statement bound by position, because Microsoft.Data.Sqlite looks each parameter up by name and infers
/// its type on every execution, which was a fifth of a large import's time. On PostgreSQL it is an ordinary command.
/// Values are written exactly as Microsoft.Data.Sqlite and EF Core write them, so rows read back the same.
/// </summary>
public sealed class BulkStatement : IDisposable
{
    private readonly DbCommand? _command;
    private readonly SqliteConnection? _sqlite;
    private readonly sqlite3_stmt? _stmt;
    private readonly int[] _index = [];

    public BulkStatement(DbConnection conn, string sql, params string[] names) : this(conn, sql, names, null) { }

    /// <param name="typeOf">A parameter's type where PostgreSQL cannot infer it from a null; SQLite needs none.</param>
    public BulkStatement(DbConnection conn, string sql, string[] names, Func<string, System.Data.DbType?>? typeOf)
    {
        if (conn is SqliteConnection sqlite)
        {
            _sqlite = sqlite;
            var rc = raw.sqlite3_prepare_v2(sqlite.Handle, sql, out _stmt);
            if (rc != raw.SQLITE_OK) throw Error(rc);
            _index = new int[names.Length];
            for (var i = 0; i < names.Length; i++)
            {
                _index[i] = raw.sqlite3_bind_parameter_index(_stmt, names[i]);
                if (_index[i] == 0) throw new ArgumentException($"parameter {names[i]} is not in the statement", nameof(names));
            }
        }
        else _command = PreparedCommands.Create(conn, sql, names, typeOf);
    }

    /// <summary>SQLite statements join the connection's open transaction by themselves; commands need telling.</summary>
    public DbTransaction? Transaction
    {
        set { if (_command is not null) _command.Transaction = value; }
    }

    /// <summary>Sets the i-th named parameter; null is stored as NULL.</summary>
    public void Set(int i, object? value)
    {
        if (_command is not null)
        {
            _command.Parameters[i].Value = value ?? DBNull.Value;
            return;
        }
        var at = _index[i];
        var rc = value switch
        {
            null or DBNull => raw.sqlite3_bind_null(_stmt, at),
            string s => raw.sqlite3_bind_text(_stmt, at, s),
            int n => raw.sqlite3_bind_int64(_stmt, at, n),
            long n => raw.sqlite3_bind_int64(_stmt, at, n),
            short n => raw.sqlite3_bind_int64(_stmt, at, n),
            bool b => raw.sqlite3_bind_int64(_stmt, at, b ? 1 : 0),
            double d => raw.sqlite3_bind_double(_stmt, at, d),
            float f => raw.sqlite3_bind_double(_stmt, at, f),
            DateOnly d => raw.sqlite3_bind_text(_stmt, at, d.ToString(@"yyyy\-MM\-dd", CultureInfo.InvariantCulture)),
            DateTime t => raw.sqlite3_bind_text(_stmt, at, Text(t)),
            _ => throw new NotSupportedException($"a {value.GetType().Name} value cannot be bound"),
        };
        if (rc != raw.SQLITE_OK) throw Error(rc);
    }

    // An import stamps a whole chunk with one time: it is formatted once, not once a row.
    private DateTime _lastTime;
    private string? _lastTimeText;

    private string Text(DateTime t)
    {
        if (_lastTimeText is null || t != _lastTime || t.Kind != _lastTime.Kind)
        {
            _lastTimeText = t.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture);
            _lastTime = t;
        }
        return _lastTimeText;
    }

    /// <summary>Runs the statement and returns the rows it changed.</summary>
    public async ValueTask<int> ExecuteAsync(CancellationToken ct)
    {
        if (_command is not null) return await _command.ExecuteNonQueryAsync(ct);
        Step(out _);
        return raw.sqlite3_changes(_sqlite!.Handle);
    }

    /// <summary>Runs the statement and returns the first column of its first row as a long, or null when it has none.</summary>
    public async ValueTask<long?> ScalarAsync(CancellationToken ct)
    {
        if (_command is not null)
            return await _command.ExecuteScalarAsync(ct) is { } v and not DBNull ? Convert.ToInt64(v, CultureInfo.InvariantCulture) : null;
        Step(out var first);
        return first;
    }

    private void Step(out long? first)
    {
        first = null;
        try
        {
            var rc = raw.sqlite3_step(_stmt);
            if (rc == raw.SQLITE_ROW)
            {
                if (raw.sqlite3_column_type(_stmt, 0) != raw.SQLITE_NULL) first = raw.sqlite3_column_int64(_stmt, 0);
                while ((rc = raw.sqlite3_step(_stmt)) == raw.SQLITE_ROW) { }
            }
            if (rc != raw.SQLITE_DONE) throw Error(rc);
        }
        finally
        {
            raw.sqlite3_reset(_stmt);
        }
    }

    private SqliteException Error(int rc) =>
        new(raw.sqlite3_errmsg(_sqlite!.Handle).utf8_to_string(), rc, raw.sqlite3_extended_errcode(_sqlite.Handle));

    public void Dispose()
    {
        _command?.Dispose();
        _stmt?.Dispose();
    }
}
