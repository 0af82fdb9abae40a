using System.Net;
using GmPki.Core.Security;
using GmPki.Registration.Operators;
using GmPki.Testing;

namespace GmPki.Server.Tests;

/// <summary>
/// Operators authenticating by TLS client certificate: curl presenting an ECDSA certificate to
/// the HTTPS endpoint, and an SM2 certificate forwarded by a trusted TLCP proxy in a header
/// (believed only from the configured proxy addresses).
/// </summary>
public sealed class ClientCertificateTests : IAsyncLifetime, IDisposable
{
    private static readonly string[] CurlOptions = ["-s", "--cacert", "server.pem", "-w", "\n%{http_code}"];
    private readonly TempDirectory _pki = new("gmpki-tls-");
    private RunningServer _server = null!;

    public async Task InitializeAsync()
    {
        OpenSsl.RequireInstalled();
        foreach (var name in new[] { "bound", "stranger" })
        {
            OpenSsl.MustRun(_pki.Path, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", name + ".key", "-out", name + ".pem",
                "-days", "2", "-subj", "/CN=" + name);
        }

        OpenSsl.MustRun(_pki.Path, "genpkey", "-algorithm", "SM2", "-out", "sm2.key");
        OpenSsl.MustRun(_pki.Path, "req", "-x509", "-new", "-key", "sm2.key", "-sm3", "-sigopt", "distid:1234567812345678", "-out", "sm2.pem", "-days", "2", "-subj", "/CN=sm2-operator");
        _server = await RunningServer.StartHttpsAsync(_pki.Path);
        await _server.CreateOperatorAsync(new NewOperator("tls-registrar", OperatorRole.Registrar, ClientCertificate: Der("bound.pem")));
        await _server.CreateOperatorAsync(new NewOperator("sm2-reviewer", OperatorRole.Reviewer, ClientCertificate: Der("sm2.pem")));
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _pki.Dispose();

    [SkippableFact]
    public void Curl_BoundEcdsaClientCertificate_AuthenticatedAsItsOperator()
    {
        Skip.IfNot(File.Exists("/usr/bin/curl"), "curl is not installed (apt-get install curl).");

        var (status, body) = Curl("--cert", "bound.pem", "--key", "bound.key", _server.BaseUrl + "/api/v1/applications?pageSize=1");
        var (denied, _) = Curl("--cert", "bound.pem", "--key", "bound.key", _server.BaseUrl + "/api/v1/agencies");

        status.ShouldBe("200", body);
        body.ShouldContain("\"total\"");
        denied.ShouldBe("403", "a registrar may not supervise agencies: the certificate authenticates the operator, the role still applies");
    }

    [SkippableFact]
    public async Task Curl_UnboundOrNoClientCertificate_401Audited()
    {
        Skip.IfNot(File.Exists("/usr/bin/curl"), "curl is not installed (apt-get install curl).");

        var (stranger, body) = Curl("--cert", "stranger.pem", "--key", "stranger.key", _server.BaseUrl + "/api/v1/applications");
        var (none, _) = Curl(_server.BaseUrl + "/api/v1/applications");

        stranger.ShouldBe("401", body);
        none.ShouldBe("401");
        (await _server.RecentAuditAsync(5)).ShouldContain(e => e.Action == "auth.rejected" && e.Details!.Contains("CN=stranger") && e.Details.Contains("not bound"));
    }

    [Fact]
    public async Task ForwardedSm2Certificate_FromTrustedProxy_AuthenticatedAsItsOperator()
    {
        using var proxy = _server.Authorized(null);
        proxy.DefaultRequestHeaders.Add("X-Client-Cert", Uri.EscapeDataString(File.ReadAllText(Path.Combine(_pki.Path, "sm2.pem"))));

        using var response = await proxy.GetAsync("/api/v1/applications?pageSize=1");
        using var forbidden = await proxy.PostAsync("/api/v1/subscribers", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        forbidden.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _server.RecentAuditAsync(3)).ShouldContain(e => e.Action == "auth.forbidden" && e.Actor == "operator:sm2-reviewer");
    }

    [Fact]
    public async Task ForwardedCertificate_NoTrustedProxyConfigured_Ignored()
    {
        await using var server = await RunningServer.StartAsync();
        await server.CreateOperatorAsync(new NewOperator("sm2-ignored", OperatorRole.Reviewer, ClientCertificate: Der("sm2.pem")));
        using var client = server.Authorized(null);
        client.DefaultRequestHeaders.Add("X-Client-Cert", Uri.EscapeDataString(File.ReadAllText(Path.Combine(_pki.Path, "sm2.pem"))));

        using var response = await client.GetAsync("/api/v1/applications");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private byte[] Der(string pem)
        => System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(_pki.Path, pem))).RawData;

    /// <summary>Runs curl against the HTTPS server (trusting its certificate); returns the HTTP status and the body.</summary>
    private (string Status, string Body) Curl(params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo("curl") { WorkingDirectory = _pki.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in CurlOptions.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var lines = output.TrimEnd().Split('\n');
        return (lines[^1], string.Join('\n', lines[..^1]));
    }
}
