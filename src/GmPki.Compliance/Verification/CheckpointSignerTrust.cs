using GmPki.Compliance.AuditChain;
using GmPki.Core.Errors;
using GmPki.Core.Keys;
using GmPki.Core.Ledger;
using GmPki.Cryptography.Signing;
using GmPki.Cryptography.Sm;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace GmPki.Compliance.Verification;

/// <summary>
/// Decides whether a checkpoint's signature is the installation's: its certificate is an SM2
/// key with keyUsage digitalSignature, valid when the checkpoint was signed, and chains through
/// the installation's CAs (signatures verified) to its root CA, optionally pinned to an
/// independently obtained copy. Certificate checks are cached per certificate.
/// </summary>
internal sealed class CheckpointSignerTrust
{
    private const int MaxChainLength = 8;
    private static readonly SignatureAlgorithm Sm3WithSm2 = SignatureAlgorithm.Find("1.2.156.10197.1.501")!;

    private readonly List<(AuthorityRecord Record, X509CertificateStructure Certificate)> _authorities = [];
    private readonly byte[]? _pinnedRoot;
    private readonly Dictionary<string, (X509CertificateStructure? Certificate, PublicKey? Key, string? Problem)> _signers = [];

    /// <param name="authorities">The installation's CAs (from the ledger).</param>
    /// <param name="pinnedRoot">DER of the root CA certificate the chain must end in, or null to accept the ledger's root.</param>
    public CheckpointSignerTrust(IReadOnlyList<AuthorityRecord> authorities, byte[]? pinnedRoot)
    {
        foreach (var authority in authorities)
        {
            if (TryParse(authority.CertificateDer) is { } certificate)
            {
                _authorities.Add((authority, certificate));
            }
        }

        _pinnedRoot = pinnedRoot;
    }

    /// <summary>Why <paramref name="checkpoint"/>'s signature is not to be trusted, or null when it is.</summary>
    public string? ProblemWith(AuditCheckpoint checkpoint)
    {
        var key = Convert.ToBase64String(checkpoint.SignerCertificateDer);
        if (!_signers.TryGetValue(key, out var signer))
        {
            signer = Examine(checkpoint.SignerCertificateDer);
            _signers[key] = signer;
        }

        if (signer.Problem is not null)
        {
            return signer.Problem;
        }

        var certificate = signer.Certificate!;
        if (checkpoint.CreatedAt < certificate.StartDate.ToDateTime().ToUniversalTime() || checkpoint.CreatedAt > certificate.EndDate.ToDateTime().ToUniversalTime())
        {
            return $"the audit certificate is valid {certificate.StartDate.ToDateTime():u} to {certificate.EndDate.ToDateTime():u}, not at the checkpoint's time {checkpoint.CreatedAt:u}";
        }

        return signer.Key!.Verify(Sm3WithSm2, CheckpointEncoding.Encode(checkpoint.ThroughEventId, checkpoint.Hash, checkpoint.CreatedAt), checkpoint.Signature, Sm2UserId.Default.Span)
            ? null
            : "the SM2 signature does not verify under the audit certificate's key";
    }

    private (X509CertificateStructure?, PublicKey?, string?) Examine(byte[] der)
    {
        if (TryParse(der) is not { } certificate)
        {
            return (null, null, "the signer certificate is not a DER X.509 certificate");
        }

        PublicKey key;
        try
        {
            key = PublicKey.Parse(certificate.SubjectPublicKeyInfo.GetDerEncoded());
        }
        catch (GmPkiException e)
        {
            return (null, null, "the audit certificate's key is not usable: " + e.Detail);
        }

        if (key.Algorithm != KeyAlgorithm.Sm2)
        {
            return (null, null, $"the audit certificate holds a {key.Algorithm.ToName()} key, not SM2");
        }

        var usage = certificate.TbsCertificate.Extensions?.GetExtension(X509Extensions.KeyUsage);
        if (usage is null || (KeyUsage.GetInstance(X509Extension.ConvertValueToObject(usage)).IntValue & KeyUsage.DigitalSignature) == 0)
        {
            return (null, null, "the audit certificate does not allow digitalSignature");
        }

        return (certificate, key, ChainProblem(certificate));
    }

    private string? ChainProblem(X509CertificateStructure certificate)
    {
        var current = certificate;
        for (var depth = 0; depth < MaxChainLength; depth++)
        {
            var issuerName = current.Issuer.GetDerEncoded();
            var (record, issuer) = _authorities.FirstOrDefault(a => a.Certificate.Subject.GetDerEncoded().AsSpan().SequenceEqual(issuerName));
            if (record is null)
            {
                return $"no CA of this installation is named {current.Issuer}, the issuer of {current.Subject}";
            }

            if (!SignedBy(current, issuer, record.Sm2UserId))
            {
                return $"the signature of {current.Subject} does not verify under the key of CA '{record.Label}'";
            }

            if (record.Kind == AuthorityKind.Root)
            {
                return _pinnedRoot is null || _pinnedRoot.AsSpan().SequenceEqual(record.CertificateDer)
                    ? null
                    : $"the root CA '{record.Label}' in the ledger is not the pinned root certificate";
            }

            current = issuer;
        }

        return $"no root CA within {MaxChainLength} certificates";
    }

    private static bool SignedBy(X509CertificateStructure certificate, X509CertificateStructure issuer, string sm2UserId)
    {
        var algorithm = SignatureAlgorithm.Find(certificate.SignatureAlgorithm.Algorithm.Id);
        if (algorithm is not { Accepted: true })
        {
            return false;
        }

        try
        {
            return PublicKey.Parse(issuer.SubjectPublicKeyInfo.GetDerEncoded())
                .Verify(algorithm, certificate.TbsCertificate.GetDerEncoded(), certificate.Signature.GetOctets(), System.Text.Encoding.UTF8.GetBytes(sm2UserId));
        }
        catch (GmPkiException)
        {
            return false;
        }
    }

    private static X509CertificateStructure? TryParse(byte[] der)
    {
        try
        {
            return X509CertificateStructure.GetInstance(Asn1Object.FromByteArray(der));
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidCastException)
        {
            return null;
        }
    }
}
