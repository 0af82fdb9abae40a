using GmPki.Core.Keys;
using GmPki.Core.Ledger;
using GmPki.Issuance.Authorities;
using GmPki.Issuance.Profiles;

namespace GmPki.Issuance.Tests;

/// <summary>A CA hierarchy generated at test time, with an issuer over an in-memory ledger and a fixed clock.</summary>
internal sealed class TestPki
{
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);
    public static readonly PublicationUrls Urls = new("http://ca.test", 4);
    public static readonly Actor Operator = new("operator:alice", "registrar", "req-1");

    private TestPki(CertificateAuthority root, CertificateAuthority issuing, MemoryLedger ledger, FixedClock clock)
    {
        Root = root;
        Issuing = issuing;
        Ledger = ledger;
        Clock = clock;
        Issuer = new CertificateIssuer(issuing, [issuing.Record.CertificateDer, root.Record.CertificateDer], ProfileLoader.Load(ProfileLoader.DefaultOptions()),
            ledger, ledger, clock, new IssuanceSettings(Urls, IssuanceSettings.DefaultBackdate));
    }

    public CertificateAuthority Root { get; }

    public CertificateAuthority Issuing { get; }

    public MemoryLedger Ledger { get; }

    public FixedClock Clock { get; }

    public CertificateIssuer Issuer { get; }

    public static async Task<TestPki> CreateAsync(KeyAlgorithm algorithm = KeyAlgorithm.Sm2, string organization = "测试认证中心")
    {
        var ledger = new MemoryLedger();
        var clock = new FixedClock(Now);
        var (root, issuing) = await CaHierarchy.CreateAsync(
            new HierarchyOptions(algorithm, organization, "CN", "测试根CA", "测试签发CA"),
            Urls, new MemoryKeyStore(), ledger, clock, Actor.System, CancellationToken.None);
        return new TestPki(root, issuing, ledger, clock);
    }
}

/// <summary>A clock that stands still unless moved.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Current { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Current;
}
