using GmPki.Cryptography.Asn1;
using GmPki.Cryptography.Hashing;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Tsp;
using Org.BouncyCastle.Math;

namespace GmPki.Timestamping;

/// <summary>A TimeStampReq (RFC 3161 §2.4.1) the TSA accepts.</summary>
/// <param name="Imprint">The messageImprint, echoed into the token.</param>
/// <param name="Digest">The imprint's hash algorithm.</param>
/// <param name="Nonce">The nonce, echoed; null when absent.</param>
/// <param name="CertificateRequested">certReq: include the TSA certificate in the token.</param>
internal sealed record TimestampRequest(MessageImprint Imprint, DigestAlgorithm Digest, DerInteger? Nonce, bool CertificateRequested)
{
    /// <summary>Parses and checks a request against <paramref name="policy"/>.</summary>
    /// <param name="der">The request body: one DER TimeStampReq, nothing after it.</param>
    /// <param name="policy">The TSA's policy.</param>
    /// <returns>The request, or the failure and the reason to refuse it.</returns>
    public static (TimestampRequest? Request, TimestampFailure Failure, string? Reason) Parse(ReadOnlySpan<byte> der, TimestampPolicy policy)
    {
        TimeStampReq? request;
        try
        {
            request = der.IsEmpty ? null : Asn1Object.FromByteArray(der.ToArray()) is Asn1Sequence sequence ? TimeStampReq.GetInstance(sequence) : null;
        }
        catch (Exception e) when (Asn1Failure.IsMalformedInput(e))
        {
            request = null;
        }

        if (request is null)
        {
            return (null, TimestampFailure.BadDataFormat, "the request is not a DER TimeStampReq.");
        }

        if (!request.Version.Value.Equals(BigInteger.One))
        {
            return (null, TimestampFailure.BadRequest, $"version {request.Version.Value} is not 1.");
        }

        var algorithm = request.MessageImprint.HashAlgorithm;
        var digest = DigestAlgorithm.Find(algorithm.Algorithm.Id);
        if (digest is null || algorithm.Parameters is not (null or DerNull))
        {
            return (null, TimestampFailure.BadAlg, $"hash algorithm {algorithm.Algorithm.Id} (with parameters {algorithm.Parameters?.ToString() ?? "absent"}) is not accepted; use SM3, SHA-256, SHA-384, SHA-512 or SHA-1 without parameters.");
        }

        if (request.MessageImprint.GetHashedMessage().Length != digest.Length)
        {
            return (null, TimestampFailure.BadDataFormat, $"the {digest.Name} imprint must be {digest.Length} bytes.");
        }

        if (request.ReqPolicy is { } requested && requested.Id != policy.PolicyOid)
        {
            return (null, TimestampFailure.UnacceptedPolicy, $"policy {requested.Id} is not this TSA's policy {policy.PolicyOid}.");
        }

        if (request.Extensions is not null)
        {
            return (null, TimestampFailure.UnacceptedExtension, "request extensions are not supported.");
        }

        return (new TimestampRequest(request.MessageImprint, digest, request.Nonce, request.CertReq?.IsTrue == true), default, null);
    }
}
