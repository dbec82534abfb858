using BenchmarkDotNet.Attributes;
using Heard.Data;
using Heard.Web.Features.Dashboard;
using Heard.Web.Features.Import;
using Microsoft.EntityFrameworkCore;

namespace Heard.Bench;

/// <summary>
/// The trust dashboard over a large store (target: under 300 ms server time at 5,000,000 responses). The database is
/// built once through the real importer and kept in the temp folder; HEARD_BENCH_RESPONSES sets its size.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class DashboardBenchmarks
{
    private HeardDbContext _db = null!;
    private int _trust;
    private DashboardFilter _filter = null!;

    [GlobalSetup]
    public void Setup()
    {
        var responses = int.TryParse(Environment.GetEnvironmentVariable("HEARD_BENCH_RESPONSES"), out var n) ? n : 5_000_000;
        var path = Path.Combine(Path.GetTempPath(), $"heard-bench-dashboard-{responses}.db");
        var target = DatabaseTarget.Parse("sqlite:" + path);
        if (!File.Exists(path))
        {
            Migrator.MigrateAsync(target).GetAwaiter().GetResult();
            var csv = SyntheticFft.Write(Path.Combine(Path.GetTempPath(), $"heard-bench-{responses}.csv"), responses);
            new FeedbackImporter(target).ImportAsync(csv, new ImportOptions { ChunkSize = 20000 }).GetAwaiter().GetResult();
        }
        _db = target.CreateContext();
        _trust = _db.Trusts.Select(t => t.Id).First();
        var last = _db.FftMonthly.Max(m => m.Month);
        _filter = new DashboardFilter(_trust, null, null, DashboardFilter.MonthOf(DashboardFilter.StartOf(last).AddMonths(-11)), last, null, null);
        Console.WriteLine($"dashboard benchmark over {_db.Feedback.Count():N0} responses");
    }

    [Benchmark(Description = "trust dashboard, 12 months, all units")]
    public DashboardView? TrustDashboard() =>
        DashboardQuery.LoadAsync(_db, _filter, null, true, true).GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => _db.Dispose();
}
