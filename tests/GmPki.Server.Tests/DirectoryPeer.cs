using System.Net;
using System.Text.Json;
using GmPki.Core.Keys;
using GmPki.Server.Http;

namespace GmPki.Server.Tests;

/// <summary>A certificate issued at the counter for the directory tests: its serial, its DER as issued, and its holder.</summary>
internal sealed record Issued(string Serial, byte[] Der, string Pem, Guid Subscriber, SubscriberBody Person);

/// <summary>Issues, renews and revokes certificates through the counter, and reads the public directory anonymously.</summary>
internal sealed class DirectoryPeer(RunningServer server) : IDisposable
{
    public HttpClient Anonymous { get; } = server.Authorized(null);

    /// <summary>Issues a personal SM2 certificate to a new person for subject CN=<paramref name="name"/>[,O=<paramref name="organization"/>].</summary>
    public async Task<Issued> IssueAsync(string name, string? organization = null)
    {
        var person = Counter.Person(name);
        var result = await Counter.IssueAsync(server.Registrar, Counter.New(person, "personal", Csr(name, organization)));
        return new Issued(result.Application.ResultSerial!, Der(result.Certificate!), result.Certificate!, result.Application.SubscriberId, person);
    }

    /// <summary>
    /// Issues an organization SM2 certificate (a profile that writes no identity number, so the
    /// anonymous directory lists and serves it) for subject CN=<paramref name="name"/>,O=<paramref name="organization"/>
    /// to a new organisation of that name.
    /// </summary>
    public async Task<Issued> IssueListedAsync(string name, string organization)
    {
        var holder = Counter.Organization(organization);
        var result = await Counter.IssueAsync(server.Registrar, Counter.New(holder, "organization", Csr(name, organization)));
        return new Issued(result.Application.ResultSerial!, Der(result.Certificate!), result.Certificate!, result.Application.SubscriberId, holder);
    }

    /// <summary>Renews (new key) or extends <paramref name="certificate"/>; returns the new certificate.</summary>
    public async Task<Issued> ReplaceAsync(string kind, Issued certificate)
    {
        var body = Counter.Act(kind, certificate.Person, certificate.Subscriber, certificate.Serial);
        var result = await Counter.IssueAsync(server.Registrar, kind == "renew" ? body with { Csr = Csr(certificate.Person.Name, null) } : body);
        return certificate with { Serial = result.Application.ResultSerial!, Der = Der(result.Certificate!), Pem = result.Certificate! };
    }

    /// <summary>Revokes through a counter revoke application.</summary>
    public Task RevokeAsync(Issued certificate, string reason)
        => Counter.ActAsync(server.Registrar, Counter.Act("revoke", certificate.Person, certificate.Subscriber, certificate.Serial, reason));

    /// <summary>GETs <paramref name="url"/> anonymously; returns the status and the JSON (problem or answer).</summary>
    public async Task<(HttpStatusCode Status, JsonElement Json, string Raw)> GetJsonAsync(string url)
    {
        using var response = await Anonymous.GetAsync(url);
        var raw = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(raw).RootElement.Clone(), raw);
    }

    /// <summary>The DER of the first certificate in PEM text.</summary>
    public static byte[] Der(string pem)
    {
        var fields = System.Security.Cryptography.PemEncoding.Find(pem);
        return Convert.FromBase64String(pem[fields.Base64Data]);
    }

    private static string Csr(string name, string? organization)
        => Csrs.Pem(Csrs.Der(KeyAlgorithm.Sm2, organization is null ? $"CN={name}" : $"CN={name},O={organization}"));

    public void Dispose() => Anonymous.Dispose();
}

/// <summary>One SM2 server shared by the directory, announcement and authenticity tests (run one class after another).</summary>
[CollectionDefinition(Name)]
public sealed class DirectoryServer : ICollectionFixture<Sm2ServerFixture>
{
    public const string Name = "directory server";
}
