using GmPki.Core.Errors;
using GmPki.Cryptography.Asn1;
using GmPki.Cryptography.Signing;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Crmf;
using Org.BouncyCastle.Asn1.X509;

namespace GmPki.Issuance.Requests;

/// <summary>
/// Reads a CRMF <c>CertReqMsg</c> (RFC 4211 §3, as CMP ir, cr and kur carry it, RFC 4210 §5.3.1)
/// into the same checked <see cref="CertificationRequest"/> as a PKCS#10 request: the template
/// names the subject and the public key (both required), a subjectAltName extension in the
/// template is read like a PKCS#10 extensionRequest, and the proof of possession must be a
/// signature by that key over the DER <c>CertRequest</c> (RFC 4211 §4.1, no <c>poposkInput</c>); the
/// notAfter of the template's validity is the requested end (honoured up to the profile's validity).
/// </summary>
internal static class CrmfRequestParser
{
    /// <summary>Whether <paramref name="der"/> has the shape of a CertReqMsg rather than a PKCS#10 request: a SEQUENCE whose second element is context-tagged (the popo) or absent.</summary>
    public static bool IsCertReqMsg(byte[] der)
    {
        try
        {
            return Asn1Object.FromByteArray(der) is Asn1Sequence { Count: >= 1 } sequence && sequence[0] is Asn1Sequence
                && (sequence.Count == 1 || sequence[1] is Asn1TaggedObject);
        }
        catch (Exception e) when (Asn1Failure.IsMalformedInput(e))
        {
            return false;
        }
    }

    /// <summary>Parses and checks a DER CertReqMsg.</summary>
    /// <exception cref="GmPkiException"><c>csr-malformed</c> (not strict DER, no subject or key in the template, no signature proof of possession), and the PKCS#10 errors of <see cref="CertificationRequestParser.Parse"/> for the algorithm, key, signature, subject and subjectAltName.</exception>
    public static CertificationRequest Parse(byte[] der)
    {
        CertReqMsg message;
        try
        {
            var sequence = Asn1Sequence.GetInstance(Asn1Object.FromByteArray(der));
            if (!sequence.GetDerEncoded().AsSpan().SequenceEqual(der))
            {
                throw Errors.CsrMalformed.With("the CertReqMsg is not DER-encoded (BER or trailing data).");
            }

            message = CertReqMsg.GetInstance(sequence);
        }
        catch (Exception e) when (Asn1Failure.IsMalformedInput(e))
        {
            throw Errors.CsrMalformed.With("the input is not a CRMF CertReqMsg.");
        }

        var request = message.CertReq;
        var template = request.CertTemplate;
        if (template.Subject is null || template.PublicKey is null)
        {
            throw Errors.CsrMalformed.With("the certificate template must name the subject and the public key (RFC 4211 §5).");
        }

        if (message.Popo is not { Type: ProofOfPossession.TYPE_SIGNING_KEY } popo || PopoSigningKey.GetInstance(popo.Object) is not { PoposkInput: null } signing)
        {
            throw Errors.CsrBadSignature.With("the proof of possession must be a signature over the CertRequest (RFC 4211 §4.1, POPOSigningKey without poposkInput).");
        }

        var algorithm = CertificationRequestParser.CheckSignatureAlgorithm(signing.AlgorithmIdentifier);
        var publicKey = PublicKey.Parse(template.PublicKey.GetDerEncoded());
        var sm2ProofId = CertificationRequestParser.VerifyProofOfPossession(request.GetDerEncoded(), CertificationRequestParser.SignatureOctets(signing.Signature), algorithm, publicKey);
        var san = template.Extensions?.GetExtension(X509Extensions.SubjectAlternativeName);
        var altNames = san is null ? [] : CertificationRequestParser.ParseGeneralNames(san).ToList();
        return new CertificationRequest(CertificationRequestParser.ParseSubject(template.Subject), publicKey, altNames, algorithm.Name, sm2ProofId, RequestedNotAfter(template));
    }

    /// <summary>The notAfter of the template's validity (RFC 4211 §5 OptionalValidity), UTC, or null.</summary>
    /// <exception cref="GmPkiException"><c>csr-malformed</c> when it is not a Time.</exception>
    private static DateTime? RequestedNotAfter(CertTemplate template)
    {
        try
        {
            return (template.Validity?.NotAfter is { } notAfter ? Asn1Times.ToDateTime(notAfter).ToUniversalTime() : (DateTime?)null);
        }
        catch (Exception e) when (Asn1Failure.IsMalformedInput(e) || e is FormatException)
        {
            throw Errors.CsrMalformed.With("the validity of the certificate template is not a pair of Times (RFC 4211 §5).");
        }
    }
}
