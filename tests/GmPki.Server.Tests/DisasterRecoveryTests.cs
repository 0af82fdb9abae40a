using System.Net;
using System.Net.Http.Headers;
using GmPki.Core.Keys;
using GmPki.Hosting;
using GmPki.Hosting.Backup;
using GmPki.Hosting.Configuration;
using GmPki.Server.Http;
using GmPki.Testing;
using Org.BouncyCastle.Asn1.X509;

namespace GmPki.Server.Tests;

/// <summary>
/// Disaster recovery (M09 §12, §26): certificates issued and some revoked, a backup taken while
/// the server keeps issuing, restored into a new directory (manifest and audit chain verified),
/// <c>serve</c> started there; OCSP and the CRLs answer for every certificate as before.
/// </summary>
[Collection(PostgresServerDefinition.Name)]
public class DisasterRecoveryTests(PostgresServer postgres)
{
    [Fact]
    public async Task BackupUnderLoad_RestoredIntoANewDirectory_OcspAndCrlsAnswerForEveryCertificate()
    {
        await using var server = await RunningServer.StartAsync();
        using var restored = new TempDirectory("gmpki-restored-");
        await RecoverAsync(server, restored.Path, null);
    }

    [SkippableFact]
    public async Task BackupUnderLoad_OnPostgreSql_PgDumpRestoredIntoANewDatabase_OcspAndCrlsAnswerForEveryCertificate()
    {
        Skip.IfNot(postgres.IsAvailable, postgres.UnavailableReason);
        Skip.IfNot(OnPath("pg_dump") && OnPath("pg_restore"), "pg_dump and pg_restore are not on PATH");
        await using var database = await postgres.CreateDatabaseAsync("dr");
        await using var target = await postgres.CreateDatabaseAsync("restored");
        await using var server = await RunningServer.StartAsync(KeyAlgorithm.Sm2, new DatabaseSettings { Provider = "postgresql", ConnectionString = database.ConnectionString });
        using var restored = new TempDirectory("gmpki-restored-");
        await RecoverAsync(server, restored.Path, target.ConnectionString);
    }

    private static async Task RecoverAsync(RunningServer server, string work, string? targetDatabase)
    {
        var certificates = new List<(string Serial, bool Revoked)>();
        for (var i = 0; i < 5; i++)
        {
            var person = Counter.Person("灾备" + i);
            var issued = await Counter.IssueAsync(server.Registrar, Counter.New(person, "personal", Csrs.Pem(Csrs.Der(KeyAlgorithm.Sm2, "CN=灾备" + i))));
            var serial = issued.Application.ResultSerial!;
            var revoked = i % 2 == 1;
            if (revoked)
            {
                await Counter.ActAsync(server.Registrar, Counter.Act("revoke", person, issued.Application.SubscriberId, serial, "keyCompromise"));
            }

            certificates.Add((serial, revoked));
        }

        var pems = new Dictionary<string, string>();
        foreach (var (serial, _) in certificates)
        {
            pems[serial] = await Counter.CertificatePemAsync(server.Client, serial);
        }

        foreach (var (serial, _) in certificates.Where(c => c.Revoked))
        {
            await WaitUntilListedAsync(server.Client, CrlPath(pems[serial]), serial);
        }

        using var load = new CancellationTokenSource();
        var issuedUnderLoad = 0;
        var loadTask = Task.Run(async () =>
        {
            for (var n = 0; !load.IsCancellationRequested; n++)
            {
                await Counter.IssueAsync(server.Registrar, Counter.New(Counter.Person("负载" + n), "personal", Csrs.Pem(Csrs.Der(KeyAlgorithm.Sm2, "CN=负载" + n))));
                Interlocked.Increment(ref issuedUnderLoad);
            }
        });
        while (Volatile.Read(ref issuedUnderLoad) == 0 && !loadTask.IsCompleted)
        {
            await Task.Delay(50);
        }

        var backup = await InstallationBackup.CreateAsync(DataDirectory.At(Path.Combine(server.WorkDirectory, "data")), Path.Combine(work, "backup"), null, TimeProvider.System, CancellationToken.None);
        var duringBackup = Volatile.Read(ref issuedUnderLoad);
        await load.CancelAsync();
        await loadTask.ContinueWith(_ => { }, TaskScheduler.Default);
        loadTask.IsFaulted.ShouldBeFalse(loadTask.Exception?.ToString());

        var data = DataDirectory.At(Path.Combine(work, "data"));
        var (manifest, verification) = await InstallationRestore.RestoreAsync(backup.Directory, data, false, targetDatabase, null, CancellationToken.None);

        manifest.Files.Count.ShouldBe(backup.Manifest.Files.Count);
        verification.IsIntact.ShouldBeTrue();
        duringBackup.ShouldBeGreaterThan(0, "the server was issuing while the backup ran");
        var url = $"http://127.0.0.1:{LoopbackPort.Free()}";
        await using var app = await ServerHost.BuildAsync(new ServerOptions(data, url, () => RunningServer.Passphrase), CancellationToken.None);
        await app.StartAsync();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(url) };
            var chain = (await client.GetStringAsync("/api/v1/ca/chain")).Split("-----END CERTIFICATE-----", StringSplitOptions.TrimEntries);
            var issuer = Path.Combine(work, "issuing.pem");
            await File.WriteAllTextAsync(issuer, chain[0] + "\n-----END CERTIFICATE-----\n");
            foreach (var (serial, revoked) in certificates)
            {
                var status = await OcspStatusAsync(client, issuer, serial);
                status.ShouldBe(revoked ? 1 : 0, $"OCSP status of {serial} after the restore");
                var crl = CertificateList.GetInstance(await client.GetByteArrayAsync(CrlPath(pems[serial])));
                StatusPeer.Lists(crl, serial).ShouldBe(revoked, $"CRL entry of {serial} after the restore");
            }
        }
        finally
        {
            await app.StopAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }

    private static bool OnPath(string program)
        => (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Any(d => File.Exists(Path.Combine(d, program)));

    private static async Task<int> OcspStatusAsync(HttpClient client, string issuerPem, string serial)
    {
        using var content = new ByteArrayContent(StatusRequests.Build(issuerPem, serial, "1.2.156.10197.1.401"));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/ocsp-request");
        using var response = await client.PostAsync("/ocsp", content);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return StatusRequests.Single(await response.Content.ReadAsByteArrayAsync()).CertStatus.TagNo;
    }

    /// <summary>The path of the certificate's CRL distribution point (the restored server listens on another port than the one the URL names).</summary>
    private static string CrlPath(string pem)
    {
        var certificate = X509CertificateStructure.GetInstance(Convert.FromBase64String(string.Concat(pem.Split('\n').Where(l => !l.StartsWith("-----", StringComparison.Ordinal)).Select(l => l.Trim()))));
        var points = CrlDistPoint.GetInstance(X509Extension.ConvertValueToObject(certificate.TbsCertificate.Extensions.GetExtension(X509Extensions.CrlDistributionPoints)));
        return new Uri(((GeneralNames)points.GetDistributionPoints()[0].DistributionPointName.Name).GetNames()[0].Name.ToString()!).PathAndQuery;
    }

    private static async Task WaitUntilListedAsync(HttpClient client, string path, string serial)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            using var response = await client.GetAsync(path);
            if (response.StatusCode == HttpStatusCode.OK && StatusPeer.Lists(CertificateList.GetInstance(await response.Content.ReadAsByteArrayAsync()), serial))
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"the CRL at {path} never listed {serial}");
    }
}
