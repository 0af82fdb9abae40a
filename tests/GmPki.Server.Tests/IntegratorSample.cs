using System.Net.Http.Headers;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Asn1.Tsp;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Security;
using Attribute = Org.BouncyCastle.Asn1.Cms.Attribute;

namespace GmPki.Server.Tests;

/// <summary>
/// The integrator's sample of docs/relying-party.md, kept as code so the tests prove it: an SM2
/// CMS SignedData in the GM/T 0010 form signed with BouncyCastle's own SM2Signer (the holder's key
/// and certificate from openssl), then an RFC 3161 token over the signature value from
/// <c>POST /tsa</c> added as the unsigned attribute id-aa-timeStampToken (RFC 3161 Appendix A).
/// </summary>
internal static class IntegratorSample
{
    private static readonly DerObjectIdentifier Gmt0010Data = new("1.2.156.10197.6.1.4.2.1");
    private static readonly DerObjectIdentifier Gmt0010SignedData = new("1.2.156.10197.6.1.4.2.2");
    private static readonly AlgorithmIdentifier Sm3 = new(new DerObjectIdentifier("1.2.156.10197.1.401"));
    private static readonly AlgorithmIdentifier Sm3WithSm2 = new(new DerObjectIdentifier("1.2.156.10197.1.501"));
    private static readonly DerObjectIdentifier TimeStampTokenAttribute = new("1.2.840.113549.1.9.16.2.14");

    /// <summary>Signs <paramref name="content"/> (attached) and timestamps the signature at <paramref name="tsaUrl"/>.</summary>
    public static async Task<byte[]> SignAndTimestampAsync(string keyPem, string certificatePem, byte[] content, HttpClient http, string tsaUrl)
    {
        var pem = new PemReader(new StringReader(keyPem)).ReadObject();
        var key = (ECPrivateKeyParameters)(pem is AsymmetricCipherKeyPair pair ? pair.Private : pem);
        var certificate = X509CertificateStructure.GetInstance(new PemReader(new StringReader(certificatePem)).ReadPemObject().Content);

        // 1. Signed attributes: content type, signing time, SM3 of the content.
        var signedAttributes = new DerSet(
            new Attribute(CmsAttributes.ContentType, new DerSet(Gmt0010Data)),
            new Attribute(CmsAttributes.SigningTime, new DerSet(new Org.BouncyCastle.Asn1.Cms.Time(DateTime.UtcNow))),
            new Attribute(CmsAttributes.MessageDigest, new DerSet(new DerOctetString(Sm3Hash(content)))));

        // 2. SM2 signature over the DER signed attributes, with the GM/T 0009 default signer ID.
        var signer = new SM2Signer();
        signer.Init(true, new ParametersWithID(new ParametersWithRandom(key, new SecureRandom()), "1234567812345678"u8.ToArray()));
        var toSign = signedAttributes.GetDerEncoded();
        signer.BlockUpdate(toSign, 0, toSign.Length);
        var signature = signer.GenerateSignature();

        // 3. A timestamp over the signature value: TimeStampReq with an SM3 imprint, a nonce and certReq.
        var nonce = new DerInteger(new Org.BouncyCastle.Math.BigInteger(64, new SecureRandom()));
        var query = new TimeStampReq(new MessageImprint(Sm3, Sm3Hash(signature)), null, nonce, DerBoolean.True, null).GetDerEncoded();
        using var body = new ByteArrayContent(query);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/timestamp-query");
        using var reply = await http.PostAsync(tsaUrl, body);
        reply.EnsureSuccessStatusCode();
        var response = TimeStampResp.GetInstance(Asn1Object.FromByteArray(await reply.Content.ReadAsByteArrayAsync()));
        if (response.Status.Status.IntValue != 0)
        {
            throw new InvalidOperationException("TSA refused: " + response.Status.StatusString?[0]);
        }

        // 4. SignerInfo with the token as unsigned attribute, then the SignedData (GM/T 0010 OIDs).
        var signerInfo = new SignerInfo(
            new SignerIdentifier(new IssuerAndSerialNumber(certificate.Issuer, certificate.SerialNumber.Value)),
            Sm3, signedAttributes, Sm3WithSm2, new DerOctetString(signature),
            new DerSet(new Attribute(TimeStampTokenAttribute, new DerSet(response.TimeStampToken))));
        var signedData = new SignedData(new DerSet(Sm3), new ContentInfo(Gmt0010Data, new DerOctetString(content)),
            new DerSet(certificate), null, new DerSet(signerInfo));
        return new ContentInfo(Gmt0010SignedData, signedData).GetDerEncoded();
    }

    private static byte[] Sm3Hash(byte[] data)
    {
        var digest = new SM3Digest();
        digest.BlockUpdate(data, 0, data.Length);
        var hash = new byte[32];
        digest.DoFinal(hash, 0);
        return hash;
    }
}
