using System.Text;
using BenchmarkDotNet.Attributes;
using Heard.Data;
using Heard.Web.Features.Import;
using Heard.Web.Features.Themes;
using Microsoft.EntityFrameworkCore;

namespace Heard.Bench;

/// <summary>
/// Theme insight over a store of coded comments: the trust and ward summaries (figures, trust comparison, month table)
/// and one ward's key phrases. Every response carries a made-up comment (<see cref="SyntheticComments"/>), all in the 12
/// months measured, coded by the built-in model as the real importer stores them. The database is built once and kept in
/// the temp folder; HEARD_BENCH_THEME_RESPONSES sets its size (default 400,000).
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class ThemesBenchmarks
{
    private HeardDbContext _db = null!;
    private ThemeFilter _trust = null!;
    private ThemeFilter _ward = null!;
    private HashSet<int> _everyUnit = null!;
    private string _theme = "";

    [GlobalSetup]
    public void Setup()
    {
        var responses = int.TryParse(Environment.GetEnvironmentVariable("HEARD_BENCH_THEME_RESPONSES"), out var n) ? n : 400_000;
        var path = Path.Combine(Path.GetTempPath(), $"heard-bench-themes-v1-{responses}.db");
        var target = DatabaseTarget.Parse("sqlite:" + path);
        var existed = File.Exists(path);
        // A database built before a migration gets it here (0006 fills the theme aggregates from the coded comments).
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var applied = Migrator.MigrateAsync(target).GetAwaiter().GetResult();
        if (existed && applied.Count > 0) Console.WriteLine($"migrations {string.Join(", ", applied)} applied in {clock.Elapsed.TotalSeconds:0.0} s");
        if (!existed)
        {
            new FeedbackImporter(target).ImportAsync(WriteFft(responses), new ImportOptions { ChunkSize = 20000 }).GetAwaiter().GetResult();
        }
        _db = target.CreateContext();
        var coded = _db.FeedbackAnswers.Count(a => a.TextModelId != null);
        if (coded == 0) throw new InvalidOperationException($"{path} holds no coded comments: delete it and run again");
        var trust = _db.Trusts.Select(t => t.Id).First();
        var ward = _db.Units.OrderBy(u => u.Id).Select(u => u.Id).First();
        _everyUnit = _db.Units.Select(u => u.Id).ToHashSet();
        _trust = new ThemeFilter(trust, null, null, 202501, 202512);
        _ward = _trust with { UnitId = ward };
        _theme = _db.CommentCodes.GroupBy(c => c.Label).OrderByDescending(g => g.Count()).Select(g => g.Key).First();
        Console.WriteLine($"themes benchmark over {_db.Feedback.Count():N0} responses, {coded:N0} coded comments, " +
            $"{_db.CommentCodes.Count():N0} codes; key phrases for '{_theme}'");
    }

    private static string WriteFft(int rows)
    {
        var path = Path.Combine(Path.GetTempPath(), $"heard-bench-themes-fft-v1-{rows}.csv");
        if (File.Exists(path) && new FileInfo(path).Length > 0) return path;
        var random = new Random(3);
        var comments = SyntheticComments.Make(rows);
        using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        w.WriteLine("response_id,date,trust_code,trust_name,site_code,site_name,unit,setting,answer,mode,comment");
        for (var i = 0; i < rows; i++)
        {
            var unit = random.Next(200);
            var month = new DateOnly(2025, 1, 1).AddMonths(i % 12);
            var comment = comments[i].Comment.Replace("\"", "\"\"");
            w.WriteLine($"T{i},{month.AddDays(i % 28):yyyy-MM-dd},RBN,Bench Trust,RBN0{unit % 3},Site {unit % 3},Ward {unit},inpatient,{1 + random.Next(6)},sms,\"{comment}\"");
        }
        return path;
    }

    [Benchmark(Description = "themes, trust, 12 months")]
    public ThemeView? Trust() => ThemeQuery.LoadAsync(_db, _trust, null).GetAwaiter().GetResult();

    [Benchmark(Description = "themes, one ward against the trust, 12 months")]
    public ThemeView? Ward() => ThemeQuery.LoadAsync(_db, _ward, null).GetAwaiter().GetResult();

    [Benchmark(Description = "themes, one ward against the trust, 12 months, user scoped to every unit by list")]
    public ThemeView? WardScoped() => ThemeQuery.LoadAsync(_db, _ward, _everyUnit).GetAwaiter().GetResult();

    [Benchmark(Description = "key phrases, one ward and its most common theme against the trust, 12 months")]
    public KeyPhraseView? KeyPhrases() => ThemeQuery.KeyPhrasesAsync(_db, _ward, _theme, null, true).GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => _db.Dispose();
}
