using BenchmarkDotNet.Attributes;
using Heard.Analysis.Text;

namespace Heard.Bench;

/// <summary>
/// Redaction runs on every comment shown to a role without clearance (a dashboard shows up to 50, a comment search page
/// 25), so it has to cost microseconds. Ordinary comments (the synthetic ones the comment model is timed on, with no
/// personal data) and comments full of it.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
[MemoryDiagnoser]
public class RedactBenchmarks
{
    public const int Comments = 10_000;
    private string[] _ordinary = [];
    private string[] _personal = [];

    private static readonly string[] WithPersonalData =
    [
        "Nurse Kelly rang me on 07700 900345 about my NHS number 450 557 7104.",
        "I'm Arthur Jenkins, DOB 02/02/1944, postcode BS1 5TR, please call 0117 496 0020.",
        "Thanks to Sarah on reception and Dr Malik who saw me, email k.woods@example.org if you need me.",
        "Special thanks to Femi, Aisha and Rhys on the night shift, and to the porter Dave who made me laugh.",
        "My mum Doreen (NHS 4307924401, dob 5.5.1937) was sent home at 2am from Rose Ward.",
    ];

    [GlobalSetup]
    public void Setup()
    {
        _ordinary = SyntheticComments.Make(Comments).Select(c => c.Comment).ToArray();
        _personal = Enumerable.Range(0, Comments).Select(i => WithPersonalData[i % WithPersonalData.Length]).ToArray();
    }

    [Benchmark(Description = "redact an ordinary comment (synthetic, no personal data)", OperationsPerInvoke = Comments)]
    public int RedactOrdinary()
    {
        var length = 0;
        foreach (var comment in _ordinary) length += Redactor.Redact(comment).Length;
        return length;
    }

    [Benchmark(Description = "redact a comment holding 3 to 5 items of personal data", OperationsPerInvoke = Comments)]
    public int RedactPersonal()
    {
        var length = 0;
        foreach (var comment in _personal) length += Redactor.Redact(comment).Length;
        return length;
    }
}
