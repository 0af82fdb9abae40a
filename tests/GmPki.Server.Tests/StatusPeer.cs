using System.Net;
using GmPki.Server.Http;
using GmPki.Testing;
using Org.BouncyCastle.Asn1.X509;

namespace GmPki.Server.Tests;

/// <summary>
/// A relying party of the status services: certificates issued and revoked through the counter,
/// their CRL distribution point read from the certificate, CRLs fetched from it over HTTP.
/// </summary>
internal sealed class StatusPeer(RunningServer server) : IDisposable
{
    private readonly OpenSslClient _client = new(server);

    public string Path => _client.Path;

    public string File(string name) => _client.File(name);

    /// <summary>Issues a certificate to a new person for an openssl-made key; writes NAME.pem, issuing.pem and root.pem.</summary>
    public Task<(string Serial, Guid Subscriber, SubscriberBody Person)> IssueAsync(string name, string genpkeyAlgorithm)
        => IssueToAsync(Counter.Person(name), _client.MakeRequest(name, genpkeyAlgorithm, "/C=CN/CN=" + name), name);

    /// <summary>Issues a certificate to <paramref name="person"/> (registered already or not: the identity number finds them) for CSR file <paramref name="csr"/>; writes NAME.pem, issuing.pem and root.pem.</summary>
    public async Task<(string Serial, Guid Subscriber, SubscriberBody Person)> IssueToAsync(SubscriberBody person, string csr, string name)
    {
        var result = await Counter.IssueAsync(server.Registrar, Counter.New(person, "personal", await System.IO.File.ReadAllTextAsync(File(csr))));
        var serial = result.Application.ResultSerial!;
        await System.IO.File.WriteAllTextAsync(File(name + ".pem"), await Counter.CertificatePemAsync(server.Client, serial));
        var chain = (await server.Client.GetStringAsync("/api/v1/ca/chain")).Split("-----END CERTIFICATE-----", StringSplitOptions.TrimEntries);
        await System.IO.File.WriteAllTextAsync(File("issuing.pem"), chain[0] + "\n-----END CERTIFICATE-----\n");
        await System.IO.File.WriteAllTextAsync(File("root.pem"), chain[1] + "\n-----END CERTIFICATE-----\n");
        return (serial, result.Application.SubscriberId, person);
    }

    /// <summary>Revokes (or suspends, resumes) through a counter application.</summary>
    public Task ActAsync(string kind, (string Serial, Guid Subscriber, SubscriberBody Person) certificate, string? reason = null)
        => Counter.ActAsync(server.Registrar, Counter.Act(kind, certificate.Person, certificate.Subscriber, certificate.Serial, reason));

    /// <summary>The single cRLDistributionPoints URI of a PEM certificate file.</summary>
    public string CrlUrlOf(string pemFile)
    {
        var certificate = X509CertificateStructure.GetInstance(Pem(pemFile));
        var points = CrlDistPoint.GetInstance(X509Extension.ConvertValueToObject(certificate.TbsCertificate.Extensions.GetExtension(X509Extensions.CrlDistributionPoints)));
        return ((GeneralNames)points.GetDistributionPoints()[0].DistributionPointName.Name).GetNames()[0].Name.ToString()!;
    }

    /// <summary>Fetches <paramref name="url"/> until <paramref name="ready"/> holds for the CRL (the background service publishes it), then writes it to <paramref name="file"/>.</summary>
    public async Task<HttpResponseMessage> WaitForCrlAsync(string url, string file, Func<CertificateList, bool> ready)
    {
        for (var attempt = 0; ; attempt++)
        {
            var response = await server.Client.GetAsync(url);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var der = await response.Content.ReadAsByteArrayAsync();
                if (ready(CertificateList.GetInstance(der)) || attempt == 300)
                {
                    await System.IO.File.WriteAllBytesAsync(File(file), der);
                    return response;
                }
            }
            else if (attempt == 300)
            {
                return response;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Whether a CRL lists <paramref name="serialHex"/>.</summary>
    public static bool Lists(CertificateList crl, string serialHex)
        => crl.GetRevokedCertificateEnumeration().Cast<CrlEntry>().Any(e => Convert.ToHexStringLower(e.UserCertificate.Value.ToByteArrayUnsigned()) == serialHex);

    /// <summary>Runs <c>openssl ocsp</c> against the server for NAME.pem, verifying the response with the root (the responder certificate comes in the response).</summary>
    public (int ExitCode, string Output) Ocsp(string certificatePem, params string[] extra)
    {
        var (code, output, error) = OpenSsl.Run(Path, ["ocsp", "-issuer", "issuing.pem", "-cert", certificatePem, "-url", server.BaseUrl + "/ocsp",
            "-CAfile", "root.pem", "-verify_other", "issuing.pem", "-resp_text", .. extra]);
        return (code, output + error);
    }

    /// <summary>Runs <see cref="Ocsp"/> until its output contains <paramref name="expected"/> (the background service re-signs after a status change), at most 20 s; returns the last run.</summary>
    public async Task<(int ExitCode, string Output)> WaitForOcspAsync(string certificatePem, string expected)
    {
        for (var attempt = 0; ; attempt++)
        {
            var result = Ocsp(certificatePem);
            if (result.Output.Contains(expected, StringComparison.Ordinal) || attempt == 100)
            {
                return result;
            }

            await Task.Delay(200);
        }
    }

    private byte[] Pem(string file)
        => Convert.FromBase64String(string.Concat(System.IO.File.ReadAllLines(File(file)).Where(l => !l.StartsWith("-----", StringComparison.Ordinal))));

    public void Dispose() => _client.Dispose();
}
