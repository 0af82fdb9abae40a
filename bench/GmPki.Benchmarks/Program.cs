using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// In-process toolchain: BenchmarkDotNet 0.14 predates .NET 10 and cannot generate a project for
// it; in-process runs still get warm-up, pilot and statistics. Usage:
//   dotnet run -c Release --project bench/GmPki.Benchmarks -- --filter '*Sm2*'
var config = DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance));
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
