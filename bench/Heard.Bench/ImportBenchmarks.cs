using BenchmarkDotNet.Attributes;
using Heard.Data;
using Heard.Web.Features.Import;

namespace Heard.Bench;

/// <summary>Import of FFT rows with comments into the embedded database (target: 20,000 rows a second).</summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3, invocationCount: 1)]
[MemoryDiagnoser]
public class ImportBenchmarks
{
    public const int Rows = 100_000;
    private string _file = "";
    private string _db = "";

    [GlobalSetup]
    public void Setup() => _file = SyntheticFft.Write(SyntheticFft.PathFor(Rows), Rows);

    [IterationSetup]
    public void FreshDatabase()
    {
        _db = Path.Combine(Path.GetTempPath(), $"heard-bench-{Guid.NewGuid():N}.db");
        Migrator.MigrateAsync(DatabaseTarget.Parse("sqlite:" + _db)).GetAwaiter().GetResult();
    }

    [Benchmark(Description = "import 100,000 FFT rows into SQLite")]
    public long Import() =>
        new FeedbackImporter(DatabaseTarget.Parse("sqlite:" + _db)).ImportAsync(_file, new ImportOptions()).GetAwaiter().GetResult().Imported;

    [IterationCleanup]
    public void Cleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var f in new[] { _db, _db + "-wal", _db + "-shm" }) File.Delete(f);
    }
}
