using System.Diagnostics;
using Heard.Data;
using Heard.Web.Features.Comments;
using Microsoft.EntityFrameworkCore;

namespace Heard.Bench;

/// <summary>
/// <c>search-timing DATABASE [RUNS]</c>: times <see cref="CommentSearch.RunAsync"/>, the app's own query path, for the
/// cases of <see cref="CommentSearchBenchmarks"/> on any database (built for PostgreSQL by postgres_search_2m.sh), and
/// prints the median, fastest and slowest of RUNS runs after two warm-ups, with the load average: the machine is shared.
/// </summary>
public static class CommentSearchTiming
{
    /// <summary>Every subject of <see cref="SyntheticComments"/>: about 80% of comments hold one of them.</summary>
    private const string NearlyEveryComment = "staff OR nurses OR driver OR reception OR doctor OR everyone OR paramedics OR handler OR coordinator OR crew";

    public static async Task<int> RunAsync(string[] args)
    {
        var target = DatabaseTarget.Parse(args[1]);
        var runs = args.Length > 2 ? int.Parse(args[2]) : 10;
        await using var db = target.CreateContext();
        var ward = await db.Units.Where(u => u.Name == "Ward 7").Select(u => u.Id).SingleAsync();
        var comments = await db.FeedbackAnswers.LongCountAsync(a => a.Text != null);
        Console.WriteLine($"{target.GetType().Name}: {comments:N0} comments; load average before: {LoadAverage()}");
        var cases = new (string Name, CommentFilter Filter, HashSet<int>? Scope)[]
        {
            ("one common word (staff), whole trust, first page", new CommentFilter("staff"), null),
            ("a phrase (\"food was cold\"), whole trust", new CommentFilter("\"food was cold\""), null),
            ("rude OR dismissive NOT parking, whole trust", new CommentFilter("rude OR dismissive NOT parking"), null),
            ("cancel* in one ward over three months", new CommentFilter("cancel*", ward, new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31)), null),
            ("staff, as a ward manager whose scope is one ward", new CommentFilter("staff"), [ward]),
            ("waited, tenth page, whole trust", new CommentFilter("waited", Page: 10), null),
            ("staff, negative comments in one month (filters)", new CommentFilter("staff", From: new DateOnly(2026, 6, 1), To: new DateOnly(2026, 6, 30), Band: CommentSearch.NegativeBand), null),
            ("a word in about 80% of comments, whole trust", new CommentFilter(NearlyEveryComment), null),
            ("a word in about 80% of comments, as a ward manager", new CommentFilter(NearlyEveryComment), [ward]),
        };
        foreach (var (name, filter, scope) in cases)
        {
            var times = new List<double>();
            CommentResults? last = null;
            for (var i = 0; i < runs + 2; i++)
            {
                var clock = Stopwatch.StartNew();
                last = await CommentSearch.RunAsync(db, filter, scope, scope is null, CancellationToken.None);
                if (i >= 2) times.Add(clock.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            Console.WriteLine($"{name}: median {times[times.Count / 2]:0.0} ms, fastest {times[0]:0.0}, slowest {times[^1]:0.0} " +
                $"({last!.Total:N0}{(last.TotalIsCapped ? "+" : "")} found, page {last.Page}, {last.Comments.Count} shown); load {LoadAverage()}");
        }
        return 0;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}
