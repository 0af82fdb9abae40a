using GmPki.Cryptography.Sm.P256;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;

namespace GmPki.Cryptography.Tests.Sm2P256;

/// <summary>Reference values and conversions between the engine's limbs and BouncyCastle.</summary>
internal static class Sm2TestMath
{
    public static readonly X9ECParameters Curve = CustomNamedCurves.GetByOid(GMObjectIdentifiers.sm2p256v1);

    public static readonly BigInteger P = Curve.Curve.Field.Characteristic;

    public static readonly BigInteger N = Curve.N;

    public static readonly BigInteger R = BigInteger.One.ShiftLeft(256);

    public static readonly BigInteger Mask256 = R.Subtract(BigInteger.One);

    public static BigInteger ToBig(in U256 value)
    {
        var bytes = new byte[32];
        value.ToBigEndian(bytes);
        return new BigInteger(1, bytes);
    }

    public static U256 ToU256(BigInteger value)
    {
        value.SignValue.ShouldBeGreaterThanOrEqualTo(0);
        value.BitLength.ShouldBeLessThanOrEqualTo(256);
        var bytes = value.ToByteArrayUnsigned();
        var padded = new byte[32];
        bytes.CopyTo(padded, 32 - bytes.Length);
        return U256.FromBigEndian(padded);
    }

    public static byte[] ToBytes32(BigInteger value)
    {
        var bytes = value.ToByteArrayUnsigned();
        var padded = new byte[32];
        bytes.CopyTo(padded, 32 - bytes.Length);
        return padded;
    }

    /// <summary>Field element in Montgomery form for an integer below p.</summary>
    public static U256 FieldMont(BigInteger value) => ToU256(value.ShiftLeft(256).Mod(P));

    public static BigInteger FromFieldMont(in U256 value) => ToBig(value).Multiply(R.ModInverse(P)).Mod(P);

    /// <summary>Edge values and random values, all below 2^256 (some at or above the modulus).</summary>
    public static IEnumerable<BigInteger> Values(BigInteger modulus, int randomCount, int seed)
    {
        var edges = new List<BigInteger>
        {
            BigInteger.Zero, BigInteger.One, BigInteger.Two, BigInteger.Three,
            modulus.Subtract(BigInteger.One), modulus.Subtract(BigInteger.Two), modulus, modulus.Add(BigInteger.One),
            Mask256, Mask256.Subtract(BigInteger.One), R.ShiftRight(1), R.ShiftRight(1).Subtract(BigInteger.One),
            BigInteger.One.ShiftLeft(64).Subtract(BigInteger.One), BigInteger.One.ShiftLeft(64), BigInteger.One.ShiftLeft(128),
            BigInteger.One.ShiftLeft(192).Subtract(BigInteger.One), BigInteger.One.ShiftLeft(224), modulus.ShiftRight(1),
            new("FFFFFFFF00000000FFFFFFFF00000000FFFFFFFF00000000FFFFFFFF00000000", 16),
            new("00000000FFFFFFFF00000000FFFFFFFF00000000FFFFFFFF00000000FFFFFFFF", 16),
        };
        foreach (var value in edges)
        {
            yield return value;
        }

        var random = new Random(seed);
        var buffer = new byte[32];
        for (var i = 0; i < randomCount; i++)
        {
            random.NextBytes(buffer);

            // Some values with long runs of set or clear limbs.
            switch (i % 8)
            {
                case 0:
                    Array.Fill(buffer, (byte)0xFF, 0, random.Next(32));
                    break;
                case 1:
                    Array.Fill(buffer, (byte)0x00, 0, random.Next(32));
                    break;
                default:
                    break;
            }

            yield return new BigInteger(1, buffer);
        }
    }

    public static ECPoint Multiply(BigInteger k) => Curve.G.Multiply(k).Normalize();

    /// <summary>Engine Jacobian point as BouncyCastle affine point (infinity when Z = 0).</summary>
    public static ECPoint ToBcPoint(in JacobianPoint point)
    {
        if (point.Z.IsZeroMask() != 0)
        {
            return Curve.Curve.Infinity;
        }

        Sm2Point.ToAffine(point, out var affine);
        return Curve.Curve.CreatePoint(FromFieldMont(affine.X), FromFieldMont(affine.Y));
    }

    public static AffinePoint ToAffine(ECPoint point)
    {
        var normal = point.Normalize();
        return new AffinePoint
        {
            X = FieldMont(normal.AffineXCoord.ToBigInteger()),
            Y = FieldMont(normal.AffineYCoord.ToBigInteger()),
        };
    }
}
