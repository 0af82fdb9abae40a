using GmPki.Core.Keys;
using GmPki.Cryptography.Keys;
using GmPki.Cryptography.Signing;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;

namespace GmPki.Server.Tests;

/// <summary>PKCS#10 requests made in-process with a fresh key (for tests where the key is not used again).</summary>
internal static class Csrs
{
    /// <summary>A DER CSR for <paramref name="subject"/> (RFC 4514 order as written, e.g. <c>CN=张三,O=某单位</c>).</summary>
    public static byte[] Der(KeyAlgorithm algorithm, string subject)
    {
        var key = EphemeralKeys.Generate(algorithm);
        return new Pkcs10CertificationRequest(new SigningKeySignatureFactory(key), new X509Name(true, subject),
            PublicKeyFactory.CreateKey(key.SubjectPublicKeyInfo.ToArray()), null).GetDerEncoded();
    }

    /// <summary>PEM of a DER CSR.</summary>
    public static string Pem(byte[] der) => System.Security.Cryptography.PemEncoding.WriteString("CERTIFICATE REQUEST", der);
}
