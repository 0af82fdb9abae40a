namespace GmPki.Status.Authenticity;

/// <summary>What the authenticity check (D §19(2)) found about a certificate.</summary>
public enum AuthenticityVerdict
{
    /// <summary>A CA of this installation issued exactly these bytes.</summary>
    Genuine,

    /// <summary>The issuer and serial are one this installation issued, the bytes are not: forged or altered.</summary>
    DifferentBytes,

    /// <summary>The issuer is a CA of this installation, which never issued that serial.</summary>
    NotIssued,

    /// <summary>No CA of this installation is the issuer.</summary>
    ForeignIssuer,
}
