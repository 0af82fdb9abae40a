using System.Security.Cryptography;
using GmPki.Core.Errors;
using GmPki.Core.Keys;
using GmPki.Cryptography.Asn1;
using GmPki.Cryptography.Sm;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Parameters;

namespace GmPki.Cryptography.Signing;

/// <summary>
/// A validated subject public key: one of the <see cref="KeyAlgorithm"/> values, checked for
/// strength and (for elliptic curves) that the point lies on the curve.
/// </summary>
public sealed class PublicKey
{
    private readonly VerificationKey _verification;

    private PublicKey(KeyAlgorithm algorithm, byte[] der, byte[] keyBits, ECPublicKeyParameters? sm2)
    {
        Algorithm = algorithm;
        SubjectPublicKeyInfo = der;
        KeyBits = keyBits;
        _verification = algorithm switch
        {
            KeyAlgorithm.Sm2 => VerificationKey.ForSm2(der, sm2!),
            KeyAlgorithm.EcdsaP256 => VerificationKey.ForDotNet(KeyFamily.Ecdsa, 256, SecObjectIdentifiers.SecP256r1.Id, der),
            KeyAlgorithm.EcdsaP384 => VerificationKey.ForDotNet(KeyFamily.Ecdsa, 384, SecObjectIdentifiers.SecP384r1.Id, der),
            KeyAlgorithm.Rsa2048 => VerificationKey.ForDotNet(KeyFamily.Rsa, 2048, null, der),
            KeyAlgorithm.Rsa3072 => VerificationKey.ForDotNet(KeyFamily.Rsa, 3072, null, der),
            _ => VerificationKey.ForDotNet(KeyFamily.Rsa, 4096, null, der),
        };
    }

    /// <summary>The key's algorithm and size.</summary>
    public KeyAlgorithm Algorithm { get; }

    /// <summary>DER SubjectPublicKeyInfo, byte for byte as parsed.</summary>
    public byte[] SubjectPublicKeyInfo { get; }

    /// <summary>The content of the subjectPublicKey BIT STRING (for SM2/ECDSA the uncompressed point 04‖x‖y).</summary>
    public byte[] KeyBits { get; }

    /// <summary>
    /// Key identifier by RFC 5280 §4.2.1.2 method (1): the 20-byte SHA-1 of the subjectPublicKey
    /// BIT STRING content, used for subjectKeyIdentifier and authorityKeyIdentifier.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350", Justification = "RFC 5280 §4.2.1.2 key identifiers are SHA-1 by definition; not a security use.")]
    public byte[] KeyIdentifier() => SHA1.HashData(KeyBits);

    /// <summary>Parses and validates a DER SubjectPublicKeyInfo (RFC 5280 §4.1.2.7, RFC 5480, GM/T 0015 §5.2.1.8).</summary>
    /// <exception cref="GmPkiException"><c>csr-unsupported-key</c> for malformed keys, unknown
    /// algorithms or curves, explicit or compressed points; <c>csr-weak-key</c> for RSA below
    /// 2048 bits or with a small or even exponent.</exception>
    public static PublicKey Parse(ReadOnlySpan<byte> subjectPublicKeyInfo)
    {
        var der = subjectPublicKeyInfo.ToArray();
        SubjectPublicKeyInfo info;
        try
        {
            info = Org.BouncyCastle.Asn1.X509.SubjectPublicKeyInfo.GetInstance(Asn1Object.FromByteArray(der));
        }
        catch (Exception e) when (Asn1Failure.IsMalformedInput(e))
        {
            throw Errors.CsrUnsupportedKey.With("the SubjectPublicKeyInfo is not valid DER.");
        }

        var keyBits = info.PublicKeyData.PadBits == 0 ? info.PublicKeyData.GetOctets()
            : throw Errors.CsrUnsupportedKey.With("the subjectPublicKey BIT STRING has unused bits; a key is whole octets.");
        var oid = info.AlgorithmID.Algorithm;
        if (oid.Equals(PkcsObjectIdentifiers.RsaEncryption))
        {
            return new PublicKey(CheckRsa(info), der, keyBits, null);
        }

        if (oid.Equals(X9ObjectIdentifiers.IdECPublicKey))
        {
            return ParseEc(info, der, keyBits);
        }

        if (oid.Equals(GMObjectIdentifiers.sm2p256v1))
        {
            throw Errors.CsrUnsupportedKey.With("the SM2 curve OID was used as the key algorithm; GM/T 0015 requires id-ecPublicKey with the SM2 curve as parameter.");
        }

        throw Errors.CsrUnsupportedKey.With($"public key algorithm {oid.Id} is not supported; use SM2, ECDSA P-256/P-384 or RSA 2048/3072/4096.");
    }

