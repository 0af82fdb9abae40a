using System.Security.Cryptography;
using System.Text;
using GmPki.Core.Errors;
using GmPki.Core.Issuance;
using GmPki.Core.Ledger;
using GmPki.Core.Profiles;
using GmPki.Core.Registration;
using GmPki.Core.Security;
using GmPki.Cryptography.Sm;

namespace GmPki.Registration.Workflow;

/// <summary>
/// Opens, reads and withdraws applications. Opening checks at once what can be checked: the
/// subscriber exists, a CSR passes the CA's checks for the profile, the certificate acted on
/// exists, belongs to the subscriber and is in a status the operation applies to.
/// </summary>
public sealed class ApplicationDesk(
    IRegistrationLedger ledger,
    ICertificateAuthority authority,
    ICertificateDirectory certificates,
    IReadOnlyDictionary<string, CertificateProfile> profiles,
    Agencies.AgencyGate agencies,
    StepWriter steps)
{
    /// <summary>Prefix of applicant access tokens: <c>gmpkiapp_{application id, 32 hex}_{43 base64url characters}</c>.</summary>
    public const string TokenPrefix = "gmpkiapp_";

    private static readonly OperatorRole[] Desk = [OperatorRole.Registrar, OperatorRole.AgencyOperator];

    /// <summary>The SM3 hash under which an access token is stored.</summary>
    public static string HashToken(string token) => Sm3.HashHex(Encoding.UTF8.GetBytes(token));

    /// <summary>The application an access token names, or null when it is not shaped like one.</summary>
    public static Guid? ApplicationOf(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return token.StartsWith(TokenPrefix, StringComparison.Ordinal) && token.Length > TokenPrefix.Length + 33 && token[TokenPrefix.Length + 32] == '_'
            && Guid.TryParseExact(token.AsSpan(TokenPrefix.Length, 32), "N", out var id)
            ? id
            : null;
    }

    /// <summary>Opens an application.</summary>
    /// <param name="input">What is asked for.</param>
    /// <param name="actor">A registrar or agency operator, or the applicant online (then <paramref name="selfService"/>).</param>
    /// <param name="selfService">True when the applicant opens it online.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <exception cref="GmPkiException"><c>subscriber-not-found</c>, <c>request-invalid</c>, <c>profile-unknown</c>, any <c>csr-*</c> error, <c>certificate-not-found</c>, <c>forbidden</c>, <c>agency-scope-violated</c>.</exception>
    public async Task<OpenedApplication> OpenAsync(ApplicationInput input, RegistrationActor actor, bool selfService, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        if (!selfService && !actor.HasRole(Desk))
        {
            throw Errors.Forbidden.With("only registrars and agency operators open applications for others.");
        }

        if (StepTable.OpenedWithGrounds(input.Kind) && (selfService || !actor.HasRole(Desk)))
        {
            throw Errors.Forbidden.With($"a {KebabNames.Of(input.Kind)} application is opened at the desk.");
        }

        var subscriber = await ledger.FindSubscriberAsync(input.SubscriberId, cancellationToken)
            ?? throw Errors.SubscriberNotFound.With($"no subscriber {input.SubscriberId}.");
        if (actor.Role == OperatorRole.AgencyOperator && subscriber.Agency != actor.Agency)
        {
            throw Errors.Forbidden.With($"agency '{actor.Agency}' may act only for subscribers it registered.");
        }

        var target = StepTable.NeedsTarget(input.Kind) ? await TargetAsync(input, cancellationToken) : null;
        var pair = target is null ? null : await ledger.FindPairAsync(target.SerialHex, cancellationToken);
        if (StepTable.RecoversKey(input.Kind) && pair is null)
        {
            throw Errors.RequestInvalid.With($"certificate {target!.SerialHex} is not part of a dual pair: only encryption keys the key management centre escrowed can be recovered.");
        }

        if (pair is not null && pair.EncryptionSerial == target!.SerialHex && StepTable.Issues(input.Kind))
        {
            throw Errors.RequestInvalid.With($"certificate {target.SerialHex} is the encryption certificate of a pair; apply on its signing certificate {pair.SigningSerial}, which acts on both.");
        }

        var profile = await CheckRequestAsync(input.Kind, input.Profile ?? target?.Reservation.Profile, input.CertificationRequest, cancellationToken);
        await agencies.DemandApplicationAsync(actor, profile.Name, subscriber, cancellationToken);
        var dual = Dual(input, pair, profile);
        var request = input.CertificationRequest;
        var reason = ReasonOf(input);
        var applicationId = Guid.NewGuid();
        var token = $"{TokenPrefix}{applicationId:N}_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = steps.Clock.GetUtcNow().UtcDateTime;
        var twoPersonRule = profile.TwoPersonRule || StepTable.OpenedWithGrounds(input.Kind);
        var application = new CertificateApplication(applicationId, input.Kind, ApplicationState.Open, 0, subscriber.Id, profile.Name,
            target?.SerialHex, request, twoPersonRule, reason, null, actor.Name, actor.Agency, now, now, [], dual);
        var audit = actor.Event(now, "application.opened", "application:" + application.Id.ToString("D"), "success", new
        {
            kind = KebabNames.Of(input.Kind),
            subscriber = subscriber.Id,
            profile = profile.Name,
            targetSerial = target?.SerialHex,
            reason,
            twoPersonRule,
            selfService,
            dual,
        });
        await ledger.AddApplicationAsync(application, HashToken(token), audit, cancellationToken);
        return new OpenedApplication(application, token);
    }

    /// <summary>
    /// Whether the application yields a dual pair (双证书, GM/T 0034): asked for under a profile that
    /// names an <c>EncryptionProfile</c>, or implied when the certificate renewed, changed or
    /// extended is the signing certificate of a pair (<paramref name="pair"/>, which then acts on both).
    /// </summary>
    /// <exception cref="GmPkiException"><c>request-invalid</c>: dual for a kind that issues nothing or for a single certificate's extension, or a profile without an encryption profile.</exception>
    private static bool Dual(ApplicationInput input, CertificatePair? pair, CertificateProfile profile)
    {
        if (!StepTable.Issues(input.Kind))
        {
            return input.Dual ? throw Errors.RequestInvalid.With($"a {KebabNames.Of(input.Kind)} application issues nothing, so it cannot be dual; it acts on both certificates of a pair by itself.") : false;
        }

        if (input.Dual && input.Kind == ApplicationKind.Extend && pair is null)
        {
            throw Errors.RequestInvalid.With("an extension keeps the certificate's key, so a single certificate cannot be extended into a pair; apply for a new dual pair.");
        }

        var dual = input.Dual || pair is not null;
        return dual && profile.EncryptionProfile is null
            ? throw Errors.RequestInvalid.With($"profile '{profile.Name}' names no EncryptionProfile, so it issues single certificates, not dual pairs.")
            : dual;
    }

    /// <summary>
    /// Checks what an application for a new applicant carries before anything is recorded for them:
    /// the kind applies to a first application, the profile exists (and lies within an agency
    /// operator's scope), and the CSR passes the CA's checks.
    /// </summary>
    /// <param name="kind">What is asked for.</param>
    /// <param name="profileName">The profile named.</param>
    /// <param name="request">The PKCS#10 request (DER or PEM), when the kind takes one.</param>
    /// <param name="dual">Whether a dual pair is asked for.</param>
    /// <param name="actor">Who opens it.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The profile.</returns>
    /// <exception cref="GmPkiException"><c>request-invalid</c> (also for a dual pair the profile cannot give), <c>profile-unknown</c>, any <c>csr-*</c> error, <c>agency-scope-violated</c>.</exception>
    public async Task<CertificateProfile> CheckFirstApplicationAsync(ApplicationKind kind, string? profileName, byte[]? request, bool dual, RegistrationActor actor, CancellationToken cancellationToken)
    {
        if (StepTable.NeedsTarget(kind))
        {
            throw Errors.RequestInvalid.With($"a {KebabNames.Of(kind)} application acts on a certificate, so it names the registered subscriber it belongs to.");
        }

        var profile = await CheckRequestAsync(kind, profileName, request, cancellationToken);
        await agencies.DemandProfileAsync(actor, profile.Name, cancellationToken);
        Dual(new ApplicationInput(kind, Guid.Empty, profile.Name, request, null, null, dual), null, profile);
        return profile;
    }

    /// <summary>Reads an application.</summary>
    /// <exception cref="GmPkiException"><c>application-not-found</c>; <c>forbidden</c> for another applicant or agency.</exception>
    public async Task<CertificateApplication> ReadAsync(Guid id, RegistrationActor actor, CancellationToken cancellationToken)
    {
        var application = await steps.LoadAsync(id, cancellationToken);
        StepPermissions.DemandAgency(actor, application);
        return application;
    }

    /// <summary>Withdraws an application that is not yet approved.</summary>
    /// <exception cref="GmPkiException"><c>workflow-step-out-of-order</c> once approved or final; <c>forbidden</c>.</exception>
    public async Task<CertificateApplication> WithdrawAsync(Guid id, string reason, RegistrationActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var application = await steps.LoadAsync(id, cancellationToken);
        StepPermissions.DemandAgency(actor, application);
        if (!actor.IsApplicantOf(id) && !actor.HasRole(Desk))
        {
            throw Errors.Forbidden.With("only the applicant, a registrar or an agency operator withdraws an application.");
        }

        if (application.State is not (ApplicationState.Open or ApplicationState.AwaitingApproval))
        {
            throw Errors.WorkflowStepOutOfOrder.With($"a {KebabNames.Of(application.State)} application cannot be withdrawn.");
        }

        return await steps.WithdrawAsync(application, reason, actor, cancellationToken);
    }

    private async Task<CertificateProfile> CheckRequestAsync(ApplicationKind kind, string? profileName, byte[]? request, CancellationToken cancellationToken)
    {
        var profile = profiles.GetValueOrDefault(profileName ?? throw Errors.RequestInvalid.With("a profile is needed."))
            ?? throw Errors.ProfileUnknown.With($"'{profileName}'.");
        if (StepTable.NeedsRequest(kind))
        {
            await authority.PreviewAsync(new IssuanceRequest(profile.Name,
                request ?? throw Errors.RequestInvalid.With($"a {KebabNames.Of(kind)} application needs a certification request.")), cancellationToken);
        }
        else if (request is not null)
        {
            throw Errors.RequestInvalid.With($"a {KebabNames.Of(kind)} application takes no certification request.");
        }

        return profile;
    }

    private async Task<CertificateRecord> TargetAsync(ApplicationInput input, CancellationToken cancellationToken)
    {
        var serial = (input.TargetSerial is { } typed ? SerialText.Normalize(typed) : null)
            ?? throw Errors.RequestInvalid.With($"a {KebabNames.Of(input.Kind)} application names the certificate it acts on.");
        var target = await certificates.FindAsync(serial, cancellationToken);
        if (target is not { State: CertificateState.Issued })
        {
            throw Errors.CertificateNotFound.With($"no issued certificate {serial}.");
        }

        if (await ledger.FindSubscriberOfCertificateAsync(serial, cancellationToken) != input.SubscriberId)
        {
            throw Errors.RequestInvalid.With($"certificate {serial} was not issued to this subscriber.");
        }

        var allowed = input.Kind switch
        {
            ApplicationKind.Resume => target.Status == CertificateStatus.Suspended,
            ApplicationKind.Suspend or ApplicationKind.PinUnlock => target.Status == CertificateStatus.Good,
            ApplicationKind.KeyRecovery or ApplicationKind.JudicialKeyRecovery => true, // escrowed keys of revoked certificates stay recoverable (GM/T 0034 historical key store)
            _ => target.Status != CertificateStatus.Revoked,
        };
        return allowed ? target : throw Errors.RequestInvalid.With($"certificate {serial} is {KebabNames.Of(target.Status)}; a {KebabNames.Of(input.Kind)} application does not apply.");
    }

    private static string? ReasonOf(ApplicationInput input) => input.Kind switch
    {
        ApplicationKind.Revoke or ApplicationKind.AuthorityRevoke => RevocationReasons.Allows(input.Reason ?? "unspecified")
            ? input.Reason ?? "unspecified"
            : throw Errors.RequestInvalid.With($"revocation reason '{input.Reason}' is not one of {string.Join(", ", RevocationReasons.ByCode.Values)}."),
        ApplicationKind.Suspend => "certificateHold",
        _ => input.Reason is null ? null : throw Errors.RequestInvalid.With($"a {KebabNames.Of(input.Kind)} application takes no reason."),
    };
}
