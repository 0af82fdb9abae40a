using GmPki.Core.Registration;

namespace GmPki.Registration.Workflow;

/// <summary>The application materials a registrar reviews (材料审查), by kind of subscriber.</summary>
public static class MaterialsChecklist
{
    /// <summary>Required checklist items for <paramref name="subscriber"/>.</summary>
    public static IReadOnlyList<string> For(Subscriber subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        return For(subscriber.Type, subscriber.OrganizationId is not null);
    }

    /// <summary>Required checklist items for a subscriber of <paramref name="type"/>; <paramref name="staff"/> for individuals who belong to an organisation.</summary>
    public static IReadOnlyList<string> For(SubscriberType type, bool staff)
        => type switch
        {
            SubscriberType.Individual when staff => ["application-form", "identity-document-copy", "organization-authorization"],
            SubscriberType.Individual => ["application-form", "identity-document-copy"],
            SubscriberType.GovernmentDepartment => ["application-form", "establishment-document", "authorization-letter", "agent-identity-document"],
            _ => ["application-form", "registration-certificate", "authorization-letter", "agent-identity-document"],
        };
}
