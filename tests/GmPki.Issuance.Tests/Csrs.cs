using GmPki.Core.Keys;
using GmPki.Cryptography.Signing;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;

namespace GmPki.Issuance.Tests;

/// <summary>Builds PKCS#10 requests in-process (OpenSSL-made requests are covered by the server's end-to-end tests).</summary>
internal static class Csrs
{
    public static byte[] Create(ISigningKey key, string subject, params GeneralName[] altNames)
        => Create(key, new X509Name(true, subject), altNames); // RFC 4514 order: the most significant RDN last

    public static byte[] Create(ISigningKey key, X509Name subject, params GeneralName[] altNames)
    {
        Asn1Set? attributes = null;
        if (altNames.Length > 0)
        {
            var extensions = new X509ExtensionsGenerator();
            extensions.AddExtension(X509Extensions.SubjectAlternativeName, false, new GeneralNames(altNames));
            attributes = new DerSet(new AttributePkcs(PkcsObjectIdentifiers.Pkcs9AtExtensionRequest, new DerSet(extensions.Generate())));
        }

        return new Pkcs10CertificationRequest(new SigningKeySignatureFactory(key), subject,
            PublicKeyFactory.CreateKey(key.SubjectPublicKeyInfo.ToArray()), attributes).GetDerEncoded();
    }

    public static GeneralName Dns(string name) => new(GeneralName.DnsName, name);

    public static GeneralName Email(string address) => new(GeneralName.Rfc822Name, address);
}
