using System.Diagnostics;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Features.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Heard.Bench;

/// <summary>
/// <c>report-timing DB</c>: generates the benchmark's board report once and lists the SQL commands that took longest,
/// to see where a slow report spends its time.
/// </summary>
public static class BoardReportTiming
{
    public static async Task<int> RunAsync(string[] args)
    {
        var target = DatabaseTarget.Parse("sqlite:" + args[1]);
        await using var db = target.CreateContext();
        var slow = new List<(TimeSpan, string)>();
        using var _ = DiagnosticListener.AllListeners.Subscribe(new Observer(l => l.Name == DbLoggerCategory.Name
            ? l.Subscribe(new Observer<KeyValuePair<string, object?>>(kv =>
            {
                if (kv.Value is CommandExecutedEventData e) lock (slow) slow.Add((e.Duration, e.Command.CommandText));
                if (args.Length > 2 && kv.Value is CommandEventData c && kv.Value is not CommandExecutedEventData)
                    Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {c.Command.CommandText.ReplaceLineEndings(" ")[..Math.Min(300, c.Command.CommandText.Length)]}");
            }))
            : null));
        var trust = await db.Trusts.SingleAsync(t => t.OdsCode == "RBR");
        var last = await db.FftMonthly.MaxAsync(m => m.Month);
        var request = new BoardReportRequest(trust.Id, null, ReportPeriod.Containing(BoardReportPeriods.Quarterly, last).Previous());
        var clock = Stopwatch.StartNew();
        await BoardReportQuery.GenerateAsync(db, request, 10);
        Console.WriteLine($"generated in {clock.Elapsed.TotalSeconds:0.00} s, {slow.Count} commands, {slow.Sum(s => s.Item1.TotalSeconds):0.00} s in SQL");
        foreach (var (d, sql) in slow.OrderByDescending(s => s.Item1).Take(6)) Console.WriteLine($"{d.TotalMilliseconds:0} ms\n{sql}\n");
        return 0;
    }

    private sealed class Observer(Func<DiagnosticListener, IDisposable?> on) : IObserver<DiagnosticListener>
    {
        public void OnNext(DiagnosticListener value) => on(value);
        public void OnCompleted() { }
        public void OnError(Exception error) { }
    }

    private sealed class Observer<T>(Action<T> on) : IObserver<T>
    {
        public void OnNext(T value) => on(value);
        public void OnCompleted() { }
        public void OnError(Exception error) { }
    }
}
