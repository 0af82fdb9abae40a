using GmPki.Core.Registration;

namespace GmPki.Registration.Subscribers;

/// <summary>What registering a subscriber takes (see <see cref="Subscriber"/> for the fields' meaning).</summary>
/// <param name="Type">Kind of subscriber.</param>
/// <param name="Name">Legal name.</param>
/// <param name="IdentityDocument">Document type.</param>
/// <param name="IdentityNumber">Document number.</param>
/// <param name="Region">GB/T 2260 administrative division code, six digits.</param>
/// <param name="OrganizationId">For staff: their organisation or department.</param>
/// <param name="Phone">Telephone, or null.</param>
/// <param name="Email">E-mail, or null.</param>
/// <param name="Address">Postal address, or null.</param>
public sealed record SubscriberInput(
    SubscriberType Type,
    string Name,
    IdentityDocumentType IdentityDocument,
    string IdentityNumber,
    string Region,
    Guid? OrganizationId = null,
    string? Phone = null,
    string? Email = null,
    string? Address = null);
