using System.Security.Cryptography;
using GmPki.Cryptography.Sm;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;

namespace GmPki.Kmc.Envelopes;

/// <summary>
/// SM2 public-key encryption (GB/T 32918.4, GM/T 0003.4) with SM3, through BouncyCastle's
/// <see cref="SM2Engine"/>, and the GM/T 0009 §7.2 ciphertext encoding
/// <c>SM2Cipher ::= SEQUENCE { XCoordinate INTEGER, YCoordinate INTEGER, HASH OCTET STRING (32),
/// CipherText OCTET STRING }</c> — C1 (x, y), C3 (hash), C2 (ciphertext), the order OpenSSL 3
/// reads and writes.
/// </summary>
internal static class Sm2Cipher
{
    private const int CoordinateSize = 32;
    private const int PointSize = 1 + (2 * CoordinateSize);

    /// <summary>Encrypts <paramref name="plaintext"/> to <paramref name="recipient"/>.</summary>
    /// <returns>The DER <c>SM2Cipher</c>.</returns>
    public static byte[] Encrypt(ECPublicKeyParameters recipient, byte[] plaintext)
    {
        var engine = new SM2Engine();
        engine.Init(true, new ParametersWithRandom(recipient, new SecureRandom()));
        var raw = engine.ProcessBlock(plaintext, 0, plaintext.Length);
        var (c1, c2, c3) = SplitC1C2C3(raw);
        return new DerSequence(
            new DerInteger(new BigInteger(1, c1, 1, CoordinateSize)),
            new DerInteger(new BigInteger(1, c1, 1 + CoordinateSize, CoordinateSize)),
            new DerOctetString(c3),
            new DerOctetString(c2)).GetDerEncoded();
    }

    /// <summary>Decrypts a DER <c>SM2Cipher</c> with <paramref name="recipient"/>.</summary>
    /// <exception cref="CryptographicException">The structure is malformed, C1 is not on the curve, or the hash does not verify.</exception>
    public static byte[] Decrypt(ECPrivateKeyParameters recipient, byte[] sm2Cipher)
    {
        var (x, y, hash, ciphertext) = Decode(sm2Cipher);
        byte[] raw = [0x04, .. x, .. y, .. ciphertext, .. hash];
        var engine = new SM2Engine();
        engine.Init(false, recipient);
        try
        {
            return engine.ProcessBlock(raw, 0, raw.Length);
        }
        catch (Exception e) when (e is InvalidCipherTextException or ArgumentException)
        {
            throw new CryptographicException("SM2 decryption failed.", e);
        }
    }

    /// <summary>The parts of a DER <c>SM2Cipher</c>: C1's coordinates as 32 bytes each, C3 and C2.</summary>
    /// <exception cref="CryptographicException">Not a well-formed <c>SM2Cipher</c>.</exception>
    public static (byte[] X, byte[] Y, byte[] Hash, byte[] CipherText) Decode(byte[] sm2Cipher)
    {
        try
        {
            var sequence = Asn1Sequence.GetInstance(Asn1Object.FromByteArray(sm2Cipher));
            if (sequence.Count != 4)
            {
                throw new CryptographicException("SM2Cipher must have four fields.");
            }

            var hash = Asn1OctetString.GetInstance(sequence[2]).GetOctets();
            if (hash.Length != Sm3.HashSize)
            {
                throw new CryptographicException("SM2Cipher HASH must be 32 bytes.");
            }

            return (Coordinate(DerInteger.GetInstance(sequence[0])), Coordinate(DerInteger.GetInstance(sequence[1])), hash, Asn1OctetString.GetInstance(sequence[3]).GetOctets());
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidCastException)
        {
            throw new CryptographicException("Not a DER SM2Cipher.", e);
        }
    }

    private static byte[] Coordinate(DerInteger value)
    {
        var bytes = value.PositiveValue.ToByteArrayUnsigned();
        return bytes.Length > CoordinateSize
            ? throw new CryptographicException("SM2Cipher coordinate longer than 32 bytes.")
            : [.. new byte[CoordinateSize - bytes.Length], .. bytes];
    }

    private static (byte[] C1, byte[] C2, byte[] C3) SplitC1C2C3(byte[] raw) =>
        (raw[..PointSize], raw[PointSize..^Sm3.HashSize], raw[^Sm3.HashSize..]);
}
