using System.Security.Cryptography;
using GmPki.Cryptography.Sm;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;

namespace GmPki.Server.Tests;

/// <summary>OCSP requests built by hand (any CertID hash) and responses read with BouncyCastle, for the HTTP tests.</summary>
internal static class StatusRequests
{
    /// <summary>A DER OCSPRequest without nonce for one serial of the CA in <paramref name="issuerPem"/>, hashed with SHA-1, SHA-256 or SM3 (by OID).</summary>
    public static byte[] Build(string issuerPem, string serialHex, string hashOid)
    {
        var issuer = X509CertificateStructure.GetInstance(Convert.FromBase64String(string.Concat(File.ReadAllLines(issuerPem).Where(l => !l.StartsWith("-----", StringComparison.Ordinal)))));
        Func<byte[], byte[]> hash = hashOid switch
        {
            "1.3.14.3.2.26" => Sha1,
            "2.16.840.1.101.3.4.2.1" => data => SHA256.HashData(data),
            _ => data => Sm3.Hash(data),
        };
        var id = new CertID(new AlgorithmIdentifier(new DerObjectIdentifier(hashOid), DerNull.Instance),
            new DerOctetString(hash(issuer.Subject.GetDerEncoded())), new DerOctetString(hash(issuer.SubjectPublicKeyInfo.PublicKeyData.GetBytes())),
            new DerInteger(new BigInteger(serialHex, 16)));
        return new OcspRequest(new TbsRequest(null, new DerSequence(new Request(id, null)), null), null).GetDerEncoded();
    }

    /// <summary>The OCSPResponseStatus of a DER response.</summary>
    public static int ResponseStatus(byte[] der) => OcspResponse.GetInstance(Asn1Object.FromByteArray(der)).ResponseStatus.IntValueExact;

    /// <summary>The first SingleResponse of a successful DER response.</summary>
    public static SingleResponse Single(byte[] der)
    {
        var response = OcspResponse.GetInstance(Asn1Object.FromByteArray(der));
        var basic = BasicOcspResponse.GetInstance(Asn1Object.FromByteArray(response.ResponseBytes.Response.GetOctets()));
        return SingleResponse.GetInstance(basic.TbsResponseData.Responses[0]);
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350", Justification = "RFC 6960 CertIDs are commonly SHA-1; an identifier, not a security use.")]
    private static byte[] Sha1(byte[] data) => SHA1.HashData(data);
}
