using GmPki.Core.Errors;
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

    /// <summary>Refuses a checklist that is missing or lacks an item the subscriber type needs.</summary>
    /// <param name="checklist">Item → complete and correct, as reviewed; null when the request carried none.</param>
    /// <param name="type">The subscriber's type.</param>
    /// <param name="staff">Whether the subscriber is an individual who belongs to an organisation.</param>
    /// <exception cref="GmPkiException"><c>step-invalid</c>.</exception>
    public static void Demand(IReadOnlyDictionary<string, bool>? checklist, SubscriberType type, bool staff)
    {
        var required = For(type, staff);
        var missing = required.Where(item => checklist is null || !checklist.ContainsKey(item)).ToList();
        if (missing.Count > 0)
        {
            throw Errors.StepInvalid.With($"the materials checklist lacks {string.Join(", ", missing)}; a {KebabNames.Of(type)} subscriber needs {string.Join(", ", required)}.");
        }
    }
}
