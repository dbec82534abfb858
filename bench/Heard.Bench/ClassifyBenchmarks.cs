using BenchmarkDotNet.Attributes;
using Heard.Analysis.Text;

namespace Heard.Bench;

/// <summary>
/// Comment coding with the built-in QDC v7 model (target: 25,000 comments a second for <c>./heard classify</c> as a
/// whole process on 2 cores). One scorer on one thread, and the classify command reading and writing CSV.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
[MemoryDiagnoser]
public class ClassifyBenchmarks
{
    public const int Comments = 100_000;
    private (string Comment, string Question)[] _comments = [];
    private ThemeScorer _scorer = null!;
    private string _file = "";
    private string _output = "";

    [GlobalSetup]
    public void Setup()
    {
        _comments = SyntheticComments.Make(Comments);
        _scorer = ThemeModel.BuiltIn().CreateScorer();
        _file = SyntheticComments.Write(SyntheticComments.PathFor(Comments), Comments);
        _output = Path.Combine(Path.GetTempPath(), $"heard-bench-classified-{Environment.ProcessId}.csv");
    }

    /// <summary>Per comment: features, weights, thresholds and sentiment, with no allocation.</summary>
    [Benchmark(Description = "score one comment with the built-in model", OperationsPerInvoke = Comments)]
    public int Score()
    {
        var labels = 0;
        foreach (var (comment, question) in _comments)
        {
            _scorer.Code(comment, question);
            labels += _scorer.Chosen.Length + _scorer.Sentiment;
        }
        return labels;
    }

    /// <summary>Per comment, through the command: CSV read, coded, CSV written.</summary>
    [Benchmark(Description = "./heard classify, per comment (100,000-row file)", OperationsPerInvoke = Comments)]
    public int ClassifyFile()
    {
        var (stdout, stderr) = (Console.Out, Console.Error);
        Console.SetOut(TextWriter.Null);
        Console.SetError(TextWriter.Null);
        try { return Heard.Cli.CommandLine.RunAsync(["classify", "--input", _file, "--out", _output]).GetAwaiter().GetResult(); }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_output);
}
