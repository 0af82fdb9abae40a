using GmPki.Core.Ledger;
using GmPki.Core.Status;
using GmPki.Status.Crl;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Asn1.X509;

namespace GmPki.Status.Ocsp;

/// <summary>
/// Encodes OCSP responses (RFC 6960 §4.2.1) with BouncyCastle's ASN.1 types: a BasicOCSPResponse
/// signed by the CA's delegated responder, its ResponderID byKey, its certificate included, one
/// SingleResponse per CertID (echoed as received) and the request's nonce if any; or an
/// unsuccessful response status with no body.
/// </summary>
internal static class OcspResponseWriter
{
    private static readonly Dictionary<int, byte[]> Unsuccessful = new[]
    {
        OcspResponseStatus.MalformedRequest, OcspResponseStatus.InternalError, OcspResponseStatus.TryLater, OcspResponseStatus.Unauthorized,
    }.ToDictionary(s => s, s => new OcspResponse(new OcspResponseStatus(s), null).GetDerEncoded());

    /// <summary>An unsuccessful OCSPResponse: malformedRequest (1), internalError (2), tryLater (3) or unauthorized (6).</summary>
    public static byte[] Error(int responseStatus) => Unsuccessful[responseStatus];

    /// <summary>Signs a successful response.</summary>
    /// <param name="authority">The CA whose responder signs.</param>
    /// <param name="answers">Each CertID with the ledger's entry for it, null when the CA never issued that serial (status unknown).</param>
    /// <param name="thisUpdate">UTC producedAt and thisUpdate (whole seconds).</param>
    /// <param name="validity">nextUpdate − thisUpdate.</param>
    /// <param name="nonce">The request's nonce, echoed (RFC 6960 §4.4.1), or null.</param>
    /// <returns>The DER OCSPResponse.</returns>
    public static byte[] Sign(StatusAuthority authority, IReadOnlyList<(CertID Id, StatusEntry? Entry)> answers, DateTime thisUpdate, TimeSpan validity, byte[]? nonce)
    {
        var now = new DerGeneralizedTime(thisUpdate);
        var next = new DerGeneralizedTime(thisUpdate + validity);
        var responses = new Asn1EncodableVector();
        foreach (var (id, entry) in answers)
        {
            responses.Add(new SingleResponse(id, Status(entry), now, next, (X509Extensions?)null));
        }

        var extensions = nonce is null ? null : new X509Extensions(new Dictionary<DerObjectIdentifier, X509Extension>
        {
            [OcspObjectIdentifiers.PkixOcspNonce] = new(false, new DerOctetString(new DerOctetString(nonce))),
        });
        var data = new ResponseData(ResponderId(authority), now, new DerSequence(responses), extensions);
        var algorithm = AlgorithmIdentifier.GetInstance(authority.ResponderKey.SignatureAlgorithm.ToArray());
        var signature = authority.ResponderKey.Sign(data.GetDerEncoded());
        var basic = new BasicOcspResponse(data, algorithm, new DerBitString(signature), new DerSequence(Asn1Object.FromByteArray(authority.ResponderCertificate)));
        return new OcspResponse(new OcspResponseStatus(OcspResponseStatus.Successful),
            new ResponseBytes(OcspObjectIdentifiers.PkixOcspBasic, new DerOctetString(basic))).GetDerEncoded();
    }

    private static ResponderID ResponderId(StatusAuthority authority)
    {
        var info = SubjectPublicKeyInfo.GetInstance(authority.ResponderKey.SubjectPublicKeyInfo.ToArray());
        return new ResponderID(new DerOctetString(CertIdHashes.Digest(CertIdHash.Sha1, info.PublicKeyData.GetBytes())));
    }

    private static CertStatus Status(StatusEntry? entry) => entry switch
    {
        null => new CertStatus(2, DerNull.Instance),
        { Status: CertificateStatus.Good } => new CertStatus(),
        _ => new CertStatus(new RevokedInfo(new DerGeneralizedTime(entry.ChangedAt ?? DateTime.UnixEpoch), Reason(entry))),
    };

    private static CrlReason? Reason(StatusEntry entry)
    {
        var code = CrlReasons.Of(entry.Status, entry.Reason);
        return code == CrlReason.Unspecified ? null : new CrlReason(code);
    }
}
