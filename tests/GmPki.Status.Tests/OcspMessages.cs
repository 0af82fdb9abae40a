using GmPki.Status.Ocsp;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;

namespace GmPki.Status.Tests;

/// <summary>OCSP requests built and responses read with BouncyCastle's ASN.1 types, as a client would.</summary>
internal static class OcspMessages
{
    public static CertID CertId(StatusAuthority authority, string serialHex, CertIdHash hash = CertIdHash.Sha1)
    {
        var name = authority.Identity.Certificate.Subject.GetDerEncoded();
        var key = authority.Identity.Certificate.SubjectPublicKeyInfo.PublicKeyData.GetBytes();
        return new CertID(new AlgorithmIdentifier(new DerObjectIdentifier(CertIdHashes.Oid(hash)), DerNull.Instance),
            new DerOctetString(CertIdHashes.Digest(hash, name)), new DerOctetString(CertIdHashes.Digest(hash, key)), new DerInteger(new BigInteger(serialHex, 16)));
    }

    public static byte[] Request(byte[]? nonce, params CertID[] ids)
    {
        var requests = new Asn1EncodableVector();
        foreach (var id in ids)
        {
            requests.Add(new Request(id, null));
        }

        var extensions = nonce is null ? null : new X509Extensions(new Dictionary<DerObjectIdentifier, X509Extension>
        {
            [OcspObjectIdentifiers.PkixOcspNonce] = new(false, new DerOctetString(new DerOctetString(nonce))),
        });
        return new OcspRequest(new TbsRequest(null, new DerSequence(requests), extensions), null).GetDerEncoded();
    }

    public static OcspResponse Parse(byte[] der) => OcspResponse.GetInstance(Asn1Object.FromByteArray(der));

    public static BasicOcspResponse Basic(byte[] der)
        => BasicOcspResponse.GetInstance(Asn1Object.FromByteArray(Parse(der).ResponseBytes.Response.GetOctets()));

    public static SingleResponse Single(byte[] der) => SingleResponse.GetInstance(Basic(der).TbsResponseData.Responses[0]);
}
