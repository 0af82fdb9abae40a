namespace GmPki.Verification.Signatures;

/// <summary>
/// Verifies CMS SignedData (RFC 5652, PKCS #7) and its GM/T 0010 form (content types
/// <c>1.2.156.10197.6.1.4.2.x</c>), attached or detached: every SignerInfo's signature over the
/// content and signed attributes, signature timestamp tokens (RFC 3161), and with trust anchors
/// each signer's certificate path — at the timestamp's time when a valid one is present.
/// </summary>
public static class CmsVerifier
{
    /// <summary>Verifies <paramref name="signedData"/>.</summary>
    /// <param name="signedData">DER (or BER) ContentInfo.</param>
    /// <param name="detachedContent">The content of a detached signature; null when the content is encapsulated.</param>
    /// <param name="trust">Trust anchors and revocation inputs for certificates.</param>
    /// <param name="clock">Supplies "now" for certificate validation without a timestamp.</param>
    /// <returns>The result; problems with the input are reported in it, never thrown.</returns>
    public static SignatureVerificationResult Verify(byte[] signedData, byte[]? detachedContent, TrustSettings trust, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(signedData);
        ArgumentNullException.ThrowIfNull(trust);
        CmsSignedData cms;
        try
        {
            cms = CmsSignedData.Parse(signedData);
        }
        catch (FormatException e)
        {
            return SignatureVerificationResult.Invalid(SignatureFailure.Malformed, e.Message);
        }

        var detached = cms.Content is null;
        var content = cms.Content ?? detachedContent;
        if (content is null || (detachedContent is not null && !detachedContent.AsSpan().SequenceEqual(content)))
        {
            var reason = content is null ? "the signature is detached and no content was supplied." : "the supplied content differs from the encapsulated content.";
            return new SignatureVerificationResult(false, SignatureFailure.ContentMismatch, reason, cms.ContentType, detached, []);
        }

        if (cms.Signers.Count == 0)
        {
            return new SignatureVerificationResult(false, SignatureFailure.Malformed, "the SignedData has no signers.", cms.ContentType, detached, []);
        }

        var reports = new List<SignerReport>();
        (SignatureFailure Failure, string Reason)? first = null;
        foreach (var signer in cms.Signers)
        {
            var (report, failure) = SignerVerifier.Verify(cms, signer, content, trust, clock, [], withTimestamp: true);
            reports.Add(report);
            if (failure is { } f && first is null)
            {
                first = (f, $"signer {reports.Count} ({report.Subject ?? "unknown"}): {report.Problem}");
            }
        }

        return new SignatureVerificationResult(first is null, first?.Failure, first?.Reason, cms.ContentType, detached, reports);
    }
}
