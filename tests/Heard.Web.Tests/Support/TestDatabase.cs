using Heard.Data;
using Npgsql;

namespace Heard.Web.Tests.Support;

/// <summary>
/// A fresh, migrated database for one test: a temporary SQLite file, or a new PostgreSQL database when
/// HEARD_TEST_POSTGRES holds a server connection string (CI sets it). Without it the PostgreSQL cases are skipped.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "HEARD_TEST_POSTGRES";
    public DatabaseTarget Target { get; }
    private readonly string? _sqlitePath;
    private readonly string? _pgName;
    private readonly string? _pgServer;

    private TestDatabase(DatabaseTarget target, string? sqlitePath, string? pgServer, string? pgName)
    {
        Target = target;
        _sqlitePath = sqlitePath;
        _pgServer = pgServer;
        _pgName = pgName;
    }

    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    public static async Task<TestDatabase> CreateAsync(string provider, bool migrate = true)
    {
        TestDatabase db;
        if (provider == "sqlite")
        {
            var dir = Path.Combine(Path.GetTempPath(), "heard-tests");
            Directory.CreateDirectory(dir);
            var path = Path.Combine(dir, $"{Guid.NewGuid():N}.db");
            db = new TestDatabase(DatabaseTarget.Parse("sqlite:" + path), path, null, null);
        }
        else
        {
            var server = Environment.GetEnvironmentVariable(PostgresVariable);
            Assert.SkipWhen(string.IsNullOrWhiteSpace(server), $"PostgreSQL tests need {PostgresVariable} (CI sets it)");
            var name = $"heard_test_{Guid.NewGuid():N}";
            await using (var conn = new NpgsqlConnection(server))
            {
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", conn);
                await cmd.ExecuteNonQueryAsync();
            }
            var cs = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
            db = new TestDatabase(DatabaseTarget.Parse("postgres:" + cs), null, server, name);
        }
        if (migrate) await Migrator.MigrateAsync(db.Target);
        return db;
    }

    public HeardDbContext Context() => Target.CreateContext();

    public string Setting => Target.Provider == DatabaseProvider.Sqlite ? "sqlite:" + _sqlitePath : "postgres:" + Target.ConnectionString;

    public async ValueTask DisposeAsync()
    {
        if (_sqlitePath is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { _sqlitePath, _sqlitePath + "-wal", _sqlitePath + "-shm" })
                try { File.Delete(f); } catch (IOException) { }
        }
        else if (_pgServer is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var conn = new NpgsqlConnection(_pgServer);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_pgName} WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
    }
}

/// <summary>Writes small CSV files for a test and removes them afterwards.</summary>
public sealed class TempFiles : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "heard-tests", Guid.NewGuid().ToString("N"));
    public TempFiles() => Directory.CreateDirectory(_dir);
    public string Path_(string name) => Path.Combine(_dir, name);

    public string Write(string name, string content, System.Text.Encoding? encoding = null)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content, encoding ?? new System.Text.UTF8Encoding(false));
        return path;
    }

    public string WriteBytes(string name, byte[] content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
