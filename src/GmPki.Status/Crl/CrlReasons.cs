using GmPki.Core.Ledger;
using Org.BouncyCastle.Asn1.X509;

namespace GmPki.Status.Crl;

/// <summary>Maps the ledger's status and reason names to RFC 5280 §5.3.1 CRLReason codes.</summary>
internal static class CrlReasons
{
    private static readonly Dictionary<string, int> Codes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["unspecified"] = CrlReason.Unspecified,
        ["keyCompromise"] = CrlReason.KeyCompromise,
        ["cACompromise"] = CrlReason.CACompromise,
        ["affiliationChanged"] = CrlReason.AffiliationChanged,
        ["superseded"] = CrlReason.Superseded,
        ["cessationOfOperation"] = CrlReason.CessationOfOperation,
        ["certificateHold"] = CrlReason.CertificateHold,
        ["removeFromCRL"] = CrlReason.RemoveFromCrl,
        ["privilegeWithdrawn"] = CrlReason.PrivilegeWithdrawn,
        ["aACompromise"] = CrlReason.AACompromise,
    };

    /// <summary>
    /// The CRLReason of a certificate that is not good: <c>certificateHold</c> (6) when suspended,
    /// else the recorded reason name (case-insensitive; also kebab-case), <c>unspecified</c> (0)
    /// when none or unknown.
    /// </summary>
    public static int Of(CertificateStatus status, string? reason)
    {
        if (status == CertificateStatus.Suspended)
        {
            return CrlReason.CertificateHold;
        }

        return reason is not null && Codes.TryGetValue(reason.Replace("-", "", StringComparison.Ordinal), out var code) ? code : CrlReason.Unspecified;
    }
}
