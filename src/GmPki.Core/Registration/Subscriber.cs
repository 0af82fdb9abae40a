namespace GmPki.Core.Registration;

/// <summary>
/// A certificate subscriber (证书订户): a person, an organisation or a government department.
/// <see cref="IdentityNumber"/>, <see cref="Phone"/> and <see cref="Address"/> are personal data:
/// encrypted at rest, masked in listings, every read audited.
/// </summary>
/// <param name="Id">Identifier.</param>
/// <param name="Type">Kind of subscriber.</param>
/// <param name="Name">Legal name of the person or organisation, as the certificate must name it.</param>
/// <param name="IdentityDocument">Document type of <paramref name="IdentityNumber"/>.</param>
/// <param name="IdentityNumber">Identity card number or unified social credit code.</param>
/// <param name="Region">Administrative division code (GB/T 2260, six digits) where the subscriber registered, for agency scope.</param>
/// <param name="OrganizationId">For staff: the department or organisation they belong to.</param>
/// <param name="Phone">Contact telephone, or null.</param>
/// <param name="Email">Contact e-mail, or null.</param>
/// <param name="Address">Postal address, or null.</param>
/// <param name="RegisteredBy">Audit name of the operator or applicant who registered the subscriber.</param>
/// <param name="Agency">Delegated registration agency (受委托机构) that registered it, or null for the CA itself.</param>
/// <param name="CreatedAt">UTC creation instant.</param>
public sealed record Subscriber(
    Guid Id,
    SubscriberType Type,
    string Name,
    IdentityDocumentType IdentityDocument,
    string IdentityNumber,
    string Region,
    Guid? OrganizationId,
    string? Phone,
    string? Email,
    string? Address,
    string RegisteredBy,
    string? Agency,
    DateTime CreatedAt);
