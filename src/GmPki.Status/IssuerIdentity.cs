using GmPki.Status.Ocsp;
using Org.BouncyCastle.Asn1.X509;

namespace GmPki.Status;

/// <summary>
/// The public facts of one CA the status services speak for: its certificate, its key identifier
/// (authorityKeyIdentifier of CRLs) and, per CertID hash algorithm, the hashes of its name and
/// key that identify it in OCSP requests (RFC 6960 §4.1.1).
/// </summary>
public sealed class IssuerIdentity
{
    private readonly Dictionary<CertIdHash, (byte[] Name, byte[] Key)> _hashes;

    /// <summary>Parses the CA certificate.</summary>
    /// <param name="label">The CA's label.</param>
    /// <param name="certificateDer">The DER CA certificate.</param>
    public IssuerIdentity(string label, byte[] certificateDer)
    {
        Label = label;
        CertificateDer = certificateDer;
        Certificate = X509CertificateStructure.GetInstance(certificateDer);
        var keyBits = Certificate.SubjectPublicKeyInfo.PublicKeyData.GetBytes();
        var ski = Certificate.TbsCertificate.Extensions?.GetExtension(X509Extensions.SubjectKeyIdentifier);
        KeyIdentifier = ski is null
            ? CertIdHashes.Digest(CertIdHash.Sha1, keyBits)
            : SubjectKeyIdentifier.GetInstance(X509Extension.ConvertValueToObject(ski)).GetKeyIdentifier();
        var name = Certificate.Subject.GetDerEncoded();
        _hashes = CertIdHashes.All.ToDictionary(h => h, h => (CertIdHashes.Digest(h, name), CertIdHashes.Digest(h, keyBits)));
    }

    /// <summary>The CA's label.</summary>
    public string Label { get; }

    /// <summary>The DER CA certificate.</summary>
    public byte[] CertificateDer { get; }

    /// <summary>The parsed CA certificate.</summary>
    internal X509CertificateStructure Certificate { get; }

    /// <summary>The CA's key identifier (its subjectKeyIdentifier, else SHA-1 of the key).</summary>
    public byte[] KeyIdentifier { get; }

    /// <summary>Whether a CertID's issuerNameHash and issuerKeyHash name this CA.</summary>
    internal bool Matches(CertIdHash hash, ReadOnlySpan<byte> nameHash, ReadOnlySpan<byte> keyHash)
        => _hashes[hash].Name.AsSpan().SequenceEqual(nameHash) && _hashes[hash].Key.AsSpan().SequenceEqual(keyHash);

    /// <summary>The CA's issuerNameHash and issuerKeyHash under <paramref name="hash"/>.</summary>
    internal (byte[] Name, byte[] Key) Hashes(CertIdHash hash) => _hashes[hash];
}
