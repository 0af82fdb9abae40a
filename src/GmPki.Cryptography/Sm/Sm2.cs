using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Security;

namespace GmPki.Cryptography.Sm;

/// <summary>
/// SM2 digital signatures (GB/T 32918.2, GM/T 0003.2) on the recommended curve <c>sm2p256v1</c>
/// (<c>1.2.156.10197.1.301</c>) through the constant-time engine in <see cref="P256.Sm2Engine"/>
/// (interoperable with BouncyCastle's <see cref="SM2Signer"/> and OpenSSL). Signatures are DER
/// <c>SEQUENCE { r INTEGER, s INTEGER }</c> (GM/T 0009 §7.3).
/// </summary>
internal static class Sm2
{
    /// <summary>Domain parameters of the recommended curve (BouncyCastle's optimised implementation).</summary>
    public static ECNamedDomainParameters Domain { get; } = CreateDomain();

    /// <summary>
    /// Z = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA) of GB/T 32918.2 §5.5: the 32-byte signer
    /// identity hash that precedes the message.
    /// </summary>
    public static byte[] ComputeZ(ECPoint publicPoint, ReadOnlySpan<byte> userId)
    {
        if (userId.Length > Sm2UserId.MaxLength)
        {
            throw new ArgumentException($"SM2 user ID longer than {Sm2UserId.MaxLength} bytes.", nameof(userId));
        }

        var digest = new SM3Digest();
        var bits = userId.Length * 8;
        digest.Update((byte)(bits >> 8));
        digest.Update((byte)bits);
        digest.BlockUpdate(userId.ToArray(), 0, userId.Length);
        var curve = Domain.Curve;
        var q = publicPoint.Normalize();
        foreach (var element in new[] { curve.A, curve.B, Domain.G.AffineXCoord, Domain.G.AffineYCoord, q.AffineXCoord, q.AffineYCoord })
        {
            var bytes = element.GetEncoded();
            digest.BlockUpdate(bytes, 0, bytes.Length);
        }

        var z = new byte[32];
        digest.DoFinal(z, 0);
        return z;
    }

    /// <summary>Signs <paramref name="message"/> (not a digest).</summary>
    /// <param name="privateKey">The signer's key on <see cref="Domain"/>.</param>
    /// <param name="userId">Signer ID.</param>
    /// <param name="message">The message.</param>
    /// <param name="random">Source of the per-signature secret k; a fresh CSPRNG when null.</param>
    public static byte[] Sign(ECPrivateKeyParameters privateKey, ReadOnlySpan<byte> userId, ReadOnlySpan<byte> message, SecureRandom? random = null)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        var prepared = P256.Sm2BouncyCastleBridge.Prepare(privateKey, Domain);
        var e = P256.Sm2BouncyCastleBridge.Digest(prepared.GetZ(userId), message);
        return P256.Sm2Engine.Sign(prepared.Key, e, random is null ? null : P256.Sm2BouncyCastleBridge.FromSecureRandom(random));
    }

    /// <summary>Verifies a DER signature over <paramref name="message"/>; false for any mismatch or malformed signature.</summary>
    public static bool Verify(ECPublicKeyParameters publicKey, ReadOnlySpan<byte> userId, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        var key = P256.Sm2BouncyCastleBridge.PrepareVerification(publicKey);
        if (key is null)
        {
            return false;
        }

        var e = P256.Sm2BouncyCastleBridge.Digest(key.GetZ(userId), message);
        return P256.Sm2Engine.Verify(key, e, signature);
    }

    /// <summary>Derives the public key of <paramref name="privateKey"/>, tagged with the curve OID.</summary>
    public static ECPublicKeyParameters PublicKeyOf(ECPrivateKeyParameters privateKey)
        => new("EC", P256.Sm2BouncyCastleBridge.Prepare(privateKey, Domain).PublicPoint, GMObjectIdentifiers.sm2p256v1);

    private static ECNamedDomainParameters CreateDomain()
    {
        var x9 = CustomNamedCurves.GetByOid(GMObjectIdentifiers.sm2p256v1);
        return new ECNamedDomainParameters(GMObjectIdentifiers.sm2p256v1, x9.Curve, x9.G, x9.N, x9.H, x9.GetSeed());
    }
}
