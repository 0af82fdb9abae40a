using System.Runtime.CompilerServices;

// The SM2 engine is internal; the benchmark project measures it directly (bench/GmPki.Benchmarks).
[assembly: InternalsVisibleTo("GmPki.Benchmarks")]
