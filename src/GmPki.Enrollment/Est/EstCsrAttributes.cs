using GmPki.Core.Keys;
using Org.BouncyCastle.Asn1;

namespace GmPki.Enrollment.Est;

/// <summary>
/// The CSR attributes of a profile (RFC 7030 §4.5.2): <c>CsrAttrs ::= SEQUENCE OF AttrOrOID</c>
/// naming the signature algorithm and the key type the profile prefers, in the style of the RFC's
/// example — for SM2 <c>{ sm3WithSM2 (1.2.156.10197.1.501), { id-ecPublicKey, { sm2p256v1
/// (1.2.156.10197.1.301) } } }</c>; for ECDSA the curve with ecdsa-with-SHA256/384; for RSA
/// sha256WithRSAEncryption and rsaEncryption.
/// </summary>
internal static class EstCsrAttributes
{
    private const string EcPublicKey = "1.2.840.10045.2.1";

    /// <summary>DER of the CsrAttrs for the first of <paramref name="algorithms"/> in the order SM2, P-256, P-384, RSA.</summary>
    public static byte[] For(IReadOnlySet<KeyAlgorithm> algorithms)
    {
        ArgumentNullException.ThrowIfNull(algorithms);
        var preferred = algorithms.Order().First();
        var (signature, key) = preferred switch
        {
            KeyAlgorithm.Sm2 => ("1.2.156.10197.1.501", (Asn1Encodable)Curve("1.2.156.10197.1.301")),
            KeyAlgorithm.EcdsaP256 => ("1.2.840.10045.4.3.2", Curve("1.2.840.10045.3.1.7")),
            KeyAlgorithm.EcdsaP384 => ("1.2.840.10045.4.3.3", Curve("1.3.132.0.34")),
            _ => ("1.2.840.113549.1.1.11", new DerObjectIdentifier("1.2.840.113549.1.1.1")),
        };
        return new DerSequence(new DerObjectIdentifier(signature), key).GetDerEncoded();
    }

    private static DerSequence Curve(string curve) => new DerSequence(new DerObjectIdentifier(EcPublicKey), new DerSet(new DerObjectIdentifier(curve)));
}
