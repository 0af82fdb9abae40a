using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Security;
using Attribute = Org.BouncyCastle.Asn1.Cms.Attribute;

namespace GmPki.Verification.Tests;

/// <summary>
/// An integrator's SM2 signer, as in docs/relying-party.md: CMS SignedData in the GM/T 0010 form
/// (or under the PKCS #7 OIDs) signed with BouncyCastle's own SM2Signer, so GmPki's verifier is
/// checked against an independent SM2 implementation.
/// </summary>
internal static class Gmt0010Signer
{
    public static byte[] Sign(string keyPemFile, byte[] certificateDer, byte[] content, bool detached, bool gmOids = true, Attribute? unsigned = null)
    {
        var pem = new PemReader(new StringReader(File.ReadAllText(keyPemFile))).ReadObject();
        var key = (ECPrivateKeyParameters)(pem is AsymmetricCipherKeyPair pair ? pair.Private : pem);
        var certificate = X509CertificateStructure.GetInstance(Asn1Object.FromByteArray(certificateDer));
        var data = new DerObjectIdentifier(gmOids ? "1.2.156.10197.6.1.4.2.1" : "1.2.840.113549.1.7.1");
        var sm3 = new AlgorithmIdentifier(new DerObjectIdentifier("1.2.156.10197.1.401"));
        var digest = new SM3Digest();
        digest.BlockUpdate(content, 0, content.Length);
        var hash = new byte[32];
        digest.DoFinal(hash, 0);
        var signedAttributes = new DerSet(
            new Attribute(CmsAttributes.ContentType, new DerSet(data)),
            new Attribute(CmsAttributes.SigningTime, new DerSet(new Org.BouncyCastle.Asn1.Cms.Time(DateTime.UtcNow))),
            new Attribute(CmsAttributes.MessageDigest, new DerSet(new DerOctetString(hash))));

        var signer = new SM2Signer();
        signer.Init(true, new ParametersWithID(new ParametersWithRandom(key, new SecureRandom()), "1234567812345678"u8.ToArray()));
        var toSign = signedAttributes.GetDerEncoded();
        signer.BlockUpdate(toSign, 0, toSign.Length);
        var signature = signer.GenerateSignature();

        var signerInfo = new SignerInfo(
            new SignerIdentifier(new IssuerAndSerialNumber(certificate.Issuer, certificate.SerialNumber.Value)),
            sm3, signedAttributes, new AlgorithmIdentifier(new DerObjectIdentifier("1.2.156.10197.1.501")), new DerOctetString(signature),
            unsigned is null ? null : new DerSet(unsigned));
        var signedData = new SignedData(new DerSet(sm3), new ContentInfo(data, detached ? null : new DerOctetString(content)),
            new DerSet(certificate), null, new DerSet(signerInfo));
        return new ContentInfo(new DerObjectIdentifier(gmOids ? "1.2.156.10197.6.1.4.2.2" : "1.2.840.113549.1.7.2"), signedData).GetDerEncoded();
    }
}
