using System.Net;
using GmPki.Server.Http;
using GmPki.Testing;
using Org.BouncyCastle.Asn1.X509;

namespace GmPki.Server.Tests;

/// <summary>Makes keys and CSRs with the openssl CLI and submits them to a running server, like a newcomer would.</summary>
internal sealed class OpenSslClient(RunningServer server) : IDisposable
{
    private readonly TempDirectory _directory = new("gmpki-openssl-");

    public string Path => _directory.Path;

    public string File(string name) => System.IO.Path.Combine(_directory.Path, name);

    /// <summary>Generates a key (<c>openssl genpkey</c>) and a CSR (<c>openssl req -utf8</c>); returns the CSR file name.</summary>
    public string MakeRequest(string name, string genpkeyAlgorithm, string subject, params string[] extraReqArguments)
    {
        OpenSsl.RequireInstalled();
        OpenSsl.MustRun(Path, ["genpkey", .. genpkeyAlgorithm.Split(' '), "-out", name + ".key"]);
        OpenSsl.MustRun(Path, ["req", "-new", "-key", name + ".key", "-subj", subject, "-utf8", "-out", name + ".csr", .. extraReqArguments]);
        return name + ".csr";
    }

    /// <summary>
    /// Runs the counter flow for <paramref name="subscriber"/> with the CSR (as the registrar; under the
    /// two-person rule the reviewer approves too); on success writes NAME.pem (leaf), issuing.pem and root.pem.
    /// </summary>
    /// <returns>The final status (201 on success), the certificate's serial, and the raw response.</returns>
    public async Task<(HttpStatusCode Status, string? Serial, string Raw)> SubmitAsync(string csrFile, string profile, SubscriberBody subscriber)
    {
        var (status, result, raw) = await Counter.PostAsync(server.Registrar,
            Counter.New(subscriber, profile, await System.IO.File.ReadAllTextAsync(File(csrFile))));
        if (status != HttpStatusCode.Created)
        {
            return (status, null, raw);
        }

        var application = result!.Application;
        if (application.State == "awaiting-approval")
        {
            application = await Counter.ApproveAndCompleteAsync(server, application.Id, subscriber.IdentityNumber);
        }

        application.State.ShouldBe("completed", raw);
        var serial = application.ResultSerial!;
        var certificates = (await server.Client.GetStringAsync($"/api/v1/certificates/{serial}?format=pem"))
            .Split("-----END CERTIFICATE-----", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(p => p.Length > 0).Select(p => p + "\n-----END CERTIFICATE-----\n").ToList();
        var stem = System.IO.Path.GetFileNameWithoutExtension(csrFile);
        await System.IO.File.WriteAllTextAsync(File(stem + ".pem"), certificates[0]);
        await System.IO.File.WriteAllTextAsync(File("issuing.pem"), certificates[1]);
        await System.IO.File.WriteAllTextAsync(File("root.pem"), certificates[2]);
        return (HttpStatusCode.Created, serial, raw);
    }

    /// <summary>
    /// Checks with <c>openssl pkeyutl -verify -rawin -digest sm3 -pkeyopt distid:…</c> that
    /// <paramref name="issuerPem"/>'s key signed <paramref name="certificatePem"/> (OpenSSL 3.0's
    /// verify passes the SM2 ID only to the leaf, so CA links are checked this way).
    /// </summary>
    public (int ExitCode, string Output) VerifySm2Link(string certificatePem, string issuerPem, string distinguishingId = "1234567812345678")
    {
        var der = Convert.FromBase64String(string.Concat(System.IO.File.ReadAllLines(File(certificatePem)).Where(l => !l.StartsWith("-----", StringComparison.Ordinal))));
        var certificate = X509CertificateStructure.GetInstance(der);
        System.IO.File.WriteAllBytes(File("link.tbs"), certificate.TbsCertificate.GetDerEncoded());
        System.IO.File.WriteAllBytes(File("link.sig"), certificate.Signature.GetOctets());
        OpenSsl.MustRun(Path, "x509", "-in", issuerPem, "-pubkey", "-noout", "-out", "issuer.pub");
        var (code, output, error) = OpenSsl.Run(Path, "pkeyutl", "-verify", "-rawin", "-digest", "sm3", "-pkeyopt", "distid:" + distinguishingId,
            "-pubin", "-inkey", "issuer.pub", "-in", "link.tbs", "-sigfile", "link.sig");
        return (code, output + error);
    }

    public void Dispose() => _directory.Dispose();
}
