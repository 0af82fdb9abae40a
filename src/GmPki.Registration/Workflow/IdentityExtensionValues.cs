using GmPki.Core.Profiles;
using GmPki.Core.Registration;

namespace GmPki.Registration.Workflow;

/// <summary>
/// The GM/T 0015 identity extension values a certificate carries, taken from the verified
/// subscriber: identityCode from a person's identity document, organizationCode from an
/// organisation's unified social credit code — only those the profile has.
/// </summary>
public static class IdentityExtensionValues
{
    /// <summary>The values for <paramref name="subscriber"/> under <paramref name="profile"/>.</summary>
    public static IReadOnlyDictionary<IdentityExtensionType, string> For(CertificateProfile profile, Subscriber subscriber)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(subscriber);
        var values = new Dictionary<IdentityExtensionType, string>();
        var identityCode = subscriber.IdentityDocument switch
        {
            IdentityDocumentType.ResidentIdentityCard => subscriber.IdentityNumber,
            IdentityDocumentType.Passport => "passport:" + subscriber.IdentityNumber,
            IdentityDocumentType.MilitaryOfficerCard => "officer:" + subscriber.IdentityNumber,
            _ => null,
        };
        if (identityCode is not null && profile.IdentityExtensions.ContainsKey(IdentityExtensionType.IdentityCode))
        {
            values[IdentityExtensionType.IdentityCode] = identityCode;
        }

        if (subscriber.IdentityDocument == IdentityDocumentType.UnifiedSocialCreditCode && profile.IdentityExtensions.ContainsKey(IdentityExtensionType.OrganizationCode))
        {
            values[IdentityExtensionType.OrganizationCode] = subscriber.IdentityNumber;
        }

        return values;
    }
}
