using System.Security.Cryptography;
using GmPki.Cryptography.Sm;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;

namespace GmPki.Kmc.Envelopes;

/// <summary>
/// The SM2 key-pair protection structure of GM/T 0009-2012 §7.4, in which the KMC delivers an
/// encryption key pair to its holder:
/// <code>
/// SM2EnvelopedKey ::= SEQUENCE {
///   symAlgID               AlgorithmIdentifier, -- sm4-ECB 1.2.156.10197.1.104.1, no parameters
///   symEncryptedKey        SM2Cipher,           -- the 16-byte SM4 key, SM2-encrypted to the holder's signing key
///   sm2PublicKey           SM2PublicKey,        -- BIT STRING 04 ‖ X ‖ Y of the encryption key pair
///   sm2EncryptedPrivateKey BIT STRING }         -- SM4-ECB(SM4 key, d), d as 32 bytes big-endian: 2 blocks, no padding
/// </code>
/// The byte layout, and the GM/T 0016 <c>ENVELOPEDKEYBLOB</c> made from it by
/// <see cref="ToEnvelopedKeyBlob"/>, are documented in docs/kmc.md.
/// </summary>
public sealed class Sm2EnvelopedKey
{
    /// <summary>OID of SM4 in ECB mode (GM/T 0006): <c>1.2.156.10197.1.104.1</c>.</summary>
    public const string Sm4EcbOid = "1.2.156.10197.1.104.1";

    private const int ScalarSize = 32;

    private Sm2EnvelopedKey(byte[] encryptedSymmetricKey, byte[] publicKey, byte[] encryptedPrivateKey)
    {
        EncryptedSymmetricKey = encryptedSymmetricKey;
        PublicKey = publicKey;
        EncryptedPrivateKey = encryptedPrivateKey;
    }

    /// <summary>DER <c>SM2Cipher</c> of the SM4 key (C1 x, C1 y, C3, C2).</summary>
    public byte[] EncryptedSymmetricKey { get; }

    /// <summary>The encryption public key, 65 bytes <c>04 ‖ X ‖ Y</c>.</summary>
    public byte[] PublicKey { get; }

    /// <summary>The 32-byte SM4-ECB ciphertext of the private key d.</summary>
    public byte[] EncryptedPrivateKey { get; }

    /// <summary>Parses a DER <c>SM2EnvelopedKey</c>.</summary>
    /// <exception cref="CryptographicException">Not a well-formed SM2EnvelopedKey with sm4-ECB, a 65-byte public key and a 32-byte encrypted private key.</exception>
    public static Sm2EnvelopedKey Decode(ReadOnlySpan<byte> der)
    {
        try
        {
            var sequence = Asn1Sequence.GetInstance(Asn1Object.FromByteArray(der.ToArray()));
            if (sequence.Count != 4 || AlgorithmIdentifier.GetInstance(sequence[0]).Algorithm.Id != Sm4EcbOid)
            {
                throw new CryptographicException("SM2EnvelopedKey must have four fields and symAlgID sm4-ECB.");
            }

            var cipher = sequence[1].ToAsn1Object().GetDerEncoded();
            Sm2Cipher.Decode(cipher);
            var publicKey = DerBitString.GetInstance(sequence[2]).GetOctets();
            var encryptedPrivateKey = DerBitString.GetInstance(sequence[3]).GetOctets();
            return publicKey.Length == 65 && publicKey[0] == 0x04 && encryptedPrivateKey.Length == ScalarSize
                ? new Sm2EnvelopedKey(cipher, publicKey, encryptedPrivateKey)
                : throw new CryptographicException("SM2EnvelopedKey public key must be 04‖X‖Y and the encrypted private key 32 bytes.");
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidCastException)
        {
            throw new CryptographicException("Not a DER SM2EnvelopedKey.", e);
        }
    }

    /// <summary>The DER encoding.</summary>
    public byte[] Encode() => new DerSequence(
        new AlgorithmIdentifier(new DerObjectIdentifier(Sm4EcbOid)),
        Asn1Object.FromByteArray(EncryptedSymmetricKey),
        new DerBitString(PublicKey),
        new DerBitString(EncryptedPrivateKey)).GetDerEncoded();

    /// <summary>The GM/T 0016 (SKF) <c>ENVELOPEDKEYBLOB</c> of this envelope, for <c>SKF_ImportECCKeyPair</c>.</summary>
    public byte[] ToEnvelopedKeyBlob() => SkfEnvelopedKeyBlob.Encode(this);

    /// <summary>
    /// Seals <paramref name="keyPair"/> to <paramref name="recipient"/>: a fresh random SM4 key
    /// encrypts d (SM4-ECB, 2 blocks) and is itself SM2-encrypted to the recipient.
    /// </summary>
    internal static Sm2EnvelopedKey Seal(ECPublicKeyParameters recipient, ECPrivateKeyParameters keyPair)
    {
        var symmetricKey = RandomNumberGenerator.GetBytes(Sm4.KeySize);
        var d = Scalar(keyPair.D);
        try
        {
            var publicPoint = Sm2.PublicKeyOf(keyPair).Q.GetEncoded(false);
            return new Sm2EnvelopedKey(Sm2Cipher.Encrypt(recipient, symmetricKey), publicPoint, Ecb(true, symmetricKey, d));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(symmetricKey);
            CryptographicOperations.ZeroMemory(d);
        }
    }

    /// <summary>Opens the envelope with the recipient's private key and returns d (32 bytes, big-endian); the caller wipes it.</summary>
    /// <exception cref="CryptographicException">The SM2 ciphertext does not decrypt to a 16-byte key, or d does not match <see cref="PublicKey"/>.</exception>
    internal byte[] Open(ECPrivateKeyParameters recipient)
    {
        var symmetricKey = Sm2Cipher.Decrypt(recipient, EncryptedSymmetricKey);
        try
        {
            if (symmetricKey.Length != Sm4.KeySize)
            {
                throw new CryptographicException("The envelope's symmetric key is not 16 bytes.");
            }

            var d = Ecb(false, symmetricKey, EncryptedPrivateKey);
            var point = Sm2.PublicKeyOf(new ECPrivateKeyParameters("EC", new BigInteger(1, d), Sm2.Domain)).Q.GetEncoded(false);
            return CryptographicOperations.FixedTimeEquals(point, PublicKey)
                ? d
                : throw new CryptographicException("The envelope's private key does not match its public key.");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(symmetricKey);
        }
    }

    private static byte[] Scalar(BigInteger d)
    {
        var bytes = d.ToByteArrayUnsigned();
        return [.. new byte[ScalarSize - bytes.Length], .. bytes];
    }

    private static byte[] Ecb(bool encrypt, byte[] key, byte[] data)
    {
        var first = encrypt ? Sm4.EncryptBlock(key, data.AsSpan(0, Sm4.KeySize)) : Sm4.DecryptBlock(key, data.AsSpan(0, Sm4.KeySize));
        var second = encrypt ? Sm4.EncryptBlock(key, data.AsSpan(Sm4.KeySize)) : Sm4.DecryptBlock(key, data.AsSpan(Sm4.KeySize));
        return [.. first, .. second];
    }
}
