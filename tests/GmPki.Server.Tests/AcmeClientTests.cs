using System.Security.Cryptography.X509Certificates;
using GmPki.Core.Ledger;
using GmPki.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GmPki.Server.Tests;

/// <summary>
/// ACME with the real clients of Debian against the HTTPS server: certbot (its standalone http-01
/// server; our CSR, since the CA's subjects name the holder and certbot's own CSRs have an empty
/// subject) and lego (standalone http-01, its own CSR) get certificates for their names through
/// an external account binding, get them again (renewal), and revoke them — by the account key
/// and by the certificate key.
/// </summary>
public class AcmeClientTests(AcmeServerFixture fixture) : IClassFixture<AcmeServerFixture>
{
    private RunningServer Server => fixture.Server;

    [SkippableFact]
    public async Task Certbot_IssueRenewRevoke_ByAccountKeyAndByCertificateKey()
    {
        AcmeClients.RequireCertbot();
        var (kid, hmac) = await fixture.ProtocolAccountAsync("运维人员甲", "acme-certbot");
        using var client = new OpenSslClient(Server);
        const string Domain = "certbot.acme-test.example";

        var first = Certonly(client, kid, hmac, "first", Domain);
        var second = Certonly(client, kid, hmac, "second", Domain);
        var byAccount = AcmeClients.Certbot(client.Path, fixture.TlsCertificate, "revoke", "--server", fixture.Directory, "--cert-path", client.File("first.pem"),
            "--reason", "superseded", "--no-delete-after-revoke");
        var byCertificateKey = AcmeClients.Certbot(client.Path, fixture.TlsCertificate, "revoke", "--server", fixture.Directory, "--cert-path", client.File("second.pem"),
            "--key-path", client.File("second.key"), "--no-delete-after-revoke");
        var again = AcmeClients.Certbot(client.Path, fixture.TlsCertificate, "revoke", "--server", fixture.Directory, "--cert-path", client.File("first.pem"), "--no-delete-after-revoke");

        first.ExitCode.ShouldBe(0, first.Output);
        second.ExitCode.ShouldBe(0, second.Output);
        var (firstSerial, secondSerial) = (Leaf(client, "first.pem"), Leaf(client, "second.pem"));
        firstSerial.ShouldNotBe(secondSerial);
        File.ReadAllText(client.File("first-chain.pem")).Split("BEGIN CERTIFICATE").Length.ShouldBe(4);
        byAccount.ExitCode.ShouldBe(0, byAccount.Output);
        byCertificateKey.ExitCode.ShouldBe(0, byCertificateKey.Output);
        (await StatusAsync(firstSerial)).ShouldBe(CertificateStatus.Revoked);
        (await StatusAsync(secondSerial)).ShouldBe(CertificateStatus.Revoked);
        again.ExitCode.ShouldNotBe(0);
        var audit = await Server.RecentAuditAsync(200);
        audit.ShouldContain(e => e.Action == "acme.request-rejected" && e.Details!.Contains("acme:alreadyRevoked", StringComparison.Ordinal));
        audit.ShouldContain(e => e.Action == "application.step-recorded" && e.Actor == "protocol:acme:" + kid && e.Details!.Contains("jws-certificate-key", StringComparison.Ordinal));
        audit.Count(e => e.Action == "acme.account-created" && e.Actor == "protocol:acme:" + kid).ShouldBe(1);
    }

    [SkippableFact]
    public async Task Lego_RunRenewRevoke_StandaloneHttp01()
    {
        AcmeClients.RequireLego();
        var (kid, hmac) = await fixture.ProtocolAccountAsync("运维人员乙", "acme-lego");
        using var client = new OpenSslClient(Server);
        const string Domain = "lego.acme-test.example";
        string[] common = ["--server", fixture.Directory, "--accept-tos", "--email", "ops@acme-test.example", "--eab", "--kid", kid, "--hmac", hmac,
            "--domains", Domain, "--http", "--http.port", "127.0.0.1:" + fixture.Http01Port];
        var certificate = Path.Combine(client.Path, "lego", "certificates", Domain + ".crt");

        var run = AcmeClients.Lego(client.Path, fixture.TlsCertificate, [.. common, "run"]);
        var issued = run.ExitCode == 0 ? Serial(certificate) : null;
        var renew = AcmeClients.Lego(client.Path, fixture.TlsCertificate, [.. common, "renew", "--days", "400", "--no-random-sleep"]);
        var renewed = renew.ExitCode == 0 ? Serial(certificate) : null;
        var revoke = AcmeClients.Lego(client.Path, fixture.TlsCertificate, [.. common, "revoke", "--keep"]);

        run.ExitCode.ShouldBe(0, run.Output);
        renew.ExitCode.ShouldBe(0, renew.Output);
        renewed.ShouldNotBe(issued);
        using (var leaf = X509CertificateLoader.LoadCertificateFromFile(certificate))
        {
            leaf.GetNameInfo(X509NameType.DnsName, false).ShouldBe(Domain);
        }

        revoke.ExitCode.ShouldBe(0, revoke.Output);
        (await StatusAsync(renewed!)).ShouldBe(CertificateStatus.Revoked);
        (await StatusAsync(issued!)).ShouldBe(CertificateStatus.Good);
    }

    /// <summary><c>certbot certonly --standalone --csr</c> with a fresh P-256 key NAME.key; the certificate in NAME.pem, the full chain in NAME-chain.pem.</summary>
    private (int ExitCode, string Output) Certonly(OpenSslClient client, string kid, string hmac, string name, string domain)
    {
        OpenSsl.MustRun(client.Path, "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", name + ".key", "-out", name + ".csr",
            "-subj", "/CN=" + domain, "-addext", "subjectAltName=DNS:" + domain);
        return AcmeClients.Certbot(client.Path, fixture.TlsCertificate, "certonly", "--standalone", "--server", fixture.Directory, "--agree-tos",
            "--register-unsafely-without-email", "--eab-kid", kid, "--eab-hmac-key", hmac, "--http-01-port", fixture.Http01Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--http-01-address", "127.0.0.1", "--csr", client.File(name + ".csr"), "--cert-path", client.File(name + ".pem"), "--fullchain-path", client.File(name + "-chain.pem"),
            "--chain-path", client.File(name + "-ca.pem"));
    }

    private static string Leaf(OpenSslClient client, string file) => Serial(client.File(file));

    private static string Serial(string pemFile)
    {
        using var certificate = X509CertificateLoader.LoadCertificateFromFile(pemFile);
        return certificate.SerialNumber.ToLowerInvariant();
    }

    private async Task<CertificateStatus?> StatusAsync(string serial)
        => (await Server.Services.GetRequiredService<ICertificateDirectory>().FindAsync(serial, CancellationToken.None))?.Status;
}
