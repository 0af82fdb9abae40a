using GmPki.Core.Issuance;
using GmPki.Core.Registration;

namespace GmPki.Registration.Workflow;

/// <summary>
/// R22 item 3: the applicant, the receiver and the subject named in the certificate are the same
/// party. The comparison is exact after trimming (names are legal names).
/// </summary>
public static class SubjectConsistency
{
    /// <summary>Whether <paramref name="preview"/> names <paramref name="subscriber"/>, and why not.</summary>
    /// <param name="subscriber">The applicant.</param>
    /// <param name="organization">For staff, their organisation; otherwise null.</param>
    /// <param name="preview">What the certificate will name.</param>
    public static (bool Consistent, string Finding) Check(Subscriber subscriber, Subscriber? organization, CertificatePreview preview)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(preview);
        var commonName = preview.Attribute("CN")?.Trim();
        var organizationName = preview.Attribute("O")?.Trim();
        var unit = preview.Attribute("OU")?.Trim();
        if (subscriber.Type == SubscriberType.Individual)
        {
            if (commonName != subscriber.Name)
            {
                return (false, $"the certificate's CN '{commonName}' is not the applicant's name '{subscriber.Name}'.");
            }

            if (organization is not null && organizationName != organization.Name && unit != organization.Name)
            {
                return (false, $"the certificate names neither O nor OU '{organization.Name}', the applicant's organisation.");
            }

            return (true, "CN is the applicant's name" + (organization is null ? "." : " and O/OU the organisation's."));
        }

        return organizationName == subscriber.Name || (organizationName is null && commonName == subscriber.Name)
            ? (true, "the certificate names the organisation.")
            : (false, $"the certificate's O '{organizationName}' (CN '{commonName}') is not the organisation's name '{subscriber.Name}'.");
    }
}
