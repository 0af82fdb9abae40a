using System.Text;
using System.Text.Json.Nodes;
using GmPki.Core.Keys;
using GmPki.Core.Outbox;
using GmPki.Hosting;
using GmPki.Testing;
using Microsoft.Extensions.DependencyInjection;
using Org.BouncyCastle.Asn1.X509;

namespace GmPki.Server.Tests;

/// <summary>A real slapd on loopback and an ECDSA server publishing to it under <see cref="LdapServerFixture.BaseDn"/>.</summary>
public sealed class LdapServerFixture : IAsyncLifetime
{
    public const string BaseDn = "ou=pki," + Slapd.Suffix;

    public Slapd Slapd { get; private set; } = null!;

    public RunningServer Server { get; private set; } = null!;

    /// <summary>Sets <c>Directory:Ldap</c> to publish to <paramref name="slapd"/> under <paramref name="baseDn"/>.</summary>
    public static Action<JsonNode, DataDirectory> Publishing(Slapd slapd, string baseDn, int maxAttempts = 10)
        => (configuration, _) => configuration["Directory"] = new JsonObject
        {
            ["Ldap"] = new JsonObject
            {
                ["Url"] = slapd.Url, ["BindDn"] = Slapd.RootDn, ["BindPassword"] = Slapd.RootPassword, ["BaseDn"] = baseDn, ["MaxAttempts"] = maxAttempts,
            },
        };

    public async Task InitializeAsync()
    {
        if (Slapd.IsInstalled)
        {
            Slapd = Slapd.Start();
            Server = await RunningServer.StartAsync(KeyAlgorithm.EcdsaP256, configure: Publishing(Slapd, BaseDn));
        }
    }

    public async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        Slapd?.Dispose();
    }
}

/// <summary>CA certificates, issued certificates and CRLs reach slapd through the directory outbox, byte for byte, also across an outage.</summary>
public class LdapPublicationTests(LdapServerFixture fixture) : IClassFixture<LdapServerFixture>
{
    private const string EcKey = "-algorithm EC -pkeyopt ec_paramgen_curve:P-256";
    private const string IssuingDn = "cn=测试签发CA," + LdapServerFixture.BaseDn;
    private const string RootDn = "cn=测试根CA," + LdapServerFixture.BaseDn;

    private RunningServer Server => fixture.Server;

    [SkippableFact]
    public async Task Publication_CaCertificatesUserCertificateAndCrl_EqualTheLedgersBytesInSlapd()
    {
        Slapd.RequireInstalled();
        OpenSsl.RequireInstalled();
        using var peer = new StatusPeer(Server);
        var holder = await peer.IssueAsync("ldap-holder", EcKey);
        await peer.ActAsync("revoke", holder, "keyCompromise");
        var certificate = await Server.Client.GetByteArrayAsync($"/api/v1/certificates/{holder.Serial}?format=der");
        var chain = await ChainAsync();
        var crlUrl = peer.CrlUrlOf("ldap-holder.pem");
        var userDn = $"serialNumber={holder.Serial},ou=certificates,{IssuingDn}";

        var entries = await WaitForAsync(async e => e.ContainsKey(userDn) && await ShardEntryAsync(e, holder.Serial, crlUrl) is not null);

        var user = entries[userDn];
        user["userCertificate;binary"].Single().ShouldBe(certificate);
        Text(user["cn"]).ShouldBe(["ldap-holder"]);
        Text(user["objectClass"]).ShouldBe(["device", "pkiUser"], ignoreOrder: true);
        entries[IssuingDn]["cACertificate;binary"].Single().ShouldBe(chain[0]);
        entries[RootDn]["cACertificate;binary"].Single().ShouldBe(chain[1]);
        Text(entries[RootDn]["objectClass"]).ShouldContain("pkiCA");
        var shard = (await ShardEntryAsync(entries, holder.Serial, crlUrl))!;
        Text(shard["objectClass"]).ShouldContain("cRLDistributionPoint");
        shard["certificateRevocationList;binary"].Single().ShouldBe(await Server.Client.GetByteArrayAsync(crlUrl));
    }

