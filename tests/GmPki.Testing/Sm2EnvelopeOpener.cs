using System.Buffers.Binary;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X509;

namespace GmPki.Testing;

/// <summary>
/// The holder's side of a GM/T 0009 <c>SM2EnvelopedKey</c>, done by OpenSSL 3 (an independent
/// implementation): the SM4 key decrypted with the holder's SM2 signing key
/// (<c>openssl pkeyutl -decrypt</c>), the private key d decrypted with it
/// (<c>openssl enc -d -sm4-ecb -nopad</c>), and d·G computed by <c>openssl ec -pubout</c>.
/// The envelope's fields are read with BouncyCastle's ASN.1 parser, not ours.
/// </summary>
public static class Sm2EnvelopeOpener
{
    /// <summary>Opens <paramref name="envelopeDer"/> with the SM2 key in <paramref name="signingKeyPem"/> (a file in <paramref name="directory"/>).</summary>
    /// <returns>DER SubjectPublicKeyInfo of the recovered private key's public key, and the 65-byte public key the envelope carries.</returns>
    public static (byte[] RecoveredPublicKey, byte[] EnvelopePublicKey) Open(string directory, string signingKeyPem, byte[] envelopeDer)
    {
        var envelope = Asn1Sequence.GetInstance(Asn1Object.FromByteArray(envelopeDer));
        File.WriteAllBytes(Path.Combine(directory, "envelope-key.sm2"), envelope[1].ToAsn1Object().GetDerEncoded());
        OpenSsl.MustRun(directory, "pkeyutl", "-decrypt", "-inkey", signingKeyPem, "-in", "envelope-key.sm2", "-out", "envelope-sm4.key");
        var sm4Key = File.ReadAllBytes(Path.Combine(directory, "envelope-sm4.key"));
        File.WriteAllBytes(Path.Combine(directory, "envelope-d.enc"), DerBitString.GetInstance(envelope[3]).GetOctets());
        OpenSsl.MustRun(directory, "enc", "-d", "-sm4-ecb", "-nopad", "-K", Convert.ToHexString(sm4Key), "-in", "envelope-d.enc", "-out", "envelope-d.bin");
        var d = File.ReadAllBytes(Path.Combine(directory, "envelope-d.bin"));
        var sec1 = new ECPrivateKeyStructure(256, new Org.BouncyCastle.Math.BigInteger(1, d), GMObjectIdentifiers.sm2p256v1).GetDerEncoded();
        File.WriteAllBytes(Path.Combine(directory, "envelope-d.der"), sec1);
        OpenSsl.MustRun(directory, "ec", "-inform", "DER", "-in", "envelope-d.der", "-pubout", "-outform", "DER", "-out", "envelope-recovered.spki");
        return (File.ReadAllBytes(Path.Combine(directory, "envelope-recovered.spki")), DerBitString.GetInstance(envelope[2]).GetOctets());
    }

    /// <summary>
    /// Opens a GM/T 0016 <c>ENVELOPEDKEYBLOB</c> the way a USB key would import it: the blob's
    /// fields are read at the SKF offsets (Version 1, SGD_SM4_ECB, 256 bits, 64-byte right-aligned
    /// coordinates, ECCCIPHERBLOB with a little-endian CipherLen), rebuilt as a DER SM2EnvelopedKey
    /// with BouncyCastle, and opened by OpenSSL as <see cref="Open"/> does.
    /// </summary>
    /// <returns>DER SubjectPublicKeyInfo of the recovered private key's public key.</returns>
    public static byte[] OpenSkfBlob(string directory, string signingKeyPem, byte[] blob)
    {
        ArgumentNullException.ThrowIfNull(blob);
        if (BinaryPrimitives.ReadUInt32LittleEndian(blob) != 1 || BinaryPrimitives.ReadUInt32LittleEndian(blob.AsSpan(4)) != 0x401
            || BinaryPrimitives.ReadUInt32LittleEndian(blob.AsSpan(8)) != 256 || BinaryPrimitives.ReadUInt32LittleEndian(blob.AsSpan(76)) != 256)
        {
            throw new InvalidDataException("not an ENVELOPEDKEYBLOB header (Version 1, SGD_SM4_ECB, 256 bits, 256-bit public key)");
        }

        var cipherLength = (int)BinaryPrimitives.ReadUInt32LittleEndian(blob.AsSpan(368));
        var sm2Cipher = new DerSequence(
            new DerInteger(new Org.BouncyCastle.Math.BigInteger(1, blob[240..272])),
            new DerInteger(new Org.BouncyCastle.Math.BigInteger(1, blob[304..336])),
            new DerOctetString(blob[336..368]),
            new DerOctetString(blob[372..(372 + cipherLength)]));
        var envelope = new DerSequence(
            new AlgorithmIdentifier(new DerObjectIdentifier("1.2.156.10197.1.104.1")),
            sm2Cipher,
            new DerBitString([0x04, .. blob[112..144], .. blob[176..208]]),
            new DerBitString(blob[44..76]));
        return Open(directory, signingKeyPem, envelope.GetDerEncoded()).RecoveredPublicKey;
    }
}
