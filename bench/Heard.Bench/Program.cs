using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// Run in this process: the project BenchmarkDotNet would generate and restore for a separate process references only
// Microsoft.NETCore.App, so restore does not prune the ASP.NET Core packages Identity pulls in and fails
// (NU1101 Microsoft.AspNetCore.Cryptography.KeyDerivation). In process also spares a build on a small shared machine.
if (args.Length > 1 && args[0] == "report-timing")
    return await Heard.Bench.BoardReportTiming.RunAsync(args);
if (args.Length > 1 && args[0] == "search-timing")
    return await Heard.Bench.CommentSearchTiming.RunAsync(args);
if (args.Length > 0 && args[0] == "load")
    return await Heard.Bench.SubmissionLoadTest.RunAsync(args);

var config = DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).AsMutator());
BenchmarkSwitcher.FromAssembly(typeof(Heard.Bench.ImportBenchmarks).Assembly).Run(args, config);
return 0;
