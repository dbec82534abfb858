using BenchmarkDotNet.Attributes;
using Heard.Data;
using Heard.Web.Features.Dashboard;
using Heard.Web.Features.Import;
using Heard.Web.Features.Ward;
using Microsoft.EntityFrameworkCore;

namespace Heard.Bench;

/// <summary>
/// "My ward this week" over a large store (target: the ward page under 200 ms server time at 5,000,000 responses). It
/// shares the dashboard benchmark's database (built once through the real importer into the temp folder, so the
/// monthly aggregates and comment coding are the real ones); HEARD_BENCH_RESPONSES sets its size. The week is the
/// last seven days of data, as a ward manager sees it on Monday, for the busiest ward; comments redacted (a ward
/// manager) and unredacted (the PX team).
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class WardWeekBenchmarks
{
    private HeardDbContext _db = null!;
    private int _unit;
    private WardWeek _week = null!;

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
        // A database built before a later migration gets it here, as the app would at start-up.
        Migrator.MigrateAsync(target).GetAwaiter().GetResult();
        _db = target.CreateContext();
        var held = _db.Feedback.Count();
        if (held != responses)
            throw new InvalidOperationException($"{path} holds {held:N0} responses, not {responses:N0}: delete it and run again to rebuild it");
        var last = _db.FftMonthly.Max(m => m.Month);
        _unit = _db.FftMonthly.Where(m => m.Month == last).OrderByDescending(m => m.VeryGood + m.Good + m.Neither + m.Poor + m.VeryPoor + m.DontKnow)
            .Select(m => m.UnitId).First();
        var lastDay = _db.Feedback.Where(r => r.UnitId == _unit).Max(r => r.ReceivedOn);
        _week = WardWeek.EndingOn(lastDay);
        var view = Redacted()!;
        Console.WriteLine($"ward week benchmark over {held:N0} responses: unit {_unit}, {_week.Label}, {view.Score.Responses} FFT answers, " +
            $"{view.CommentCount} comments, {view.PraiseCount} praised, usual range {view.Score.Lower:0.0} to {view.Score.Upper:0.0}");
    }

    [Benchmark(Description = "ward this week, busiest ward, redacted (ward manager)")]
    public WardWeekView? Redacted() =>
        WardWeekQuery.LoadAsync(_db, _unit, _week, canReadComments: true, canReadIdentifiable: false).GetAwaiter().GetResult();

    [Benchmark(Description = "ward this week, busiest ward, unredacted (PX team)")]
    public WardWeekView? Unredacted() =>
        WardWeekQuery.LoadAsync(_db, _unit, _week, canReadComments: true, canReadIdentifiable: true).GetAwaiter().GetResult();

    /// <summary>The month-against-last ward page (/ward/{id}): the three dashboard slices it loads.</summary>
    [Benchmark(Description = "ward page, this month, last month and 12 months, busiest ward")]
    public DashboardView? WardMonthPage()
    {
        var month = _db.FftMonthly.Where(m => m.UnitId == _unit).Max(m => m.Month);
        var previous = DashboardFilter.MonthOf(DashboardFilter.StartOf(month).AddMonths(-1));
        DashboardView? Load(int from, int to) =>
            DashboardQuery.LoadAsync(_db, new DashboardFilter(null, null, _unit, from, to, null, null), null, true, false).GetAwaiter().GetResult();
        Load(DashboardFilter.MonthOf(DashboardFilter.StartOf(month).AddMonths(-11)), month);
        Load(previous, previous);
        return Load(month, month);
    }

    [Benchmark(Description = "weekly digest HTML for the busiest ward")]
    public string Digest() => WardDigest.Html(WardDigest.LoadAsync(_db, _unit, _week, CancellationToken.None).GetAwaiter().GetResult()!, "");

    [GlobalCleanup]
    public void Cleanup() => _db.Dispose();
}