    [SkippableFact]
    public async Task Outage_SlapdStoppedWhileIssuingAndRevoking_CatchesUpWithNothingLost()
    {
        Slapd.RequireInstalled();
        OpenSsl.RequireInstalled();
        using var peer = new StatusPeer(Server);
        var first = await peer.IssueAsync("before-outage", EcKey);
        await WaitForAsync(e => Task.FromResult(e.ContainsKey($"serialNumber={first.Serial},ou=certificates,{IssuingDn}")));
        var crlUrl = peer.CrlUrlOf("before-outage.pem");
        var outbox = Server.Services.GetRequiredService<IDirectoryOutbox>();

        fixture.Slapd.Stop();
        try
        {
            var during = await peer.IssueAsync("during-outage", EcKey);
            await peer.ActAsync("revoke", first, "keyCompromise");
            await peer.WaitForCrlAsync(crlUrl, "after.crl", crl => StatusPeer.Lists(crl, first.Serial));
            (await outbox.CountPendingAsync(CancellationToken.None)).ShouldBeGreaterThanOrEqualTo(2); // the certificate and the CRL wait in the ledger
            var certificate = await Server.Client.GetByteArrayAsync($"/api/v1/certificates/{during.Serial}?format=der");
            var duringDn = $"serialNumber={during.Serial},ou=certificates,{IssuingDn}";

            fixture.Slapd.Resume();
            var entries = await WaitForAsync(async e => e.ContainsKey(duringDn) && await ShardEntryAsync(e, first.Serial, crlUrl) is not null);

            entries[duringDn]["userCertificate;binary"].Single().ShouldBe(certificate);
        }
        finally
        {
            fixture.Slapd.Stop();
            fixture.Slapd.Resume();
        }
    }

    [SkippableFact]
    public async Task Refusal_BaseOutsideTheServersNamingContext_RowFailsAfterMaxAttemptsAndIsAudited()
    {
        Slapd.RequireInstalled();
        await using var server = await RunningServer.StartAsync(KeyAlgorithm.EcdsaP256, configure: LdapServerFixture.Publishing(fixture.Slapd, "ou=pki,dc=elsewhere,dc=test", maxAttempts: 2));

        for (var attempt = 0; attempt < 300 && !(await server.RecentAuditAsync(50)).Any(e => e.Action == "directory.publication-failed" && e.Target == "authority:root"); attempt++)
        {
            await Task.Delay(100);
        }

        var failed = (await server.RecentAuditAsync(50)).Where(e => e.Action == "directory.publication-failed").ToList();
        var root = failed.Where(e => e.Target == "authority:root").ShouldHaveSingleItem();
        root.Outcome.ShouldBe("failed");
        root.Details.ShouldNotBeNull().ShouldContain("\"attempts\":2");
        root.Details.ShouldContain(fixture.Slapd.Url);
        fixture.Slapd.Search("dc=elsewhere,dc=test").ShouldBeEmpty();
    }

    /// <summary>The shard entry of the issuing CA whose complete CRL lists <paramref name="serial"/> and equals the CRL served at <paramref name="crlUrl"/> now; null when none does yet.</summary>
    private async Task<Dictionary<string, List<byte[]>>?> ShardEntryAsync(IReadOnlyDictionary<string, Dictionary<string, List<byte[]>>> entries, string serial, string crlUrl)
    {
        var served = await Server.Client.GetByteArrayAsync(crlUrl);
        return entries
            .Where(e => e.Key.StartsWith("cn=shard-", StringComparison.Ordinal) && e.Key.EndsWith(IssuingDn, StringComparison.Ordinal))
            .Select(e => e.Value)
            .FirstOrDefault(e => e.TryGetValue("certificateRevocationList;binary", out var crl)
                && StatusPeer.Lists(CertificateList.GetInstance(crl.Single()), serial) && crl.Single().SequenceEqual(served));
    }

    /// <summary>Searches slapd under the base until <paramref name="ready"/> holds (the publisher runs in the background; at most 120 s).</summary>
    private async Task<IReadOnlyDictionary<string, Dictionary<string, List<byte[]>>>> WaitForAsync(
        Func<IReadOnlyDictionary<string, Dictionary<string, List<byte[]>>>, Task<bool>> ready)
    {
        for (var attempt = 0; ; attempt++)
        {
            var entries = fixture.Slapd.Search(LdapServerFixture.BaseDn);
            if (await ready(entries))
            {
                return entries;
            }

            if (attempt == 600)
            {
                throw new ShouldAssertException($"slapd did not get the expected entries within 120 s; it has: {string.Join("; ", entries.Keys)}");
            }

            await Task.Delay(200);
        }
    }

    private async Task<byte[][]> ChainAsync()
        => [.. (await Server.Client.GetStringAsync("/api/v1/ca/chain"))
            .Split("-----END CERTIFICATE-----", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(pem => Convert.FromBase64String(string.Concat(pem.Split('\n').Where(l => !l.StartsWith("-----", StringComparison.Ordinal)))))];

    private static string[] Text(List<byte[]> values) => [.. values.Select(v => Encoding.UTF8.GetString(v))];
}
