using BenchmarkDotNet.Attributes;
using Heard.Analysis.Spc;

namespace Heard.Bench;

/// <summary>
/// Every unit's charts at once, as an early-warning pass would: 1,000 units × 10 metrics × 36 months, analysis
/// only (no database). Series are random walks with the odd step change, so every rule gets work to do; half the
/// charts have a change point, a quarter screen moving ranges, and one metric in ten is a p-chart.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
public class SpcBenchmarks
{
    public const int Units = 1_000, Metrics = 10, Months = 36;
    private double[][] _series = [];
    private long[][] _numerators = [];
    private long[][] _denominators = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(36);
        var charts = Units * Metrics;
        _series = new double[charts][];
        _numerators = new long[charts][];
        _denominators = new long[charts][];
        for (var c = 0; c < charts; c++)
        {
            var level = 50 + random.NextDouble() * 40;
            var values = new double[Months];
            var n = new long[Months];
            var x = new long[Months];
            for (var m = 0; m < Months; m++)
            {
                if (random.Next(24) == 0) level += random.NextDouble() * 20 - 10;
                values[m] = Math.Clamp(level + (random.NextDouble() - 0.5) * 12, 0, 100);
                n[m] = 20 + random.Next(200);
                x[m] = (long)Math.Round(n[m] * values[m] / 100);
            }
            _series[c] = values;
            _numerators[c] = x;
            _denominators[c] = n;
        }
    }

    [Benchmark(Description = "SPC: 1,000 units × 10 metrics × 36 months (10,000 charts)")]
    public int EvaluateAll()
    {
        var special = 0;
        int[] rebase = [18];
        for (var c = 0; c < _series.Length; c++)
        {
            var options = new SpcOptions
            {
                Improvement = (ImprovementDirection)(c % 3),
                RebaseAt = c % 2 == 0 ? rebase : [],
                ScreenMovingRanges = c % 4 == 0,
                Target = 75,
            };
            var chart = c % Metrics == 9
                ? PChart.Evaluate(_numerators[c], _denominators[c], options with { Target = 0.75 })
                : XmrChart.Evaluate(_series[c], options);
            if (chart.Variation != SpcPointType.CommonCause) special++;
        }
        return special;
    }
}
