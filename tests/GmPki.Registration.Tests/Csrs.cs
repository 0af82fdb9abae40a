using GmPki.Core.Keys;
using GmPki.Cryptography.Keys;
using GmPki.Cryptography.Signing;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;

namespace GmPki.Registration.Tests;

/// <summary>SM2 PKCS#10 requests made in-process with a fresh key.</summary>
internal static class Csrs
{
    /// <summary>A DER CSR for <paramref name="subject"/> (e.g. <c>CN=张三,O=某单位</c>).</summary>
    public static byte[] Der(string subject)
    {
        var key = EphemeralKeys.Generate(KeyAlgorithm.Sm2);
        return new Pkcs10CertificationRequest(new SigningKeySignatureFactory(key), new X509Name(true, subject),
            PublicKeyFactory.CreateKey(key.SubjectPublicKeyInfo.ToArray()), null).GetDerEncoded();
    }
}
