using GmPki.Core.Keys;
using GmPki.Core.Ledger;
using GmPki.Cryptography.Signing;
using Org.BouncyCastle.Asn1.X509;

namespace GmPki.Issuance.Authorities;

/// <summary>
/// A CA ready to sign: its ledger record, its opened private key and its parsed certificate.
/// </summary>
public sealed class CertificateAuthority
{
    internal CertificateAuthority(AuthorityRecord record, ISigningKey key)
    {
        Record = record;
        Key = key;
        Certificate = X509CertificateStructure.GetInstance(record.CertificateDer);
        PublicKey = PublicKey.Parse(Certificate.SubjectPublicKeyInfo.GetDerEncoded());
        if (!PublicKey.SubjectPublicKeyInfo.AsSpan().SequenceEqual(key.SubjectPublicKeyInfo.Span))
        {
            throw new InvalidOperationException($"The key of CA '{record.Label}' does not match its certificate.");
        }

        var ski = Certificate.TbsCertificate.Extensions?.GetExtension(X509Extensions.SubjectKeyIdentifier);
        KeyIdentifier = ski is null ? PublicKey.KeyIdentifier() : SubjectKeyIdentifier.GetInstance(X509Extension.ConvertValueToObject(ski)).GetKeyIdentifier();
    }

    /// <summary>The ledger record.</summary>
    public AuthorityRecord Record { get; }

    /// <summary>The CA's label.</summary>
    public string Label => Record.Label;

    /// <summary>UTC start of the CA certificate's validity.</summary>
    public DateTime NotBefore => Certificate.StartDate.ToDateTime().ToUniversalTime();

    /// <summary>UTC end of the CA certificate's validity.</summary>
    public DateTime NotAfter => Certificate.EndDate.ToDateTime().ToUniversalTime();

    /// <summary>The algorithm of the CA key.</summary>
    public KeyAlgorithm KeyAlgorithm => Key.Algorithm;

    internal ISigningKey Key { get; }

    internal X509CertificateStructure Certificate { get; }

    internal PublicKey PublicKey { get; }

    internal byte[] KeyIdentifier { get; }

    /// <summary>Opens the CA's key from <paramref name="keys"/> and checks it matches the certificate.</summary>
    /// <exception cref="Core.Errors.GmPkiException"><c>key-not-found</c> or <c>key-unlock-failed</c>.</exception>
    /// <exception cref="InvalidOperationException">The key does not match the certificate.</exception>
    public static CertificateAuthority Open(AuthorityRecord record, IKeyStore keys)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(keys);
        return new CertificateAuthority(record, keys.Open(record.KeyReference, System.Text.Encoding.UTF8.GetBytes(record.Sm2UserId)));
    }
}
