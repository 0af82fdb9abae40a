using System.Security.Cryptography;
using System.Text;
using GmPki.Core.Errors;
using GmPki.Core.Keys;
using GmPki.Core.Profiles;
using GmPki.Cryptography.Keys;
using GmPki.Cryptography.Sm;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;

namespace GmPki.Enrollment.Est;

/// <summary>
/// EST <c>serverkeygen</c> (RFC 7030 §4.4): the server generates the key pair, turns the client's
/// request into one for the new key (same subject and attributes, signed with the new key, so the
/// enrollment checks it like any other), and answers with the private key and the certificate.
/// </summary>
internal static class EstServerKeyGeneration
{
    private const string Boundary = "gmpki-est-serverkeygen";

    /// <summary>The key algorithm generated for <paramref name="profile"/>: SM2 when it takes SM2, else its first algorithm.</summary>
    public static KeyAlgorithm AlgorithmFor(CertificateProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return profile.KeyAlgorithms.Contains(KeyAlgorithm.Sm2) ? KeyAlgorithm.Sm2 : profile.KeyAlgorithms.Order().First();
    }

    /// <summary>A DER PKCS#10 request with the subject and attributes of <paramref name="clientRequest"/> for <paramref name="key"/>, signed with it (SM2 with the default user ID).</summary>
    /// <exception cref="GmPkiException"><c>csr-malformed</c> when the client's request is not a DER PKCS#10 request.</exception>
    public static byte[] RequestFor(byte[] clientRequest, ISigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var client = EstMessages.RequestInfoOf(clientRequest, "serverkeygen");
        var info = new CertificationRequestInfo(client.Subject, SubjectPublicKeyInfo.GetInstance(key.SubjectPublicKeyInfo.ToArray()), client.Attributes);
        var signature = key.Sign(info.GetDerEncoded());
        return new CertificationRequest(info, AlgorithmIdentifier.GetInstance(key.SignatureAlgorithm.ToArray()), new DerBitString(signature)).GetDerEncoded();
    }

    /// <summary>
    /// The answer (RFC 7030 §4.4.2): <c>multipart/mixed</c> with the private key
    /// (<c>application/pkcs8</c>, unencrypted PKCS#8 DER — TLS protects it) and the certificate
    /// (<c>application/pkcs7-mime; smime-type=certs-only</c>), each base64.
    /// </summary>
    public static EstAnswer Answer(byte[] pkcs8, byte[] certsOnly)
    {
        var body = new StringBuilder();
        body.Append("--").Append(Boundary).Append("\r\nContent-Type: application/pkcs8\r\nContent-Transfer-Encoding: base64\r\n\r\n")
            .Append(Convert.ToBase64String(pkcs8, Base64FormattingOptions.InsertLineBreaks)).Append("\r\n--").Append(Boundary)
            .Append("\r\nContent-Type: ").Append(EstMessages.CertsOnly).Append("\r\nContent-Transfer-Encoding: base64\r\n\r\n")
            .Append(Convert.ToBase64String(certsOnly, Base64FormattingOptions.InsertLineBreaks)).Append("\r\n--").Append(Boundary).Append("--\r\n");
        return new EstAnswer(200, $"multipart/mixed; boundary={Boundary}", Encoding.ASCII.GetBytes(body.ToString()));
    }

    /// <summary>Generates the key pair; the caller wipes the PKCS#8 with <see cref="CryptographicOperations.ZeroMemory"/> once answered.</summary>
    public static (ISigningKey Key, byte[] Pkcs8) Generate(CertificateProfile profile) => SigningKeys.Generate(AlgorithmFor(profile), Sm2UserId.Default);
}
