using GmPki.Core.Errors;
using GmPki.Core.Registration;
using GmPki.Core.Security;
using GmPki.Registration.Workflow;

namespace GmPki.Registration.Agencies;

/// <summary>
/// Keeps agency operators inside their delegation (M24 §25, D §22): delegation must be switched
/// on, their agency must exist and not be suspended, and what they register must lie within the
/// agency's scope. Callers other than agency operators pass unchecked.
/// </summary>
public sealed class AgencyGate(IAgencyStore store, DelegationPolicy policy)
{
    /// <summary>Refuses an agency operator unless delegation is on and their agency is active; returns the agency (null for other callers).</summary>
    /// <exception cref="GmPkiException"><c>agency-scope-violated</c> (HTTP 403).</exception>
    public async Task<Agency?> DemandActiveAsync(RegistrationActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.Role != OperatorRole.AgencyOperator)
        {
            return null;
        }

        if (!policy.Enabled)
        {
            throw Errors.AgencyScopeViolated.With("delegated registration is switched off in this deployment (D §22); agency operators cannot act.");
        }

        var agency = actor.Agency is null ? null : await store.FindAsync(actor.Agency, cancellationToken);
        if (agency is null)
        {
            throw Errors.AgencyScopeViolated.With($"the operator's agency '{actor.Agency}' is not registered.");
        }

        return agency.Suspended
            ? throw Errors.AgencyScopeViolated.With($"agency '{agency.Code}' is suspended; its operators cannot act.")
            : agency;
    }

    /// <summary>Refuses an agency operator registering a subscriber of a type or region outside the agency's scope.</summary>
    /// <exception cref="GmPkiException"><c>agency-scope-violated</c>.</exception>
    public async Task DemandSubscriberAsync(RegistrationActor actor, SubscriberType type, string region, CancellationToken cancellationToken)
    {
        if (await DemandActiveAsync(actor, cancellationToken) is { } agency)
        {
            DemandSubscriber(agency, type, region);
        }
    }

    /// <summary>Refuses an agency operator opening an application for a profile, or for a subscriber, outside the agency's scope.</summary>
    /// <exception cref="GmPkiException"><c>agency-scope-violated</c>.</exception>
    public async Task DemandApplicationAsync(RegistrationActor actor, string profile, Subscriber subscriber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        if (await DemandActiveAsync(actor, cancellationToken) is { } agency)
        {
            DemandProfile(agency, profile);
            DemandSubscriber(agency, subscriber.Type, subscriber.Region);
        }
    }

    /// <summary>Refuses an agency operator naming a profile outside the agency's scope.</summary>
    /// <exception cref="GmPkiException"><c>agency-scope-violated</c>.</exception>
    public async Task DemandProfileAsync(RegistrationActor actor, string profile, CancellationToken cancellationToken)
    {
        if (await DemandActiveAsync(actor, cancellationToken) is { } agency)
        {
            DemandProfile(agency, profile);
        }
    }

    private static void DemandProfile(Agency agency, string profile)
    {
        if (!agency.Scope.Profiles.Contains(profile))
        {
            throw Errors.AgencyScopeViolated.With($"agency '{agency.Code}' may not take applications for profile '{profile}' (scope: {string.Join(", ", agency.Scope.Profiles)}).");
        }
    }

    private static void DemandSubscriber(Agency agency, SubscriberType type, string region)
    {
        if (!agency.Scope.SubscriberTypes.Contains(type))
        {
            throw Errors.AgencyScopeViolated.With($"agency '{agency.Code}' may not register {KebabNames.Of(type)} subscribers (scope: {string.Join(", ", agency.Scope.SubscriberTypes.Select(KebabNames.Of))}).");
        }

        if (!agency.Scope.Covers(region))
        {
            throw Errors.AgencyScopeViolated.With($"region {region} is outside agency '{agency.Code}''s regions ({string.Join(", ", agency.Scope.Regions)}).");
        }
    }
}
