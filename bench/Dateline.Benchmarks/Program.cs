using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Dateline.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Dateline.Benchmarks.DayPageParserBenchmarks).Assembly).Run(args);
