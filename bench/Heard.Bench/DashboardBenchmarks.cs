using BenchmarkDotNet.Attributes;
using Heard.Analysis.Fft;
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
    private DashboardFilter _settingWithoutResponses = null!;

    [GlobalSetup]
    public void Setup()
    {
        var responses = int.TryParse(Environment.GetEnvironmentVariable("HEARD_BENCH_RESPONSES"), out var n) ? n : 5_000_000;
        var path = Path.Combine(Path.GetTempPath(), $"heard-bench-dashboard-{responses}.db");
        var target = DatabaseTarget.Parse("sqlite:" + path);
        if (!File.Exists(path))
        {
            Migrator.MigrateAsync(target).GetAwaiter().GetResult();
            var csv = SyntheticFft.Write(SyntheticFft.PathFor(responses), responses);
            new FeedbackImporter(target).ImportAsync(csv, new ImportOptions { ChunkSize = 20000 }).GetAwaiter().GetResult();
        }
        _db = target.CreateContext();
        var held = _db.Feedback.Count();
        // A database left by an older generator (which lost rows to unquoted commas) would measure the wrong size.
        if (held != responses)
            throw new InvalidOperationException($"{path} holds {held:N0} responses, not {responses:N0}: delete it and run again to rebuild it");
        _trust = _db.Trusts.Select(t => t.Id).First();
        var last = _db.FftMonthly.Max(m => m.Month);
        _filter = new DashboardFilter(_trust, null, null, DashboardFilter.MonthOf(DashboardFilter.StartOf(last).AddMonths(-11)), last, null, null);
        // Nothing in the range matches this setting, so the latest-comments query reads every response in the range:
        // the worst case for it, as for any slice whose comments are few or old.
        _settingWithoutResponses = _filter with { Setting = FftSettings.AccidentAndEmergency };
        Console.WriteLine($"dashboard benchmark over {held:N0} responses");
    }

    [Benchmark(Description = "trust dashboard, 12 months, all units")]
    public DashboardView? TrustDashboard() =>
        DashboardQuery.LoadAsync(_db, _filter, null, true, true).GetAwaiter().GetResult();

    [Benchmark(Description = "trust dashboard, 12 months, a setting with no responses")]
    public DashboardView? TrustDashboardSettingWithoutResponses() =>
        DashboardQuery.LoadAsync(_db, _settingWithoutResponses, null, true, true).GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => _db.Dispose();
}
