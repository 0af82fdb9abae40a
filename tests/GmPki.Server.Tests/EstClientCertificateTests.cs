using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GmPki.Server.Http;
using GmPki.Testing;

namespace GmPki.Server.Tests;

/// <summary>
/// EST re-enrollment authenticated by the certificate being renewed (RFC 7030 §3.3.2, §4.2.2):
/// curl presents an ECDSA certificate enrolled through EST over HTTPS, and a trusted TLCP proxy
/// forwards an SM2 one in a header; a certificate not enrolled through EST is refused with 401.
/// </summary>
public sealed class EstClientCertificateTests : IAsyncLifetime, IDisposable
{
    private static readonly JsonSerializerOptions Web = Counter.Web;
    private readonly TempDirectory _pki = new("gmpki-est-tls-");
    private RunningServer _server = null!;
    private OpenSslClient _client = null!;

    public async Task InitializeAsync()
    {
        OpenSsl.RequireInstalled();
        _server = await RunningServer.StartHttpsAsync(_pki.Path);
        _client = new OpenSslClient(_server);
        File.Copy(Path.Combine(_pki.Path, "server.pem"), _client.File("server.pem"));
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose()
    {
        _client?.Dispose();
        _pki.Dispose();
    }

    [SkippableFact]
    public async Task Curl_ReenrollWithTheEnrolledEcdsaCertificate_RenewsIt_CounterCertificateRefused()
    {
        Curl.RequireInstalled();
        var person = Counter.Person("设备证书持有人");
        var basis = await BasisAsync(person, "basis", "-algorithm EC -pkeyopt ec_paramgen_curve:P-256");
        var secret = await AccountAsync("tls-device", basis);
        Request("first", "-algorithm EC -pkeyopt ec_paramgen_curve:P-256", person.Name);
        var first = Curl.Run(Tls(["--user", "tls-device:" + secret, "-o", _client.File("first.b64"), ..Enroll("first"), Est("simpleenroll")]));
        Pem("first.b64");
        Request("second", "-algorithm EC -pkeyopt ec_paramgen_curve:P-256", person.Name);

        var renewed = Curl.Run(Tls(["--cert", _client.File("first.b64.pem"), "--key", _client.File("first.key"), "-o", _client.File("second.b64"), ..Enroll("second"), Est("simplereenroll")]));
        var counterCertificate = Curl.Run(Tls(["--cert", _client.File("basis.pem"), "--key", _client.File("basis.key"), ..Enroll("second"), Est("simplereenroll")]));

        first.Status.ShouldBe(200, first.Output);
        renewed.Status.ShouldBe(200, File.ReadAllText(_client.File("second.b64")));
        Pem("second.b64");
        OpenSsl.MustRun(_client.Path, "x509", "-in", "second.b64.pem", "-noout", "-pubkey").ShouldBe(OpenSsl.MustRun(_client.Path, "pkey", "-in", "second.key", "-pubout"));
        counterCertificate.Status.ShouldBe(401, counterCertificate.Output);
        counterCertificate.Output.ShouldContain("not a good certificate this CA issued through an EST enrollment");
        (await _server.RecentAuditAsync(60)).ShouldContain(e => e.Action == "application.step-recorded" && e.Actor == "protocol:est:tls-device"
            && e.Details!.Contains("tls-client-certificate", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Curl_SimpleEnrollWithAnEnrolledCertificate_AnotherCertificateAsANewApplication_CounterCertificateRefused()
    {
        Curl.RequireInstalled();
        var person = Counter.Person("多证书设备持有人");
        var basis = await BasisAsync(person, "multi-basis", "-algorithm EC -pkeyopt ec_paramgen_curve:P-256");
        var secret = await AccountAsync("multi-device", basis);
        Request("multi-first", "-algorithm EC -pkeyopt ec_paramgen_curve:P-256", person.Name);
        Curl.Run(Tls(["--user", "multi-device:" + secret, "-o", _client.File("multi-first.b64"), ..Enroll("multi-first"), Est("simpleenroll")])).Status.ShouldBe(200);
        Pem("multi-first.b64");
        Request("multi-second", "-algorithm EC -pkeyopt ec_paramgen_curve:P-256", person.Name);

        var another = Curl.Run(Tls(["--cert", _client.File("multi-first.b64.pem"), "--key", _client.File("multi-first.key"), "-o", _client.File("multi-second.b64"),
            ..Enroll("multi-second"), Est("simpleenroll")]));
        var counterCertificate = Curl.Run(Tls(["--cert", _client.File("multi-basis.pem"), "--key", _client.File("multi-basis.key"), ..Enroll("multi-second"), Est("simpleenroll")]));

        another.Status.ShouldBe(200, File.ReadAllText(_client.File("multi-second.b64")));
        Pem("multi-second.b64");
        OpenSsl.MustRun(_client.Path, "x509", "-in", "multi-second.b64.pem", "-noout", "-serial")
            .ShouldNotBe(OpenSsl.MustRun(_client.Path, "x509", "-in", "multi-first.b64.pem", "-noout", "-serial"));
        OpenSsl.MustRun(_client.Path, "x509", "-in", "multi-second.b64.pem", "-noout", "-pubkey").ShouldBe(OpenSsl.MustRun(_client.Path, "pkey", "-in", "multi-second.key", "-pubout"));
        counterCertificate.Status.ShouldBe(401, counterCertificate.Output);
        var audit = await _server.RecentAuditAsync(80);
        audit.ShouldContain(e => e.Action == "application.opened" && e.Actor == "protocol:est:multi-device" && e.Details!.Contains("\"kind\":\"new\"", StringComparison.Ordinal));
        audit.ShouldContain(e => e.Action == "application.step-recorded" && e.Actor == "protocol:est:multi-device"
            && e.Details!.Contains("tls-client-certificate", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Curl_ReenrollThroughTrustedProxyWithForwardedSm2Certificate_Renews()
    {
        Curl.RequireInstalled();
        var person = Counter.Person("国密设备持有人");
        var basis = await BasisAsync(person, "sm2-basis", "-algorithm SM2");
        var secret = await AccountAsync("sm2-device", basis);
        Request("sm2-first", "-algorithm SM2", person.Name);
        Curl.Run(Tls(["--user", "sm2-device:" + secret, "-o", _client.File("sm2-first.b64"), ..Enroll("sm2-first"), Est("simpleenroll")])).Status.ShouldBe(200);
        Pem("sm2-first.b64");
        Request("sm2-second", "-algorithm SM2", person.Name);

        var renewed = Curl.Run(Tls(["-H", "X-Client-Cert: " + Uri.EscapeDataString(File.ReadAllText(_client.File("sm2-first.b64.pem"))), "-o", _client.File("sm2-second.b64"),
            ..Enroll("sm2-second"), Est("simplereenroll")]));

        renewed.Status.ShouldBe(200, File.ReadAllText(_client.File("sm2-second.b64")));
        Pem("sm2-second.b64");
        OpenSsl.MustRun(_client.Path, "x509", "-in", "sm2-second.b64.pem", "-noout", "-pubkey").ShouldBe(OpenSsl.MustRun(_client.Path, "pkey", "-in", "sm2-second.key", "-pubout"));
    }

    private async Task<Guid> BasisAsync(SubscriberBody person, string name, string algorithm)
    {
        var result = await Counter.IssueAsync(_server.Registrar, Counter.New(person, "personal",
            await File.ReadAllTextAsync(_client.File(_client.MakeRequest(name, algorithm, "/C=CN/CN=" + person.Name)))));
        await File.WriteAllTextAsync(_client.File(name + ".pem"), result.Certificate);
        return result.Application.Id;
    }

    private async Task<string> AccountAsync(string name, Guid basis)
    {
        using var response = await _server.Registrar.PostAsJsonAsync("/api/v1/protocol-accounts", new ProtocolAccountBody("est", name, "personal", basis), Web);
        var raw = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, raw);
        return JsonSerializer.Deserialize<CreatedProtocolAccountView>(raw, Web)!.Secret;
    }

    private void Request(string name, string algorithm, string commonName)
    {
        _client.MakeRequest(name, algorithm, "/C=CN/CN=" + commonName, "-outform", "DER");
        OpenSsl.MustRun(_client.Path, "base64", "-in", name + ".csr", "-out", name + ".b64req");
    }

    private string[] Enroll(string name) => ["-H", "Content-Type: application/pkcs10", "--data-binary", "@" + _client.File(name + ".b64req")];

    private string[] Tls(string[] arguments) => ["--cacert", _client.File("server.pem"), .. arguments];

    private string Est(string operation) => _server.BaseUrl + "/.well-known/est/" + operation;

    /// <summary>Decodes a base64 certs-only answer to NAME.pem.</summary>
    private void Pem(string base64File)
    {
        OpenSsl.MustRun(_client.Path, "base64", "-d", "-in", base64File, "-out", base64File + ".p7");
        OpenSsl.MustRun(_client.Path, "pkcs7", "-inform", "DER", "-in", base64File + ".p7", "-print_certs", "-out", base64File + ".pem");
    }
}
