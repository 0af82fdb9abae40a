using GmPki.Cryptography.Asn1;
using GmPki.Verification.Certificates;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Ocsp;

namespace GmPki.Verification.Revocation;

/// <summary>
/// A successful basic OCSP response (RFC 6960 §4.2.1) parsed for revocation checking: the
/// signed ResponseData, its signature, the certificates it carries and its single responses.
/// </summary>
internal sealed class OcspEvidence
{
    private OcspEvidence(BasicOcspResponse basic)
    {
        var data = basic.TbsResponseData;
        TbsDer = data.GetDerEncoded();
        SignatureAlgorithmOid = basic.SignatureAlgorithm.Algorithm.Id;
        SignatureParameters = basic.SignatureAlgorithm.Parameters;
        Signature = basic.Signature.GetOctets();
        Certificates = [.. (basic.Certs?.Cast<Asn1Encodable>() ?? []).Select(c => ParsedCertificate.Parse(c.ToAsn1Object().GetDerEncoded()))];
        Responses = [.. data.Responses.Cast<Asn1Encodable>().Select(SingleResponse.GetInstance)];
    }

    /// <summary>The signed ResponseData.</summary>
    public byte[] TbsDer { get; }

    /// <summary>Dotted OID of the signature algorithm.</summary>
    public string SignatureAlgorithmOid { get; }

    /// <summary>Its parameters.</summary>
    public Asn1Encodable? SignatureParameters { get; }

    /// <summary>The signature bits.</summary>
    public byte[] Signature { get; }

    /// <summary>Certificates sent with the response (a delegated responder's, §4.2.2.2).</summary>
    public IReadOnlyList<ParsedCertificate> Certificates { get; }

    /// <summary>The single responses.</summary>
    public IReadOnlyList<SingleResponse> Responses { get; }

    /// <summary>Parses a DER OCSPResponse.</summary>
    /// <exception cref="FormatException">Not a successful basic OCSP response.</exception>
    public static OcspEvidence Parse(byte[] der)
    {
        try
        {
            var response = OcspResponse.GetInstance(Asn1Object.FromByteArray(der));
            if (response.ResponseStatus.IntValueExact != OcspResponseStatus.Successful || response.ResponseBytes is not { } bytes)
            {
                throw new FormatException($"the OCSP response status is {response.ResponseStatus.IntValueExact}, not successful.");
            }

            if (!bytes.ResponseType.Equals(OcspObjectIdentifiers.PkixOcspBasic))
            {
                throw new FormatException("the OCSP response is not id-pkix-ocsp-basic.");
            }

            return new OcspEvidence(BasicOcspResponse.GetInstance(Asn1Object.FromByteArray(bytes.Response.GetOctets())));
        }
        catch (Exception e) when (Asn1Failure.IsMalformedInput(e))
        {
            throw new FormatException("not a well-formed OCSP response: " + e.Message, e);
        }
    }
}
