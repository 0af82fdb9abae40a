using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Asn1.Sec;

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
}
