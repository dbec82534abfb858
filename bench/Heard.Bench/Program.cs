using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Heard.Bench.ImportBenchmarks).Assembly).Run(args);
