using System.CommandLine;
using GmPki.Core.Keys;

namespace GmPki.LoadTest;

/// <summary>
/// End-to-end issuance load: a fresh installation (SQLite, or PostgreSQL — a throwaway local
/// cluster unless <c>--connection</c> names one), N pre-made CSRs, C concurrent clients issuing
/// over HTTP on loopback (or directly through the issuer), then certificates/s and latency
/// percentiles. Stops by itself.
/// <code>dotnet run -c Release --project bench/GmPki.LoadTest -- --database sqlite --certificates 5000 --concurrency 32</code>
/// </summary>
internal static class LoadCommand
{
    public static Task<int> RunAsync(string[] args)
    {
        var database = new Option<string>("--database") { Description = "sqlite or postgresql.", DefaultValueFactory = _ => "sqlite" };
        var connection = new Option<string?>("--connection") { Description = "PostgreSQL connection string (a role that may create databases); a throwaway local cluster when omitted." };
        var certificates = new Option<int>("--certificates") { Description = "Certificates to issue.", DefaultValueFactory = _ => 2000 };
        var concurrency = new Option<int>("--concurrency") { Description = "Concurrent clients.", DefaultValueFactory = _ => 32 };
        var via = new Option<string>("--via") { Description = "http (the registration counter over the REST API on loopback: every workflow step) or direct (the issuer in-process, no registration workflow).", DefaultValueFactory = _ => "http" };
        var algorithm = new Option<string>("--algorithm") { Description = "CA and subject key algorithm.", DefaultValueFactory = _ => "sm2" };
        var dual = new Option<bool>("--dual") { Description = "Issue dual pairs (双证书) through the counter: the KMC ceremony runs unattended first, every application asks for a pair (SM2, --via http only)." };
        var root = new RootCommand("GmPki issuance load test") { database, connection, certificates, concurrency, via, algorithm, dual };
        root.SetAction(async (parse, cancellationToken) =>
        {
            if (!KeyAlgorithms.TryParse(parse.GetValue(algorithm), out var keyAlgorithm))
            {
                await Console.Error.WriteLineAsync("unknown --algorithm");
                return 2;
            }

            var settings = new LoadSettings(parse.GetValue(database)!, parse.GetValue(connection), parse.GetValue(certificates), parse.GetValue(concurrency),
                parse.GetValue(via) == "direct", keyAlgorithm.Value, parse.GetValue(dual));
            if (settings.Dual && (settings.Direct || settings.Algorithm != KeyAlgorithm.Sm2))
            {
                await Console.Error.WriteLineAsync("--dual issues SM2 pairs through the registration counter: use it with --via http and --algorithm sm2");
                return 2;
            }

            var result = await LoadRun.ExecuteAsync(settings, Console.Out, cancellationToken);
            await Console.Out.WriteLineAsync(result.ToString());
            return result.Failures == 0 ? 0 : 1;
        });
        return root.Parse(args).InvokeAsync();
    }
}

/// <summary>Parameters of one load run.</summary>
internal sealed record LoadSettings(string Database, string? Connection, int Certificates, int Concurrency, bool Direct, KeyAlgorithm Algorithm, bool Dual);

/// <summary>What a load run measured.</summary>
internal sealed record LoadResult(LoadSettings Settings, int Issued, int Failures, TimeSpan Elapsed, double P50Ms, double P95Ms, double P99Ms)
{
    public double PerSecond => Issued / Elapsed.TotalSeconds;

    public override string ToString()
        => $"RESULT database={Settings.Database} via={(Settings.Direct ? "direct" : "http")} algorithm={Settings.Algorithm.ToName()} dual={Settings.Dual} concurrency={Settings.Concurrency} " +
           $"issued={Issued} failures={Failures} seconds={Elapsed.TotalSeconds:F2} {(Settings.Dual ? "pairs" : "certificates")}/s={PerSecond:F0} p50={P50Ms:F1}ms p95={P95Ms:F1}ms p99={P99Ms:F1}ms " +
           $"cores={Environment.ProcessorCount}";
}
