using GmPki.Compliance.Checkpoints;
using GmPki.Core.Keys;
using GmPki.Core.Ledger;
using GmPki.Cryptography.Keys;
using GmPki.Issuance.Authorities;
using GmPki.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GmPki.Storage.Tests.Infrastructure;

/// <summary>
/// A real SM2 root and issuing CA recorded in a test ledger (keys in a throwaway software store),
/// and an audit key certified by the issuing CA: what checkpoints need to verify.
/// </summary>
internal sealed class AuditPki : IDisposable
{
    private readonly TempDirectory _keys;

    private AuditPki(TempDirectory keys, AuditSigner signer)
    {
        _keys = keys;
        Signer = signer;
    }

    public AuditSigner Signer { get; }

    /// <summary>Creates the hierarchy and the audit key in the ledger of <paramref name="services"/>: five audit events.</summary>
    public static async Task<AuditPki> CreateAsync(IServiceProvider services)
    {
        var keys = new TempDirectory("gmpki-audit-keys-");
        var store = new SoftwareKeyStore(keys.Path, () => "audit test passphrase", iterations: 1000);
        var (_, issuing) = await CaHierarchy.CreateAsync(
            new HierarchyOptions(KeyAlgorithm.Sm2, "测试认证中心", "CN", "测试根CA", "测试签发CA"), new PublicationUrls("http://ca.test", 4),
            store, services.GetRequiredService<IAuthorityRegistry>(), TimeProvider.System, Actor.System, CancellationToken.None);
        var key = EphemeralKeys.Generate(KeyAlgorithm.Sm2);
        var certificate = await ServiceKeyCertificate.IssueAsync(
            issuing, ServiceKeyProfile.Audit, key.SubjectPublicKeyInfo, services.GetRequiredService<IIssuanceLedger>(), TimeProvider.System, Actor.System, CancellationToken.None);
        return new AuditPki(keys, new AuditSigner(key, certificate));
    }

    public void Dispose() => _keys.Dispose();
}
