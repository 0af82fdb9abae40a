using GmPki.Core.Keys;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace GmPki.Issuance.Building;

/// <summary>Signs a TBSCertificate and wraps it into a DER Certificate (RFC 5280 §4.1.1).</summary>
internal static class CertificateAssembler
{
    /// <summary>Signs <paramref name="tbsDer"/> with <paramref name="key"/>.</summary>
    /// <param name="tbsDer">DER TBSCertificate whose signature field equals the key's algorithm.</param>
    /// <param name="key">The issuer's key.</param>
    /// <returns>DER Certificate: SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue }.</returns>
    public static byte[] Sign(byte[] tbsDer, ISigningKey key)
    {
        var signature = key.Sign(tbsDer);
        var certificate = new DerSequence(
            Asn1Object.FromByteArray(tbsDer),
            AlgorithmIdentifier.GetInstance(key.SignatureAlgorithm.ToArray()),
            new DerBitString(signature));
        return certificate.GetDerEncoded();
    }
}
