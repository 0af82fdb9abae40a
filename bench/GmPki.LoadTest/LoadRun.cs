using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using GmPki.Core.Identity;
using GmPki.Core.Issuance;
using GmPki.Core.Keys;
using GmPki.Core.Ledger;
using GmPki.Cryptography.Keys;
using GmPki.Cryptography.Signing;
using GmPki.Hosting;
using GmPki.Hosting.Configuration;
using GmPki.Issuance;
using GmPki.Issuance.Authorities;
using GmPki.Server.Http;
using GmPki.Testing;
using Microsoft.Extensions.DependencyInjection;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;

namespace GmPki.LoadTest;

/// <summary>One load run, from a fresh installation to the measured result.</summary>
internal static class LoadRun
{
    private const string Passphrase = "load test passphrase 0123";

    public static async Task<LoadResult> ExecuteAsync(LoadSettings settings, TextWriter log, CancellationToken cancellationToken)
    {
        using var work = new TempDirectory("gmpki-load-");
        using var postgres = settings.Database == "postgresql" && settings.Connection is null ? new PostgresServer() : null;
        PostgresDatabase? database = null;
        if (postgres is not null)
        {
            database = await postgres.CreateDatabaseAsync("load", cancellationToken);
        }

        try
        {
            var databaseSettings = settings.Database == "postgresql"
                ? new DatabaseSettings { Provider = "postgresql", ConnectionString = database?.ConnectionString ?? settings.Connection! }
                : new DatabaseSettings();
            var port = LoopbackPort.Free();
            var baseUrl = $"http://127.0.0.1:{port}";
            var data = DataDirectory.At(Path.Combine(work.Path, "data"));
            await log.WriteLineAsync($"Creating a {settings.Algorithm.ToName()} installation on {settings.Database} in {data.Path} …");
            var init = await Initializer.InitializeAsync(data,
                new InitOptions(new HierarchyOptions(settings.Algorithm, "Load Test CA", "CN", "Load Root", "Load Issuing"), baseUrl, "admin", databaseSettings, RegistrarName: "clerk"),
                Passphrase, Actor.System, TimeProvider.System, cancellationToken);
            var csrs = MakeRequests(settings, log);
            if (settings.Dual)
            {
                await log.WriteLineAsync("Running the KMC key ceremony (2 of 3, unattended) …");
                await using var installation = await Installation.OpenAsync(data, () => Passphrase, TimeProvider.System, cancellationToken);
                await Hosting.Kmc.KmcCeremony.RunAsync(installation, ["load-custodian-1", "load-custodian-2", "load-custodian-3"], 2, data.Combine("kmc-shares"),
                    unattended: true, Actor.System, cancellationToken);
            }

            await using var app = await ServerHost.BuildAsync(new ServerOptions(data, baseUrl, () => Passphrase), cancellationToken);
            await app.StartAsync(cancellationToken);
            using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = settings.Concurrency }) { BaseAddress = new Uri(baseUrl) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", init.RegistrarApiKey);
            var issuer = await app.Services.GetRequiredService<AuthorityDirectory>().IssuerAsync();

            Func<byte[], Task<bool>> issue = settings.Direct
                ? async csr => (await issuer.IssueAsync(new IssuanceRequest("personal", csr), new Actor("load", "registrar", null), cancellationToken)).SerialHex.Length > 0
                : async csr =>
                {
                    using var response = await client.PostAsJsonAsync("/api/v1/counter/applications", CounterBodyFor(csr) with { Dual = settings.Dual }, cancellationToken);
                    return response.StatusCode == HttpStatusCode.Created;
                };

            await log.WriteLineAsync($"Warming up, then issuing {settings.Certificates} {(settings.Dual ? "dual pairs" : "certificates")} with {settings.Concurrency} concurrent clients via {(settings.Direct ? "the issuer (no registration workflow)" : "the HTTP registration counter (every workflow step)")} …");
            foreach (var csr in csrs.Take(Warmup(settings)))
            {
                await issue(csr);
            }

            var latencies = new double[settings.Certificates];
            var next = -1;
            var failures = 0;
            var stopwatch = Stopwatch.StartNew();
            using var progress = new Timer(_ => log.WriteLine($"  {Math.Min(Volatile.Read(ref next) + 1, settings.Certificates)} / {settings.Certificates} after {stopwatch.Elapsed.TotalSeconds:F0} s"), null, 1000, 1000);
            await Task.WhenAll(Enumerable.Range(0, settings.Concurrency).Select(_ => Task.Run(async () =>
            {
                int index;
                while ((index = Interlocked.Increment(ref next)) < settings.Certificates)
                {
                    var started = Stopwatch.GetTimestamp();
                    if (!await issue(csrs[index]))
                    {
                        Interlocked.Increment(ref failures);
                    }

                    latencies[index] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                }
            }, cancellationToken)));
            stopwatch.Stop();
            await app.StopAsync(cancellationToken);
            Array.Sort(latencies);
            double Percentile(double p) => latencies[Math.Min(latencies.Length - 1, (int)(p * latencies.Length))];
            return new LoadResult(settings, settings.Certificates - failures, failures, stopwatch.Elapsed, Percentile(0.50), Percentile(0.95), Percentile(0.99));
        }
        finally
        {
            if (database is not null)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Npgsql.NpgsqlConnection.ClearAllPools();
                await database.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// A counter application for a CSR made by <see cref="MakeRequests"/>: the applicant is named
    /// as the CSR's CN (<c>load-N</c>) with an identity number of their own, one evidence file and one paper form.
    /// </summary>
    private static CounterBody CounterBodyFor(byte[] csr)
    {
        var name = new Pkcs10CertificationRequest(csr).GetCertificationRequestInfo().Subject.GetValueList(X509Name.CN)[0]!.ToString()!;
        var n = int.Parse(name["load-".Length..], System.Globalization.CultureInfo.InvariantCulture);
        var body = $"110105{new DateOnly(1950, 1, 1).AddDays(n / 1000):yyyyMMdd}{n % 1000:D3}";
        var scan = new EvidenceBody("scan.txt", "text/plain", Convert.ToBase64String("scan"u8));
        return new CounterBody("new", "in-person", new Dictionary<string, bool> { ["application-form"] = true, ["identity-document-copy"] = true }, "本人申请证书",
            new SubscriberBody("individual", name, "resident-identity-card", body + ChineseIdentifiers.CitizenIdentityCheck(body), "110000"),
            Profile: "personal", Csr: Convert.ToBase64String(csr), IdentityEvidence: [scan], PaperForms: [scan]);
    }

    /// <summary>Certificates issued before measuring, so the JIT has reached its optimised code: a fifth of the run, 200 to 1,000.</summary>
    private static int Warmup(LoadSettings settings) => Math.Clamp(settings.Certificates / 5, 200, 1000);

    private static List<byte[]> MakeRequests(LoadSettings settings, TextWriter log)
    {
        var warmup = Warmup(settings);
        var total = settings.Certificates + warmup;
        log.WriteLine($"Making {total} {settings.Algorithm.ToName()} keys and CSRs …");
        var csrs = new byte[total][];
        Parallel.For(0, total, i =>
        {
            var key = EphemeralKeys.Generate(settings.Algorithm);
            csrs[i] = new Pkcs10CertificationRequest(new SigningKeySignatureFactory(key), new X509Name($"CN=load-{i},C=CN"),
                PublicKeyFactory.CreateKey(key.SubjectPublicKeyInfo.ToArray()), null).GetDerEncoded();
        });
        return [.. csrs.Skip(warmup), .. csrs.Take(warmup)];
    }

}
