using System.Runtime.CompilerServices;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Security;

namespace GmPki.Cryptography.Sm.P256;

/// <summary>
/// Glue between BouncyCastle key objects and <see cref="Sm2Engine"/>: prepared keys are cached per
/// <see cref="ECPrivateKeyParameters"/> instance (weakly, so they live exactly as long as the key
/// object), which saves the public-key multiplication and the (1 + d)⁻¹ inversion on every
/// signature.
/// </summary>
internal static class Sm2BouncyCastleBridge
{
    private static readonly ConditionalWeakTable<ECPrivateKeyParameters, PreparedKey> Prepared = new();

    private static readonly ConditionalWeakTable<ECPublicKeyParameters, Sm2VerificationKey> Verifiers = new();

    /// <summary>a ‖ b ‖ xG ‖ yG of sm2p256v1, the constant middle of Z.</summary>
    private static readonly byte[] CurveConstants = Convert.FromHexString(
        "FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFC" +
        "28E9FA9E9D9F5E344D5A9E4BCF6509A7F39789F515AB8F92DDBCBD414D940E93" +
        "32C4AE2C1F1981195F9904466A39C9948FE30BBFF2660BE1715A4589334C74C7" +
        "BC3736A2F4F6779C59BDCEE36B692153D0A9877CC62A474002DF32E52139F0A0");

