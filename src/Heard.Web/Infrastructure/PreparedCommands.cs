using System.Data;
using System.Data.Common;

namespace Heard.Web.Infrastructure;

/// <summary>
/// Commands built once with named parameters and run many times with positional values, on either database: how the
/// bulk writers (recoding, theme aggregates) avoid building SQL per row.
/// </summary>
public static class PreparedCommands
{
    /// <param name="typeOf">A parameter's type where PostgreSQL cannot infer it from a null; null leaves it untyped.</param>
    public static DbCommand Create(DbConnection conn, string sql, IEnumerable<string> names, Func<string, DbType?>? typeOf = null)
    {
        var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        foreach (var n in names)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = n;
            if (typeOf?.Invoke(n) is DbType type) p.DbType = type;
            cmd.Parameters.Add(p);
        }
        return cmd;
    }

    /// <summary>Sets the parameters in the order they were named; null is stored as NULL.</summary>
    public static void Set(DbCommand cmd, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) cmd.Parameters[i].Value = values[i] ?? DBNull.Value;
    }
}
