using System.Text.RegularExpressions;
using GmPki.Core.Errors;
using GmPki.Core.Identity;
using GmPki.Core.Ledger;
using GmPki.Core.Registration;
using GmPki.Core.Security;
using GmPki.Registration.Workflow;

namespace GmPki.Registration.Subscribers;

/// <summary>
/// Registers subscribers and reads them back. Identity numbers are checked against their
/// document's check character (GB 11643, GB 32100); personal data reads are audited
/// (<c>subscriber.read</c>).
/// </summary>
public sealed partial class SubscriberRegistry(IRegistrationLedger ledger, Agencies.AgencyGate agencies, IAuditLog audit, TimeProvider clock)
{
    private static readonly OperatorRole[] Desk = [OperatorRole.Registrar, OperatorRole.AgencyOperator];

    /// <summary>
    /// Registers a subscriber, or recognises one already registered with the same identity
    /// document and number (found through a blind index; the name must match), returning it.
    /// </summary>
    /// <param name="input">The subscriber's data.</param>
    /// <param name="actor">A registrar or agency operator, or an applicant registering themselves online (then <paramref name="selfService"/>).</param>
    /// <param name="selfService">True when the applicant registers themselves with their first application.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <exception cref="GmPkiException"><c>subscriber-invalid</c>, <c>subscriber-not-found</c> (organisation), <c>forbidden</c>, <c>agency-scope-violated</c>.</exception>
    public async Task<Subscriber> RegisterAsync(SubscriberInput input, RegistrationActor actor, bool selfService, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        if (!selfService && !actor.HasRole(Desk))
        {
            throw Errors.Forbidden.With("only registrars and agency operators register subscribers.");
        }

        Validate(input);
        await agencies.DemandSubscriberAsync(actor, input.Type, input.Region, cancellationToken);
        if (input.OrganizationId is { } organizationId)
        {
            var organization = await ledger.FindSubscriberAsync(organizationId, cancellationToken)
                ?? throw Errors.SubscriberNotFound.With($"organisation {organizationId} does not exist.");
            if (organization.Type == SubscriberType.Individual)
            {
                throw Errors.SubscriberInvalid.With("staff must belong to an organisation or government department, not to a person.");
            }
        }

        if (await ledger.FindSubscriberByIdentityAsync(input.IdentityDocument, input.IdentityNumber.Trim().ToUpperInvariant(), cancellationToken) is { } known)
        {
            return await RecognizeAsync(known, input, actor, cancellationToken);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var subscriber = new Subscriber(Guid.NewGuid(), input.Type, input.Name.Trim(), input.IdentityDocument, input.IdentityNumber.Trim().ToUpperInvariant(),
            input.Region, input.OrganizationId, input.Phone, input.Email, input.Address, actor.Name, actor.Agency, now);
        await ledger.AddSubscriberAsync(subscriber, Event(now, "subscriber.registered", actor, subscriber.Id, new
        {
            type = KebabNames.Of(input.Type),
            name = subscriber.Name,
            identityDocument = KebabNames.Of(input.IdentityDocument),
            identityNumber = PersonalData.Mask(subscriber.IdentityNumber),
            region = input.Region,
            organizationId = input.OrganizationId,
        }), cancellationToken);
        return subscriber;
    }

    /// <summary>
    /// The subscriber already registered with the same identity document and number: the same
    /// party applying again. The name must match (else <c>subscriber-invalid</c>); contact data and
    /// organisation are not changed here (that is a change-of-information application).
    /// </summary>
    private async Task<Subscriber> RecognizeAsync(Subscriber known, SubscriberInput input, RegistrationActor actor, CancellationToken cancellationToken)
    {
        if (known.Name != input.Name.Trim() || known.Type != input.Type)
        {
            throw Errors.SubscriberInvalid.With($"this {KebabNames.Of(input.IdentityDocument)} number is registered to another {(known.Type == input.Type ? "name" : "kind of subscriber")}; check the document.");
        }

        await audit.AppendAsync(Event(clock.GetUtcNow().UtcDateTime, "subscriber.recognized", actor, known.Id,
            new { identityNumber = PersonalData.Mask(known.IdentityNumber), registeredBy = known.RegisteredBy }), cancellationToken);
        return known;
    }

    /// <summary>Reads a subscriber with its personal data, auditing the read.</summary>
    /// <exception cref="GmPkiException"><c>subscriber-not-found</c>.</exception>
    public async Task<Subscriber> ReadAsync(Guid id, RegistrationActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var subscriber = await ledger.FindSubscriberAsync(id, cancellationToken) ?? throw Errors.SubscriberNotFound.With($"no subscriber {id}.");
        if (actor.Role == OperatorRole.AgencyOperator && subscriber.Agency != actor.Agency)
        {
            throw Errors.Forbidden.With($"agency '{actor.Agency}' may read only subscribers it registered.");
        }

        await audit.AppendAsync(Event(clock.GetUtcNow().UtcDateTime, "subscriber.read", actor, id, new { fields = "personal-data" }), cancellationToken);
        return subscriber;
    }

    private static void Validate(SubscriberInput input)
    {
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Trim().Length > 128 || input.Name.Any(char.IsControl))
        {
            throw Errors.SubscriberInvalid.With("the name must have 1–128 characters without control characters.");
        }

        var organisation = input.Type != SubscriberType.Individual;
        var number = input.IdentityNumber?.Trim().ToUpperInvariant() ?? string.Empty;
        var valid = input.IdentityDocument switch
        {
            IdentityDocumentType.ResidentIdentityCard => !organisation && ChineseIdentifiers.IsCitizenIdentityNumber(number),
            IdentityDocumentType.UnifiedSocialCreditCode => organisation && ChineseIdentifiers.IsUnifiedSocialCreditCode(number),
            IdentityDocumentType.Passport or IdentityDocumentType.MilitaryOfficerCard => !organisation && PlainNumber().IsMatch(number),
            _ => PlainNumber().IsMatch(number),
        };
        if (!valid)
        {
            throw Errors.SubscriberInvalid.With(
                $"'{PersonalData.Mask(number)}' is not a valid {KebabNames.Of(input.IdentityDocument)} number for a {KebabNames.Of(input.Type)} subscriber.");
        }

        if (!RegionCode().IsMatch(input.Region ?? string.Empty))
        {
            throw Errors.SubscriberInvalid.With("the region must be a six-digit GB/T 2260 administrative division code.");
        }

        if (input.OrganizationId is not null && organisation)
        {
            throw Errors.SubscriberInvalid.With("only individuals (staff) belong to an organisation.");
        }

        if (input.Email is { } email && !EmailPattern().IsMatch(email))
        {
            throw Errors.SubscriberInvalid.With("the e-mail address is not valid.");
        }
    }

    private static AuditEvent Event(DateTime now, string action, RegistrationActor actor, Guid subscriberId, object details)
        => actor.Event(now, action, "subscriber:" + subscriberId.ToString("D"), "success", details);

    [GeneratedRegex("^[A-Z0-9-]{1,64}$")]
    private static partial Regex PlainNumber();

    [GeneratedRegex("^[0-9]{6}$")]
    private static partial Regex RegionCode();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}
