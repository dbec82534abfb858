using Microsoft.EntityFrameworkCore;

namespace Heard.Data;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>
/// Which database to use, from a <c>sqlite:PATH</c> or <c>postgres:CONNECTION_STRING</c> setting.
/// </summary>
public sealed record DatabaseTarget(DatabaseProvider Provider, string ConnectionString)
{
    public const string DefaultSqlitePath = "data/heard.db";

    public static DatabaseTarget Parse(string? setting)
    {
        if (string.IsNullOrWhiteSpace(setting))
            setting = "sqlite:" + DefaultSqlitePath;
        var colon = setting.IndexOf(':');
        if (colon <= 0)
            throw new FormatException($"Database setting '{setting}' must start with 'sqlite:' or 'postgres:'.");
        var scheme = setting[..colon].ToLowerInvariant();
        var rest = setting[(colon + 1)..];
        return scheme switch
        {
            "sqlite" when rest.Length > 0 => new(DatabaseProvider.Sqlite, SqliteConnectionString(rest)),
            "postgres" or "postgresql" when rest.Length > 0 => new(DatabaseProvider.Postgres, rest),
            _ => throw new FormatException($"Database setting '{setting}' must be 'sqlite:PATH' or 'postgres:CONNECTION_STRING'."),
        };
    }

    private static string SqliteConnectionString(string pathOrConnection)
    {
        if (pathOrConnection.Contains('='))
            return pathOrConnection;
        var full = Path.GetFullPath(pathOrConnection);
        var dir = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(dir))
            Directory.CreateDirectory(dir);
        return $"Data Source={full};Pooling=True;Default Timeout=30";
    }

    public void Configure(DbContextOptionsBuilder options)
    {
        if (Provider == DatabaseProvider.Sqlite)
            options.UseSqlite(ConnectionString);
        else
            options.UseNpgsql(ConnectionString);
    }

    public HeardDbContext CreateContext()
    {
        var options = new DbContextOptionsBuilder<HeardDbContext>();
        Configure(options);
        return new HeardDbContext(options.Options);
    }

    public override string ToString() => Provider == DatabaseProvider.Sqlite ? $"sqlite ({ConnectionString})" : "postgres";
}
