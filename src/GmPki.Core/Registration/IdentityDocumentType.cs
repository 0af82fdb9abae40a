namespace GmPki.Core.Registration;

/// <summary>The document a subscriber's identity number comes from.</summary>
public enum IdentityDocumentType
{
    /// <summary>Resident identity card (居民身份证), 18 characters with a GB 11643 check character.</summary>
    ResidentIdentityCard,

    /// <summary>Passport (护照).</summary>
    Passport,

    /// <summary>Military officer's card (军官证).</summary>
    MilitaryOfficerCard,

    /// <summary>Unified social credit code (统一社会信用代码), 18 characters with a GB 32100 check character.</summary>
    UnifiedSocialCreditCode,

    /// <summary>Another document, described in the verification record.</summary>
    Other,
}
