namespace GmPki.Core.Registration;

/// <summary>The enrollment protocols through which machines apply for certificates (docs/protocols.md).</summary>
public enum EnrollmentProtocol
{
    /// <summary>Enrollment over Secure Transport, RFC 7030.</summary>
    Est,

    /// <summary>Certificate Management Protocol, RFC 4210 / RFC 9480.</summary>
    Cmp,

    /// <summary>Automatic Certificate Management Environment, RFC 8555.</summary>
    Acme,
}

/// <summary>
/// A protocol account (协议接入账户): the credential with which a subscriber's machine enrolls
/// through a protocol, bound to one subscriber and one profile, and to the completed application
/// at the desk (its <see cref="BasisApplicationId"/>) whose identity verification, materials review,
/// notices and agreement every protocol enrollment relies on (M24 §21, D §23, §24).
/// </summary>
/// <param name="Protocol">The protocol.</param>
/// <param name="Name">Account name, unique per protocol: 1–64 of <c>a-z 0-9 . _ -</c>.</param>
/// <param name="SubscriberId">The holder every certificate of the account is issued to.</param>
/// <param name="Profile">The only profile the account enrolls for.</param>
/// <param name="BasisApplicationId">A completed issuing application of the same subscriber, done at the desk.</param>
/// <param name="SecretSm3">Lowercase hex SM3 of the account's secret (256 random bits, shown once).</param>
/// <param name="SecretSealed">The secret itself, SM4-GCM under the installation's data key (<see cref="Keys.IPersonalDataProtector"/>, purpose <c>protocol-account:{protocol}/{name}:secret</c>), for the protocols that MAC with it (CMP PBMAC, ACME external account binding); null for accounts created before it was kept.</param>
/// <param name="CreatedBy">Audit name of the registrar who created it.</param>
/// <param name="Agency">The registrar's agency, or null for the CA itself.</param>
/// <param name="CreatedAt">UTC.</param>
/// <param name="Disabled">A disabled account authenticates nothing.</param>
public sealed record ProtocolAccount(
    EnrollmentProtocol Protocol,
    string Name,
    Guid SubscriberId,
    string Profile,
    Guid BasisApplicationId,
    string SecretSm3,
    byte[]? SecretSealed,
    string CreatedBy,
    string? Agency,
    DateTime CreatedAt,
    bool Disabled);
