using GmPki.Core.Keys;
using GmPki.Core.Ledger;
using GmPki.Core.Status;
using GmPki.Cryptography.Keys;
using GmPki.Cryptography.Sm;
using GmPki.Status.Responders;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;

namespace GmPki.Status.Tests;

/// <summary>A self-signed CA made at test time (fresh key), with its delegated OCSP responder certified through <see cref="ResponderCertificate"/>.</summary>
internal static class TestAuthority
{
    public static readonly DateTime Now = new(2026, 11, 22, 8, 0, 0, DateTimeKind.Utc);

    public static async Task<StatusAuthority> CreateAsync(string label, KeyAlgorithm algorithm, MemoryStatusLedger ledger, int shards = 4)
    {
        var key = EphemeralKeys.Generate(algorithm);
        var identity = new IssuerIdentity(label, SelfSigned(label, key));
        var responderKey = EphemeralKeys.Generate(algorithm);
        var responder = await ResponderCertificate.IssueAsync(identity, key, algorithm == KeyAlgorithm.Sm2 ? Sm2UserId.Default : Sm2UserId.Empty,
            responderKey.SubjectPublicKeyInfo, (Now.AddDays(-1), Now.AddDays(90)), ledger, Actor.System, CancellationToken.None);
        return new StatusAuthority(identity, key, responderKey, responder, shards, shard => $"http://ca.example/crl/{label}/{shard}.crl");
    }

    /// <summary>A good entry of <paramref name="authority"/> valid for a year.</summary>
    public static StatusEntry Entry(StatusAuthority authority, string serialHex, CertificateStatus status = CertificateStatus.Good, string? reason = null, DateTime? changedAt = null, int shard = 0)
        => new(authority.Label, serialHex, shard, status, changedAt, reason, Now.AddYears(1));

    private static byte[] SelfSigned(string label, ISigningKey key)
    {
        var name = new X509Name($"C=CN,O=GmPki Test,CN=Test CA {label}");
        var extensions = new X509ExtensionsGenerator();
        extensions.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(true));
        extensions.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.KeyCertSign | KeyUsage.CrlSign));
        var info = SubjectPublicKeyInfo.GetInstance(key.SubjectPublicKeyInfo.ToArray());
        extensions.AddExtension(X509Extensions.SubjectKeyIdentifier, false, new SubjectKeyIdentifier(System.Security.Cryptography.SHA256.HashData(info.PublicKeyData.GetBytes())[..20]));
        var algorithm = AlgorithmIdentifier.GetInstance(key.SignatureAlgorithm.ToArray());
        var tbs = new V3TbsCertificateGenerator();
        tbs.SetSerialNumber(new DerInteger(BigInteger.ValueOf(1)));
        tbs.SetSignature(algorithm);
        tbs.SetIssuer(name);
        tbs.SetSubject(name);
        tbs.SetStartDate(new Time(Now.AddYears(-1)));
        tbs.SetEndDate(new Time(Now.AddYears(10)));
        tbs.SetSubjectPublicKeyInfo(info);
        tbs.SetExtensions(extensions.Generate());
        var tbsDer = tbs.GenerateTbsCertificate();
        return new DerSequence(tbsDer, algorithm, new DerBitString(key.Sign(tbsDer.GetDerEncoded()))).GetDerEncoded();
    }
}
