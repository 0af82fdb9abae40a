using GmPki.Verification.Certificates;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace GmPki.Verification.Revocation;

/// <summary>One revokedCertificates entry of a CRL (RFC 5280 §5.1.2.6, §5.3).</summary>
/// <param name="Serial">userCertificate.</param>
/// <param name="RevokedAt">revocationDate, UTC.</param>
/// <param name="Reason">CRLReason code (§5.3.1): 0 unspecified, 1 keyCompromise, … 6 certificateHold, 8 removeFromCRL.</param>
/// <param name="Issuer">The issuer of the revoked certificate: the CRL issuer, or the certificateIssuer in force (§5.3.3).</param>
internal sealed record RevokedEntry(BcBigInteger Serial, DateTime RevokedAt, int Reason, DistinguishedName Issuer)
{
    /// <summary>removeFromCRL (§5.3.1): only in delta CRLs, lifts a certificateHold.</summary>
    public const int RemoveFromCrl = 8;

    /// <summary>The reason's name, for reports.</summary>
    public string ReasonName => Reason switch
    {
        1 => "keyCompromise",
        2 => "cACompromise",
        3 => "affiliationChanged",
        4 => "superseded",
        5 => "cessationOfOperation",
        6 => "certificateHold",
        8 => "removeFromCRL",
        9 => "privilegeWithdrawn",
        10 => "aACompromise",
        _ => "unspecified",
    };
}
