using System.Security.Cryptography;
using GmPki.Cryptography.Asn1;
using GmPki.Cryptography.Sm;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace GmPki.Cryptography.Signing;

/// <summary>
/// A public key found in someone else's certificate or signature, for a relying party to verify
/// with: parsed without GmPki's issuance policy (key size rules are the caller's, see
/// <see cref="SizeBits"/>). SM2 verifies on GmPki's constant-time engine, ECDSA and RSA
/// PKCS#1 v1.5 on .NET (OpenSSL), DSA (FIPS 186-4, for legacy test suites) on BouncyCastle.
/// </summary>
public sealed class VerificationKey
{
    private readonly ECPublicKeyParameters? _sm2;
    private readonly DsaPublicKeyParameters? _dsa;

    private VerificationKey(KeyFamily family, int sizeBits, string? curveOid, byte[] subjectPublicKeyInfo, ECPublicKeyParameters? sm2, DsaPublicKeyParameters? dsa)
    {
        Family = family;
        SizeBits = sizeBits;
        CurveOid = curveOid;
        SubjectPublicKeyInfo = subjectPublicKeyInfo;
        _sm2 = sm2;
        _dsa = dsa;
    }

    /// <summary>The key's family (SM2, ECDSA, RSA or DSA).</summary>
    public KeyFamily Family { get; }

    /// <summary>Size in bits: RSA modulus length, elliptic-curve field size (256 for SM2 and P-256), DSA p length.</summary>
    public int SizeBits { get; }

    /// <summary>Dotted OID of the named curve of an SM2 or ECDSA key; null for RSA and DSA.</summary>
    public string? CurveOid { get; }

    /// <summary>DER SubjectPublicKeyInfo, byte for byte as parsed.</summary>
    public byte[] SubjectPublicKeyInfo { get; }

    /// <summary>
    /// False for a DSA key whose SubjectPublicKeyInfo omits p, q and g; such a key takes them from
    /// its issuer's key (RFC 5280 §6.1.4 (f), RFC 3279 §2.3.2) through <see cref="InheritParameters"/>.
    /// </summary>
    public bool HasParameters => Family != KeyFamily.Dsa || _dsa is not null;

    /// <summary>
    /// Parses a DER SubjectPublicKeyInfo (RFC 5280 §4.1.2.7): rsaEncryption (RFC 3279 §2.3.1, any
    /// odd modulus of 512–16384 bits), id-ecPublicKey on the named curves SM2 (GM/T 0015), P-256,
    /// P-384 or P-521 with an uncompressed point on the curve (RFC 5480), id-dsa (RFC 3279 §2.3.2,
    /// parameters possibly absent).
    /// </summary>
    /// <param name="subjectPublicKeyInfo">The DER structure.</param>
    /// <param name="problem">Why the key was refused, for a validation report; null on success.</param>
    /// <returns>The key, or null when malformed or of an unsupported algorithm or curve.</returns>
    public static VerificationKey? TryParse(ReadOnlySpan<byte> subjectPublicKeyInfo, out string? problem)
    {
        var der = subjectPublicKeyInfo.ToArray();
        try
        {
            var info = Org.BouncyCastle.Asn1.X509.SubjectPublicKeyInfo.GetInstance(Asn1Object.FromByteArray(der));
            var oid = info.AlgorithmID.Algorithm;
            problem = null;
            if (oid.Equals(PkcsObjectIdentifiers.RsaEncryption))
            {
                return ParseRsa(info, der, out problem);
            }

            if (oid.Equals(X9ObjectIdentifiers.IdECPublicKey))
            {
                return ParseEc(info, der, out problem);
            }

            if (oid.Equals(X9ObjectIdentifiers.IdDsa))
            {
                return ParseDsa(info, der, out problem);
            }

            problem = $"public key algorithm {oid.Id} is not supported.";
            return null;
        }
        catch (Exception e) when (Asn1Failure.IsMalformedInput(e))
        {
            problem = "the SubjectPublicKeyInfo is not valid DER.";
            return null;
        }
    }