    /// <summary>
    /// Verifies <paramref name="signature"/> over <paramref name="data"/>. False when the
    /// signature does not verify, is malformed, or the algorithm does not fit this key.
    /// </summary>
    /// <param name="algorithm">Signature algorithm named by the signed object.</param>
    /// <param name="data">Signed bytes (the whole message, not a digest).</param>
    /// <param name="signature">Signature value (BIT STRING content).</param>
    /// <param name="sm2UserId">SM2 signer ID; ignored for other keys.</param>
    public bool Verify(SignatureAlgorithm algorithm, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature, ReadOnlySpan<byte> sm2UserId)
        => _verification.Verify(algorithm, data, signature, sm2UserId);

    private static KeyAlgorithm CheckRsa(SubjectPublicKeyInfo info)
    {
        RsaPublicKeyStructure rsa;
        try
        {
            rsa = RsaPublicKeyStructure.GetInstance(info.ParsePublicKey());
        }
        catch (Exception e) when (Asn1Failure.IsMalformedInput(e))
        {
            throw Errors.CsrUnsupportedKey.With("the RSA public key is not a valid RSAPublicKey structure.");
        }

        var bits = rsa.Modulus.BitLength;
        if (bits < 2048)
        {
            throw Errors.CsrWeakKey.With($"RSA modulus of {bits} bits; at least 2048 bits are required.");
        }

        if (!rsa.Modulus.TestBit(0))
        {
            throw Errors.CsrWeakKey.With("RSA modulus is even.");
        }

        if (!rsa.PublicExponent.TestBit(0) || rsa.PublicExponent.BitLength < 17)
        {
            throw Errors.CsrWeakKey.With($"RSA public exponent {rsa.PublicExponent} must be odd and at least 65537.");
        }

        return bits switch
        {
            2048 => KeyAlgorithm.Rsa2048,
            3072 => KeyAlgorithm.Rsa3072,
            4096 => KeyAlgorithm.Rsa4096,
            _ => throw Errors.CsrUnsupportedKey.With($"RSA modulus of {bits} bits; supported sizes are 2048, 3072 and 4096."),
        };
    }

    private static PublicKey ParseEc(SubjectPublicKeyInfo info, byte[] der, byte[] keyBits)
    {
        if (info.AlgorithmID.Parameters is not DerObjectIdentifier curveOid)
        {
            throw Errors.CsrUnsupportedKey.With("elliptic-curve keys must name their curve (namedCurve); explicit or implicit parameters are not accepted.");
        }

        KeyAlgorithm algorithm;
        if (curveOid.Equals(GMObjectIdentifiers.sm2p256v1))
        {
            algorithm = KeyAlgorithm.Sm2;
        }
        else if (curveOid.Equals(SecObjectIdentifiers.SecP256r1))
        {
            algorithm = KeyAlgorithm.EcdsaP256;
        }
        else if (curveOid.Equals(SecObjectIdentifiers.SecP384r1))
        {
            algorithm = KeyAlgorithm.EcdsaP384;
        }
        else
        {
            var name = ECNamedCurveTable.GetName(curveOid) ?? curveOid.Id;
            throw Errors.CsrUnsupportedKey.With($"elliptic curve {name} is not supported; use SM2, P-256 or P-384.");
        }

        if (keyBits.Length == 0 || keyBits[0] != 0x04)
        {
            throw Errors.CsrUnsupportedKey.With("the elliptic-curve point must be uncompressed (04 ‖ x ‖ y).");
        }

        var parameters = algorithm == KeyAlgorithm.Sm2 ? Sm2.Domain : DomainOf(curveOid);
        ECPublicKeyParameters key;
        try
        {
            var point = parameters.Curve.DecodePoint(keyBits);
            if (point.IsInfinity || !point.IsValid())
            {
                throw Errors.CsrUnsupportedKey.With("the public point is not a valid point of the curve.");
            }

            key = new ECPublicKeyParameters("EC", point, curveOid);
        }
        catch (ArgumentException)
        {
            throw Errors.CsrUnsupportedKey.With("the public point is not on the curve or has the wrong length.");
        }

        return new PublicKey(algorithm, der, keyBits, algorithm == KeyAlgorithm.Sm2 ? key : null);
    }

    private static ECDomainParameters DomainOf(DerObjectIdentifier curveOid)
    {
        var x9 = ECNamedCurveTable.GetByOid(curveOid);
        return new ECDomainParameters(x9.Curve, x9.G, x9.N, x9.H);
    }
}
