using GmPki.Core.Errors;
using GmPki.Core.Registration;

namespace GmPki.Registration.Workflow;

/// <summary>What a holder present at the counter asks for one or several of their certificates.</summary>
/// <param name="Kind">Revoke, suspend or resume.</param>
/// <param name="Scope">The certificates: one serial, every certificate of the subscriber, or every certificate of a compromised key.</param>
/// <param name="Reason">For revoke: an RFC 5280 reason name (<c>keyCompromise</c>, <c>affiliationChanged</c>, …); null for unspecified.</param>
/// <param name="IdentityMethod">How the holder's identity was verified (<c>in-person</c>, <c>id-card-reader</c>, …).</param>
/// <param name="IdentityEvidence">Scans of the identity documents.</param>
/// <param name="Materials">The materials checklist as reviewed; null when the registrar attests the full checklist for the subscriber's type (what the CLI does).</param>
/// <param name="PaperForms">Scans of the signed revocation form, notices and agreement.</param>
/// <param name="WillStatement">The holder's declared will.</param>
/// <param name="NoticeVersion">Version of the notices the holder signed; null for the version in force.</param>
/// <param name="AgreementVersion">Version of the agreement the holder signed; null for the version in force.</param>
public sealed record CounterStatusRequest(
    ApplicationKind Kind,
    CertificateScope Scope,
    string? Reason,
    string IdentityMethod,
    IReadOnlyList<EvidenceInput> IdentityEvidence,
    IReadOnlyDictionary<string, bool>? Materials,
    IReadOnlyList<EvidenceInput> PaperForms,
    string WillStatement,
    int? NoticeVersion = null,
    int? AgreementVersion = null);

/// <summary>
/// A holder's revocation, suspension or resumption at the counter for a scope of certificates
/// (RFC 5280 §5.3.1 reasons; M24 §18(1), D §25): one application per certificate, each through the
/// whole <see cref="CounterFlow"/>, so every certificate has its own recorded steps. Certificates are
/// handled in order; when one fails, those before it stay done and the error names the rest.
/// </summary>
public sealed class CounterStatusChanges(CertificateScopes scopes, CounterFlow counter, IRegistrationLedger ledger)
{
    /// <summary>Runs the counter flow for every certificate of the scope that the operation applies to.</summary>
    /// <returns>The applications, in the order handled: completed, or awaiting a reviewer under the two-person rule.</returns>
    /// <exception cref="GmPkiException"><c>request-invalid</c> for another kind or an empty scope; any error of <see cref="CertificateScopes.ResolveAsync"/> or <see cref="CounterFlow.RunAsync"/>.</exception>
    public async Task<IReadOnlyList<CertificateApplication>> RunAsync(CounterStatusRequest request, RegistrationActor registrar, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Kind is not (ApplicationKind.Revoke or ApplicationKind.Suspend or ApplicationKind.Resume))
        {
            throw Errors.RequestInvalid.With($"a {KebabNames.Of(request.Kind)} application is not a status change.");
        }

        var scoped = await scopes.ResolveAsync(request.Scope, request.Kind, cancellationToken);
        var materials = request.Materials ?? await FullChecklistAsync(scoped.SubscriberId, cancellationToken);
        var done = new List<CertificateApplication>();
        foreach (var serial in scoped.Serials)
        {
            try
            {
                done.Add(await counter.RunAsync(new CounterRequest(null, scoped.SubscriberId, request.Kind, null, null, serial, request.Reason,
                    request.IdentityMethod, request.IdentityEvidence, materials, request.PaperForms, request.WillStatement, request.NoticeVersion, request.AgreementVersion),
                    registrar, cancellationToken));
            }
            catch (GmPkiException e) when (done.Count > 0)
            {
                throw e.Error.With($"{e.Detail} (certificate {serial}; done before it: {string.Join(", ", done.Select(a => a.TargetSerial))}; not attempted: {string.Join(", ", scoped.Serials.Skip(done.Count + 1))}).", e);
            }
        }

        return done;
    }

    private async Task<Dictionary<string, bool>> FullChecklistAsync(Guid subscriberId, CancellationToken cancellationToken)
    {
        var subscriber = await ledger.FindSubscriberAsync(subscriberId, cancellationToken) ?? throw Errors.SubscriberNotFound.With($"no subscriber {subscriberId}.");
        return MaterialsChecklist.For(subscriber).ToDictionary(item => item, _ => true);
    }
}
