using GmPki.Core.Errors;
using GmPki.Registration.Workflow;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace GmPki.Enrollment.Cmp;

/// <summary>
/// The reason of a CMP revocation request: the <c>reasonCode</c> CRL entry extension in
/// <c>RevDetails.crlEntryDetails</c> (RFC 4210 §5.3.9, RFC 5280 §5.3.1; <c>openssl cmp -revreason</c>)
/// as the registration's reason name (<see cref="RevocationReasons"/>).
/// </summary>
internal static class CmpRevocationReasons
{
    /// <summary>The reason name, or null when none is given.</summary>
    /// <exception cref="GmPkiException"><c>request-invalid</c> for a malformed reasonCode or another reason.</exception>
    public static string? Of(X509Extensions? crlEntryDetails)
    {
        if (crlEntryDetails?.GetExtension(X509Extensions.ReasonCode) is not { } extension)
        {
            return null;
        }

        int code;
        try
        {
            code = DerEnumerated.GetInstance(X509Extension.ConvertValueToObject(extension)).IntValueExact;
        }
        catch (Exception e) when (e is ArgumentException or InvalidCastException)
        {
            throw Errors.RequestInvalid.With("the reasonCode of the revocation request is not an ENUMERATED.");
        }

        return RevocationReasons.ByCode.TryGetValue(code, out var name) ? name
            : throw Errors.RequestInvalid.With($"revocation reason {code} is not one a holder gives; use {RevocationReasons.Listed}.");
    }
}
