using GmPki.Core.Errors;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cmp;

namespace GmPki.Enrollment.Cmp;

/// <summary>
/// A refusal as a CMP error message (RFC 4210 §5.3.21): <c>PKIStatusInfo</c> with status
/// <c>rejection</c>, the reason as <c>statusString</c> (<c>{title} [{code}]: {detail}</c>, as EST
/// words it) and the <c>failInfo</c> bit for the GmPki error.
/// </summary>
internal static class CmpErrors
{
    /// <summary>The error body for <paramref name="error"/>; <paramref name="unparsed"/> when the request was not a PKIMessage (<c>badDataFormat</c>).</summary>
    public static PkiBody Body(GmPkiException error, bool unparsed)
    {
        ArgumentNullException.ThrowIfNull(error);
        var failure = unparsed ? PkiFailureInfo.BadDataFormat : FailureOf(error.Error);
        return new PkiBody(PkiBody.TYPE_ERROR, new ErrorMsgContent(new PkiStatusInfo((int)PkiStatus.Rejection,
            new PkiFreeText(new DerUtf8String($"{error.Error.Title} [{error.Error.Code}]: {error.Detail}")), new PkiFailureInfo(failure))));
    }

    /// <summary>The failInfo bit (RFC 4210 §5.2.3) for a GmPki error.</summary>
    private static int FailureOf(GmPkiError error) => error.Code switch
    {
        "csr-bad-signature" => PkiFailureInfo.BadPop,
        "csr-signature-algorithm-rejected" or "csr-weak-key" or "csr-unsupported-key" => PkiFailureInfo.BadAlg,
        "certificate-not-found" or "cmp-old-cert-id-mismatch" => PkiFailureInfo.BadCertId,
        "cmp-sender-nonce-invalid" => PkiFailureInfo.BadSenderNonce,
        "cmp-recipient-nonce-invalid" => PkiFailureInfo.BadRecipientNonce,
        "cmp-transaction-id-in-use" => PkiFailureInfo.TransactionIdInUse,
        _ when error.Code.StartsWith("csr-", StringComparison.Ordinal) => PkiFailureInfo.BadCertTemplate,
        "profile-key-algorithm-not-allowed" or "identity-extension-rejected" or "pre-issuance-check-failed" => PkiFailureInfo.BadCertTemplate,
        _ => error.Kind switch
        {
            ErrorKind.Unauthenticated => PkiFailureInfo.BadMessageCheck,
            ErrorKind.Forbidden => PkiFailureInfo.NotAuthorized,
            ErrorKind.Unavailable => PkiFailureInfo.SystemUnavail,
            ErrorKind.Internal => PkiFailureInfo.SystemFailure,
            _ => PkiFailureInfo.BadRequest,
        },
    };
}
