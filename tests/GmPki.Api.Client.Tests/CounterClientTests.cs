using System.Net.Http.Headers;
using GmPki.Core.Identity;
using GmPki.Core.Keys;
using GmPki.Core.Ledger;
using GmPki.Core.Security;
using GmPki.Issuance.Authorities;
using GmPki.Server.Http;
using GmPki.Hosting;
using GmPki.Registration.Operators;
using GmPki.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace GmPki.Api.Client.Tests;

/// <summary>
/// The NSwag client generated from docs/openapi.json at build drives a real server: a registrar
/// issues a certificate at the counter for an SM2 CSR that OpenSSL made, and reads the application back.
/// </summary>
public sealed class CounterClientTests : IAsyncLifetime, IDisposable
{
    private const string Passphrase = "test passphrase, long enough";

    private readonly TempDirectory _directory = new("gmpki-client-");
    private WebApplication _app = null!;
    private string _baseUrl = null!;
    private string _registrarKey = null!;

    public async Task InitializeAsync()
    {
        _baseUrl = $"http://127.0.0.1:{LoopbackPort.Free()}";
        var data = DataDirectory.At(Path.Combine(_directory.Path, "data"));
        await Initializer.InitializeAsync(data, new InitOptions(new HierarchyOptions(KeyAlgorithm.Sm2, "测试电子认证服务机构", "CN", "测试根CA", "测试签发CA"), _baseUrl, "admin", null),
            Passphrase, Actor.System, TimeProvider.System, CancellationToken.None);
        _app = await ServerHost.BuildAsync(new ServerOptions(data, _baseUrl, () => Passphrase), CancellationToken.None);
        await _app.StartAsync();
        _registrarKey = await _app.Services.GetRequiredService<OperatorAccounts>().CreateAsync("registrar", OperatorRole.Registrar, Actor.System, CancellationToken.None);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    public void Dispose() => _directory.Dispose();

    [SkippableFact]
    public async Task Counter_GeneratedClient_IssuesCertificateForOpenSslSm2Csr()
    {
        OpenSsl.RequireInstalled();
        OpenSsl.MustRun(_directory.Path, "genpkey", "-algorithm", "SM2", "-out", "key.pem");
        OpenSsl.MustRun(_directory.Path, "req", "-new", "-utf8", "-key", "key.pem", "-sm3", "-subj", "/CN=张三", "-out", "csr.pem");
        using var http = new HttpClient { BaseAddress = new Uri(_baseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _registrarKey);
        var client = new GmPkiClient(http);
        var scan = new EvidenceBody { Name = "identity.pdf", MediaType = "application/pdf", Content = Convert.ToBase64String("%PDF-1.4 identity card scan"u8.ToArray()) };

        var result = await client.CreateCounterApplicationAsync(new CounterBody
        {
            Kind = "new",
            IdentityMethod = "in-person",
            Materials = new Dictionary<string, bool> { ["application-form"] = true, ["identity-document-copy"] = true },
            WillStatement = "本人申请数字证书，用于电子政务。",
            Subscriber = new SubscriberBody { Type = "individual", Name = "张三", IdentityDocument = "resident-identity-card", IdentityNumber = ResidentId(), Region = "110105" },
            Profile = "personal",
            Csr = await File.ReadAllTextAsync(Path.Combine(_directory.Path, "csr.pem")),
            IdentityEvidence = [scan],
            PaperForms = [scan],
        });

        result.Application.State.ShouldBe("completed");
        result.Certificate.ShouldStartWith("-----BEGIN CERTIFICATE-----");
        await File.WriteAllTextAsync(Path.Combine(_directory.Path, "issued.pem"), result.Certificate);
        OpenSsl.MustRun(_directory.Path, "x509", "-in", "issued.pem", "-noout", "-subject", "-nameopt", "utf8").ShouldContain("CN=张三");
        var application = await client.GetApplicationAsync(result.Application.Id);
        application.ResultSerial.ShouldBe(result.Application.ResultSerial);
        application.Steps.Select(s => s.Step).ShouldContain("fulfilment");
    }

    /// <summary>A valid resident identity number (GB 11643) born on 1980-01-01.</summary>
    private static string ResidentId()
    {
        var body = $"11010519800101{Random.Shared.Next(100, 999)}";
        return body + ChineseIdentifiers.CitizenIdentityCheck(body);
    }
}
