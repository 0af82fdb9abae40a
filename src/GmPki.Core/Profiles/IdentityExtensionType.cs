namespace GmPki.Core.Profiles;

/// <summary>
/// The Chinese identity extensions of GM/T 0015-2012 §5.2.2 (personal and organisational
/// identifiers carried in a certificate), arc <c>1.2.156.10260.4.1</c>.
/// </summary>
public enum IdentityExtensionType
{
    /// <summary>IdentifyCode <c>1.2.156.10260.4.1.1</c>: resident ID card, officer or passport number (CHOICE).</summary>
    IdentityCode,

    /// <summary>InsuranceNumber <c>1.2.156.10260.4.1.2</c>: personal social insurance number.</summary>
    InsuranceNumber,

    /// <summary>ICRegistrationNumber <c>1.2.156.10260.4.1.3</c>: business registration number.</summary>
    IcRegistrationNumber,

    /// <summary>OrganizationCode <c>1.2.156.10260.4.1.4</c>: organisation code (now the unified social credit code).</summary>
    OrganizationCode,

    /// <summary>TaxationNumber <c>1.2.156.10260.4.1.5</c>: taxpayer identification number.</summary>
    TaxationNumber,
}