    /// <summary>Wraps an SM2 key that <see cref="PublicKey"/> has validated already.</summary>
    internal static VerificationKey ForSm2(byte[] subjectPublicKeyInfo, ECPublicKeyParameters key)
        => new(KeyFamily.Sm2, 256, GMObjectIdentifiers.sm2p256v1.Id, subjectPublicKeyInfo, key, null);

    /// <summary>Wraps an ECDSA or RSA key that <see cref="PublicKey"/> has validated already.</summary>
    internal static VerificationKey ForDotNet(KeyFamily family, int sizeBits, string? curveOid, byte[] subjectPublicKeyInfo)
        => new(family, sizeBits, curveOid, subjectPublicKeyInfo, null, null);

    /// <summary>
    /// The same DSA key with the domain parameters p, q, g of <paramref name="issuer"/>'s key
    /// (RFC 5280 §6.1.4 (f)); this key unchanged when it has its own parameters or is not DSA.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="issuer"/> is not a DSA key with parameters.</exception>
    public VerificationKey InheritParameters(VerificationKey issuer)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        if (HasParameters)
        {
            return this;
        }

        if (issuer._dsa is null)
        {
            throw new ArgumentException("DSA parameters can be inherited only from a DSA key that has them.", nameof(issuer));
        }

        var info = Org.BouncyCastle.Asn1.X509.SubjectPublicKeyInfo.GetInstance(Asn1Object.FromByteArray(SubjectPublicKeyInfo));
        var y = DerInteger.GetInstance(info.ParsePublicKey()).Value;
        var parameters = issuer._dsa.Parameters;
        return new VerificationKey(KeyFamily.Dsa, parameters.P.BitLength, null, SubjectPublicKeyInfo, null, new DsaPublicKeyParameters(y, parameters));
    }

    /// <summary>
    /// Verifies <paramref name="signature"/> over <paramref name="data"/>. False when the
    /// signature does not verify, is malformed, or <paramref name="algorithm"/> does not fit this
    /// key's family (or, for DSA, the key still lacks inherited parameters).
    /// </summary>
    /// <param name="algorithm">Signature algorithm named by the signed object.</param>
    /// <param name="data">Signed bytes (the whole message, not a digest).</param>
    /// <param name="signature">Signature value: DER <c>SEQUENCE { r, s }</c> for SM2, ECDSA and DSA; the PKCS#1 block for RSA.</param>
    /// <param name="sm2UserId">SM2 signer ID (GM/T 0009 default <c>1234567812345678</c>); ignored for other keys.</param>
    public bool Verify(SignatureAlgorithm algorithm, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature, ReadOnlySpan<byte> sm2UserId)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        if (algorithm.Family != Family)
        {
            return false;
        }

        try
        {
            switch (Family)
            {
                case KeyFamily.Sm2:
                    return Sm2.Verify(_sm2!, sm2UserId, data, signature);
                case KeyFamily.Ecdsa:
                    using (var ecdsa = ECDsa.Create())
                    {
                        ecdsa.ImportSubjectPublicKeyInfo(SubjectPublicKeyInfo, out _);
                        return ecdsa.VerifyData(data, signature, algorithm.Hash, DSASignatureFormat.Rfc3279DerSequence);
                    }

                case KeyFamily.Rsa:
                    using (var rsa = RSA.Create())
                    {
                        rsa.ImportSubjectPublicKeyInfo(SubjectPublicKeyInfo, out _);
                        return rsa.VerifyData(data, signature, algorithm.Hash, RSASignaturePadding.Pkcs1);
                    }

                default:
                    return _dsa is not null && VerifyDsa(_dsa, algorithm, data, signature);
            }
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static bool VerifyDsa(DsaPublicKeyParameters key, SignatureAlgorithm algorithm, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        var digest = algorithm.Hash == HashAlgorithmName.SHA1 ? (Org.BouncyCastle.Crypto.IDigest)new Sha1Digest()
            : algorithm.Hash == HashAlgorithmName.SHA256 ? new Sha256Digest()
            : null;
        if (digest is null)
        {
            return false;
        }

        var signer = new DsaDigestSigner(new DsaSigner(), digest);
        signer.Init(false, key);
        signer.BlockUpdate(data.ToArray(), 0, data.Length);
        try
        {
            return signer.VerifySignature(signature.ToArray());
        }
        catch (Exception e) when (Asn1Failure.IsMalformedInput(e))
        {
            return false;
        }
    }

    private static VerificationKey? ParseRsa(SubjectPublicKeyInfo info, byte[] der, out string? problem)
    {
        var rsa = RsaPublicKeyStructure.GetInstance(info.ParsePublicKey());
        var bits = rsa.Modulus.BitLength;
        problem = bits is < 512 or > 16384 ? $"RSA modulus of {bits} bits is outside 512–16384."
            : !rsa.Modulus.TestBit(0) ? "RSA modulus is even."
            : !rsa.PublicExponent.TestBit(0) || rsa.PublicExponent.BitLength < 2 ? "RSA public exponent must be odd and at least 3."
            : null;
        return problem is null ? new VerificationKey(KeyFamily.Rsa, bits, null, der, null, null) : null;
    }

    private static VerificationKey? ParseEc(SubjectPublicKeyInfo info, byte[] der, out string? problem)
    {
        if (info.AlgorithmID.Parameters is not DerObjectIdentifier curve)
        {
            problem = "elliptic-curve keys must name their curve; explicit or implicit parameters are not accepted (RFC 5480 §2.1.1).";
            return null;
        }

        var family = curve.Equals(GMObjectIdentifiers.sm2p256v1) ? KeyFamily.Sm2 : KeyFamily.Ecdsa;
        var size = curve.Equals(GMObjectIdentifiers.sm2p256v1) || curve.Equals(SecObjectIdentifiers.SecP256r1) ? 256
            : curve.Equals(SecObjectIdentifiers.SecP384r1) ? 384
            : curve.Equals(SecObjectIdentifiers.SecP521r1) ? 521
            : 0;
        var point = info.PublicKeyData.GetOctets();
        if (size == 0)
        {
            problem = $"elliptic curve {ECNamedCurveTable.GetName(curve) ?? curve.Id} is not supported; SM2, P-256, P-384 and P-521 are.";
            return null;
        }

        var domain = family == KeyFamily.Sm2 ? Sm2.Domain : (ECDomainParameters)new ECNamedDomainParameters(curve, ECNamedCurveTable.GetByOid(curve));
        if (point.Length == 0 || point[0] != 0x04)
        {
            problem = "the elliptic-curve point must be uncompressed (04 ‖ x ‖ y).";
            return null;
        }

        var decoded = domain.Curve.DecodePoint(point);
        if (decoded.IsInfinity || !decoded.IsValid())
        {
            problem = "the public point is not a valid point of the curve.";
            return null;
        }

        problem = null;
        return new VerificationKey(family, size, curve.Id, der, family == KeyFamily.Sm2 ? new ECPublicKeyParameters("EC", decoded, curve) : null, null);
    }

    private static VerificationKey? ParseDsa(SubjectPublicKeyInfo info, byte[] der, out string? problem)
    {
        var y = DerInteger.GetInstance(info.ParsePublicKey()).Value;
        problem = null;
        if (info.AlgorithmID.Parameters is null or DerNull)
        {
            return new VerificationKey(KeyFamily.Dsa, 0, null, der, null, null);
        }

        var parameters = DsaParameter.GetInstance(info.AlgorithmID.Parameters);
        var p = parameters.P;
        if (p.BitLength is < 1024 or > 3072 || y.SignValue <= 0 || y.CompareTo(p) >= 0)
        {
            problem = $"DSA key with a {p.BitLength}-bit p or an out-of-range y is not accepted.";
            return null;
        }

        var key = new DsaPublicKeyParameters(y, new DsaParameters(p, parameters.Q, parameters.G));
        return new VerificationKey(KeyFamily.Dsa, p.BitLength, null, der, null, key);
    }
}
