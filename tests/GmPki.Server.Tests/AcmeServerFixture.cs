using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using GmPki.Core.Keys;
using GmPki.Hosting.Configuration;
using GmPki.Server.Acme;
using GmPki.Server.Http;
using GmPki.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GmPki.Server.Tests;

/// <summary>
/// An HTTPS server (lego insists on HTTPS) whose ACME validation fetches http-01 answers from
/// 127.0.0.1:<see cref="Http01Port"/> for every name (<c>Acme:ResolveTo</c>) and looks up dns-01
/// TXT records in <see cref="Dns"/>. Its CAs are ECDSA P-256: Web PKI clients such as lego
/// cannot read SM2 chains.
/// </summary>
public sealed class AcmeServerFixture : IAsyncLifetime
{
    private readonly string _tls = System.IO.Directory.CreateTempSubdirectory("gmpki-acme-tls-").FullName;

    public RunningServer Server { get; private set; } = null!;

    /// <summary>Where the clients' standalone http-01 servers listen.</summary>
    public int Http01Port { get; } = LoopbackPort.Free();

    /// <summary>The server's TLS certificate (PEM), the trust anchor clients are given.</summary>
    public string TlsCertificate => Path.Combine(_tls, "server.pem");

    /// <summary>The TXT records dns-01 validation sees.</summary>
    public FakeDnsTxtResolver Dns { get; } = new();

    public string Directory => Server.BaseUrl + "/acme/directory";

    public async Task InitializeAsync() => Server = await RunningServer.StartHttpsAsync(_tls,
        (json, _) =>
        {
            json["Acme"] = new JsonObject
            {
                [nameof(AcmeSettings.Http01Port)] = Http01Port,
                [nameof(AcmeSettings.ResolveTo)] = "127.0.0.1",
                [nameof(AcmeSettings.ValidationTimeoutSeconds)] = 5,
            };

            // Go before 1.22 (Debian's lego) cannot parse a policy OID with an arc over 63 bits, such
            // as the shipped 2.25.{UUID} ones, and refuses the whole certificate; nor SM2 CAs (hence P-256).
            json["Profiles"]!["server-tls"]!["PolicyOid"] = "2.999.1.4";
        },
        services => services.AddSingleton<IDnsTxtResolver>(Dns), KeyAlgorithm.EcdsaP256);

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        System.IO.Directory.Delete(_tls, recursive: true);
    }

    /// <summary>A person with a certificate from the counter (the basis) and an acme protocol account on it for <paramref name="profile"/>; returns the EAB key id and HMAC key.</summary>
    public async Task<(string Kid, string Hmac)> ProtocolAccountAsync(string holder, string name, string profile = "server-tls")
    {
        using var client = new OpenSslClient(Server);
        var basis = await Counter.IssueAsync(Server.Registrar, Counter.New(Counter.Person(holder), "personal",
            await File.ReadAllTextAsync(client.File(client.MakeRequest("basis", "-algorithm SM2", "/C=CN/CN=" + holder)))));
        using var response = await Server.Registrar.PostAsJsonAsync("/api/v1/protocol-accounts", new ProtocolAccountBody("acme", name, profile, basis.Application.Id), Counter.Web);
        var raw = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, raw);
        return (name, JsonSerializer.Deserialize<CreatedProtocolAccountView>(raw, Counter.Web)!.Secret);
    }
}

/// <summary>TXT records held in memory, for dns-01 validation in tests.</summary>
public sealed class FakeDnsTxtResolver : IDnsTxtResolver
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<string>> _records = new(StringComparer.OrdinalIgnoreCase);

    public void Add(string name, string text) => _records.GetOrAdd(name, _ => []).Add(text);

    public Task<IReadOnlyList<string>> ResolveTxtAsync(string name, CancellationToken cancellationToken)
        => Task.FromResult<IReadOnlyList<string>>(_records.TryGetValue(name, out var texts) ? [.. texts] : []);
}
