using System.Diagnostics;
using System.Net.Http.Headers;
using GmPki.Core.Issuance;
using GmPki.Core.Keys;
using GmPki.Core.Ledger;
using GmPki.Cryptography.Keys;
using GmPki.Cryptography.Signing;
using GmPki.Hosting.Status;
using GmPki.Issuance;
using Microsoft.Extensions.DependencyInjection;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;

namespace GmPki.StatusBench;

/// <summary>
/// OCSP responses/s on loopback: N SM2 certificates issued, their responses pre-signed, then C
/// concurrent HTTP clients POST requests for T seconds — without a nonce (served pre-signed) and
/// with a nonce (signed live) — then the same two by GET from <c>wrk</c> when installed, and against
/// the responder in-process (no HTTP).
/// </summary>
internal static class OcspLoad
{
    public static async Task<int> RunAsync(int certificates, int seconds, int concurrency)
    {
        await using var installation = await BenchInstallation.StartAsync();
        var issuer = await installation.Services.GetRequiredService<AuthorityDirectory>().IssuerAsync();
        var serials = new string[certificates];
        var csrs = new byte[certificates][];
        Parallel.For(0, certificates, i =>
        {
            var key = EphemeralKeys.Generate(KeyAlgorithm.Sm2);
            csrs[i] = new Pkcs10CertificationRequest(new SigningKeySignatureFactory(key), new X509Name($"CN=ocsp-{i},C=CN"),
                PublicKeyFactory.CreateKey(key.SubjectPublicKeyInfo.ToArray()), null).GetDerEncoded();
        });
        for (var i = 0; i < certificates; i++)
        {
            serials[i] = (await issuer.IssueAsync(new IssuanceRequest("personal", csrs[i]), new Actor("bench", "registrar", null), CancellationToken.None)).SerialHex;
        }

        var responder = installation.Services.GetRequiredService<StatusDirectory>().Responder;
        var presigned = Stopwatch.StartNew();
        var signed = await responder.PreSignAsync(CancellationToken.None);
        presigned.Stop();
        Console.WriteLine($"RESULT presign responses={signed} seconds={presigned.Elapsed.TotalSeconds:F2} perSecond={signed / presigned.Elapsed.TotalSeconds:F0}");
        var record = (await installation.Services.GetRequiredService<IAuthorityRegistry>().ListAsync(CancellationToken.None)).Last(a => a.Kind == AuthorityKind.Issuing);
        var plain = serials.Select(s => Request(record.CertificateDer, s, false)).ToArray();
        var nonced = serials.Select(s => Request(record.CertificateDer, s, true)).ToArray();

        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = new Uri(installation.BaseUrl) };
        foreach (var (name, requests) in new[] { ("http-presigned", plain), ("http-live", nonced) })
        {
            await MeasureAsync(name, seconds, concurrency, requests, async request =>
            {
                using var content = new ByteArrayContent(request);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/ocsp-request");
                using var response = await client.PostAsync("/ocsp", content);
                return Successful(await response.Content.ReadAsByteArrayAsync());
            });
        }

        foreach (var (name, request) in new[] { ("wrk-get-presigned", plain[0]), ("wrk-get-live", nonced[0]) })
        {
            Wrk(name, installation.BaseUrl + "/ocsp/" + Uri.EscapeDataString(Convert.ToBase64String(request)), seconds, concurrency);
        }

        foreach (var (name, requests) in new[] { ("inprocess-presigned", plain), ("inprocess-live", nonced) })
        {
            await MeasureAsync(name, seconds, concurrency, requests, async request => Successful((await responder.RespondAsync(request, CancellationToken.None)).Der));
        }

        return 0;
    }

    private static async Task MeasureAsync(string name, int seconds, int concurrency, byte[][] requests, Func<byte[], Task<bool>> send)
    {
        for (var i = 0; i < Math.Min(requests.Length, 200); i++)
        {
            await send(requests[i]);
        }

        long done = 0, failed = 0;
        var stopwatch = Stopwatch.StartNew();
        var until = TimeSpan.FromSeconds(seconds);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            for (var i = worker; stopwatch.Elapsed < until; i += concurrency)
            {
                if (await send(requests[i % requests.Length]))
                {
                    Interlocked.Increment(ref done);
                }
                else
                {
                    Interlocked.Increment(ref failed);
                }
            }
        })));
        stopwatch.Stop();
        Console.WriteLine($"RESULT ocsp mode={name} concurrency={concurrency} responses={done} failures={failed} seconds={stopwatch.Elapsed.TotalSeconds:F1} " +
            $"perSecond={done / stopwatch.Elapsed.TotalSeconds:F0} cores={Environment.ProcessorCount}");
    }

    /// <summary>
    /// GETs one request URL with <c>wrk</c> (Debian package wrk, one thread, <paramref name="concurrency"/>
    /// connections), a load generator far lighter than HttpClient, when it is installed.
    /// </summary>
    private static void Wrk(string name, string url, int seconds, int concurrency)
    {
        if (!File.Exists("/usr/bin/wrk"))
        {
            Console.WriteLine($"RESULT ocsp mode={name} skipped: wrk is not installed (apt-get install wrk)");
            return;
        }

        var start = new ProcessStartInfo("/usr/bin/wrk", ["-t1", $"-c{concurrency}", $"-d{seconds}s", url]) { RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var rate = output.Split('\n').FirstOrDefault(l => l.StartsWith("Requests/sec:", StringComparison.Ordinal))?.Split(':')[1].Trim();
        var errors = output.Split('\n').FirstOrDefault(l => l.Contains("Non-2xx", StringComparison.Ordinal))?.Trim() ?? "no non-2xx";
        Console.WriteLine($"RESULT ocsp mode={name} concurrency={concurrency} perSecond={rate} ({errors}) cores={Environment.ProcessorCount}");
    }

    /// <summary>Whether a DER OCSPResponse is successful (its responseStatus ENUMERATED is 0).</summary>
    private static bool Successful(byte[] der) => OcspResponse.GetInstance(Asn1Object.FromByteArray(der)).ResponseStatus.IntValueExact == 0;

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350", Justification = "RFC 6960 CertIDs are SHA-1 (what openssl ocsp sends).")]
    private static byte[] Request(byte[] issuerDer, string serialHex, bool nonce)
    {
        var issuer = X509CertificateStructure.GetInstance(issuerDer);
        var id = new CertID(new AlgorithmIdentifier(new DerObjectIdentifier("1.3.14.3.2.26"), DerNull.Instance),
            new DerOctetString(System.Security.Cryptography.SHA1.HashData(issuer.Subject.GetDerEncoded())),
            new DerOctetString(System.Security.Cryptography.SHA1.HashData(issuer.SubjectPublicKeyInfo.PublicKeyData.GetBytes())),
            new DerInteger(new BigInteger(serialHex, 16)));
        var extensions = nonce ? new X509Extensions(new Dictionary<DerObjectIdentifier, X509Extension>
        {
            [OcspObjectIdentifiers.PkixOcspNonce] = new(false, new DerOctetString(new DerOctetString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)))),
        }) : null;
        return new OcspRequest(new TbsRequest(null, new DerSequence(new Request(id, null)), extensions), null).GetDerEncoded();
    }
}
