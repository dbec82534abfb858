using System.Text;
using BenchmarkDotNet.Attributes;
using Heard.Data;
using Heard.Web.Features.Comments;
using Heard.Web.Features.Import;
using Microsoft.EntityFrameworkCore;

namespace Heard.Bench;

/// <summary>
/// Comment search over a large store (target: under 200 ms a search at 2,000,000 comments). The database is built
/// once through the real importer, so every comment is coded and indexed as in production, and kept in the temp
/// folder; HEARD_BENCH_COMMENTS sets its size. Every row carries a made-up comment (<see cref="SyntheticComments"/>),
/// so common words match hundreds of thousands of comments: broader than any real search.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class CommentSearchBenchmarks
{
    private HeardDbContext _db = null!;
    private int _ward;

    [GlobalSetup]
    public void Setup()
    {
        var comments = int.TryParse(Environment.GetEnvironmentVariable("HEARD_BENCH_COMMENTS"), out var n) ? n : 2_000_000;
        var path = Path.Combine(Path.GetTempPath(), $"heard-bench-search-{comments}.db");
        var target = DatabaseTarget.Parse("sqlite:" + path);
        // Building the store takes minutes, longer than BenchmarkDotNet allows in process; build it first with
        // ./heard import (see docs/performance.md). An interrupted build resumes here, as any import does.
        Migrator.MigrateAsync(target).GetAwaiter().GetResult();
        _db = target.CreateContext();
        var held = _db.FeedbackAnswers.LongCount(a => a.Text != null);
        if (held < comments)
        {
            new FeedbackImporter(target).ImportAsync(WriteFile(comments), new ImportOptions { ChunkSize = 20000 }).GetAwaiter().GetResult();
            held = _db.FeedbackAnswers.LongCount(a => a.Text != null);
        }
        if (held < comments * 0.95)
            throw new InvalidOperationException($"{path} holds {held:N0} comments, not about {comments:N0}: delete it and run again to rebuild it");
        _ward = _db.Units.Where(u => u.Name == "Ward 7").Select(u => u.Id).Single();
        Console.WriteLine($"comment search benchmark over {held:N0} comments");
    }

    public static string WriteFile(int rows)
    {
        var path = Path.Combine(Path.GetTempPath(), $"heard-bench-search-v1-{rows}.csv");
        if (File.Exists(path) && new FileInfo(path).Length > 0) return path;
        var random = new Random(11);
        var made = SyntheticComments.Make(rows);
        using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        w.WriteLine("response_id,date,trust_code,trust_name,site_code,site_name,unit,setting,answer,mode,comment");
        for (var i = 0; i < rows; i++)
        {
            var unit = random.Next(200);
            var month = new DateOnly(2024, 11, 1).AddMonths(i % 24);
            var comment = made[i].Comment.Length == 0 ? "Nothing" : made[i].Comment;
            w.Write($"S{i},{month.AddDays(i % 28):yyyy-MM-dd},RBN,Bench Trust,RBN0{unit % 3},Site {unit % 3},Ward {unit},inpatient,{1 + random.Next(6)},sms,");
            w.WriteLine("\"" + comment.Replace("\"", "\"\"") + "\"");
        }
        return path;
    }

    private CommentResults Search(CommentFilter filter) =>
        CommentSearch.RunAsync(_db, filter, null, true, CancellationToken.None).GetAwaiter().GetResult();

    [Benchmark(Description = "one common word (staff), whole trust, first page")]
    public CommentResults CommonWord() => Search(new CommentFilter("staff"));

    [Benchmark(Description = "a phrase (\"food was cold\"), whole trust")]
    public CommentResults Phrase() => Search(new CommentFilter("\"food was cold\""));

    [Benchmark(Description = "rude OR dismissive NOT parking, whole trust")]
    public CommentResults Boolean() => Search(new CommentFilter("rude OR dismissive NOT parking"));

    [Benchmark(Description = "cancel* in one ward over three months")]
    public CommentResults PrefixInWard() => Search(new CommentFilter("cancel*", _ward, new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31)));

    [Benchmark(Description = "staff, as a ward manager whose scope is one ward")]
    public CommentResults WardManager() =>
        CommentSearch.RunAsync(_db, new CommentFilter("staff"), [_ward], false, CancellationToken.None).GetAwaiter().GetResult();

    [Benchmark(Description = "waited, tenth page, whole trust")]
    public CommentResults DeepPage() => Search(new CommentFilter("waited", Page: 10));

    [GlobalCleanup]
    public void Cleanup() => _db.Dispose();
}