    /// <summary>The engine key for <paramref name="privateKey"/> and its public point on <paramref name="domain"/>'s curve.</summary>
    /// <param name="privateKey">A key on the sm2p256v1 curve.</param>
    /// <param name="domain">The sm2p256v1 domain parameters (they give the curve object of the public point).</param>
    /// <exception cref="ArgumentException">The key is on another curve, or D is not in [1, n − 2].</exception>
    public static PreparedKey Prepare(ECPrivateKeyParameters privateKey, ECDomainParameters domain)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        ArgumentNullException.ThrowIfNull(domain);
        return Prepared.TryGetValue(privateKey, out var prepared) ? prepared : Prepared.GetValue(privateKey, key => Create(key, domain));
    }

    /// <summary>
    /// The prepared verification key for <paramref name="publicKey"/>, cached per key object (so a
    /// key object that verifies many signatures gets promoted to a precomputed table); null when
    /// the point is not a finite point of sm2p256v1.
    /// </summary>
    public static Sm2VerificationKey? PrepareVerification(ECPublicKeyParameters publicKey)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        if (Verifiers.TryGetValue(publicKey, out var cached))
        {
            return cached;
        }

        Span<byte> x = stackalloc byte[32];
        Span<byte> y = stackalloc byte[32];
        var key = TryGetAffine(publicKey.Q, x, y) ? Sm2VerificationKey.TryCreate(x, y) : null;
        return key is null ? null : Verifiers.GetValue(publicKey, _ => key);
    }

    /// <summary>32 big-endian bytes of a non-negative integer below 2^256.</summary>
    /// <exception cref="ArgumentException">The value is negative or needs more than 32 bytes.</exception>
    public static byte[] ToBytes32(BigInteger value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.SignValue < 0 || value.BitLength > 256)
        {
            throw new ArgumentException("Value out of range for a 256-bit integer.", nameof(value));
        }

        var bytes = value.ToByteArrayUnsigned();
        var result = new byte[32];
        bytes.CopyTo(result, 32 - bytes.Length);
        Array.Clear(bytes);
        return result;
    }

    /// <summary>
    /// Affine coordinates of a BouncyCastle point (32 bytes each); false for infinity and for
    /// points whose coordinates are not 32 bytes (another curve). Whether the point lies on
    /// sm2p256v1 is the engine's check.
    /// </summary>
    public static bool TryGetAffine(ECPoint point, Span<byte> x, Span<byte> y)
    {
        ArgumentNullException.ThrowIfNull(point);
        var normal = point.Normalize();
        if (normal.IsInfinity)
        {
            return false;
        }

        var xBytes = normal.AffineXCoord.GetEncoded();
        var yBytes = normal.AffineYCoord.GetEncoded();
        if (xBytes.Length != 32 || yBytes.Length != 32)
        {
            return false;
        }

        xBytes.CopyTo(x);
        yBytes.CopyTo(y);
        return true;
    }

    /// <summary>
    /// Z = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA) (GB/T 32918.2 §5.5) from the affine public key
    /// bytes: the same value as <see cref="Sm2.ComputeZ"/> without going through BouncyCastle
    /// point and field objects (which cost more than the signature itself).
    /// </summary>
    /// <exception cref="ArgumentException">The ID is longer than <see cref="Sm2UserId.MaxLength"/> bytes.</exception>
    public static byte[] ComputeZ(ReadOnlySpan<byte> x, ReadOnlySpan<byte> y, ReadOnlySpan<byte> userId)
    {
        if (userId.Length > Sm2UserId.MaxLength)
        {
            throw new ArgumentException($"SM2 user ID longer than {Sm2UserId.MaxLength} bytes.", nameof(userId));
        }

        var input = new byte[2 + userId.Length + CurveConstants.Length + 64];
        var bits = userId.Length * 8;
        input[0] = (byte)(bits >> 8);
        input[1] = (byte)bits;
        userId.CopyTo(input.AsSpan(2));
        CurveConstants.CopyTo(input, 2 + userId.Length);
        x.CopyTo(input.AsSpan(2 + userId.Length + CurveConstants.Length, 32));
        y.CopyTo(input.AsSpan(2 + userId.Length + CurveConstants.Length + 32, 32));
        var digest = new SM3Digest();
        digest.BlockUpdate(input, 0, input.Length);
        var z = new byte[32];
        digest.DoFinal(z, 0);
        return z;
    }

    /// <summary>e = SM3(Z ‖ M).</summary>
    public static byte[] Digest(byte[] z, ReadOnlySpan<byte> message)
    {
        ArgumentNullException.ThrowIfNull(z);
        var digest = new SM3Digest();
        digest.BlockUpdate(z, 0, z.Length);
        digest.BlockUpdate(message.ToArray(), 0, message.Length);
        var e = new byte[32];
        digest.DoFinal(e, 0);
        return e;
    }

    /// <summary>Adapts a BouncyCastle random source to <see cref="RandomFill"/>.</summary>
    public static RandomFill FromSecureRandom(SecureRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return destination =>
        {
            var buffer = new byte[destination.Length];
            random.NextBytes(buffer);
            buffer.CopyTo(destination);
            Array.Clear(buffer);
        };
    }

    private static PreparedKey Create(ECPrivateKeyParameters privateKey, ECDomainParameters domain)
    {
        var parameters = privateKey.Parameters;
        if (!parameters.Curve.Equals(domain.Curve) || !parameters.G.Equals(domain.G) || !parameters.N.Equals(domain.N))
        {
            throw new ArgumentException("The private key is not on the SM2 curve sm2p256v1.", nameof(privateKey));
        }

        var curve = domain.Curve;
        var d = ToBytes32(privateKey.D);
        try
        {
            var key = Sm2PrivateKey.Create(d);
            var point = curve.CreatePoint(new BigInteger(1, key.PublicX), new BigInteger(1, key.PublicY));
            return new PreparedKey(key, point);
        }
        finally
        {
            Array.Clear(d);
        }
    }

    /// <summary>An engine key with its public point as a BouncyCastle object, and the Z of the last ID used.</summary>
    internal sealed class PreparedKey(Sm2PrivateKey key, ECPoint publicPoint)
    {
        private ZCache? _z;

        /// <summary>The engine key.</summary>
        public Sm2PrivateKey Key { get; } = key;

        /// <summary>The public point d·G.</summary>
        public ECPoint PublicPoint { get; } = publicPoint;

        /// <summary>Z for <paramref name="userId"/> (cached for the most recent ID; callers must not modify it).</summary>
        public byte[] GetZ(ReadOnlySpan<byte> userId)
        {
            var cached = _z;
            if (cached is not null && userId.SequenceEqual(cached.UserId))
            {
                return cached.Z;
            }

            var z = ComputeZ(Key.PublicX, Key.PublicY, userId);
            _z = new ZCache(userId.ToArray(), z);
            return z;
        }

        private sealed record ZCache(byte[] UserId, byte[] Z);
    }
}
