using GmPki.Core.Errors;
using GmPki.Core.Registration;

namespace GmPki.Registration.Workflow;

/// <summary>A revocation on the CA's own grounds, as the desk records it.</summary>
/// <param name="Scope">The certificates: one serial, every certificate of a subscriber, or every certificate of a compromised key.</param>
/// <param name="Ground">One of <see cref="AuthorityRevocationDesk.Grounds"/>.</param>
/// <param name="Reason">RFC 5280 reason; the ground's default when null.</param>
/// <param name="Statement">The facts: what was found, by whom, which order.</param>
/// <param name="Evidence">The documents (court order, the finding, correspondence); at least one.</param>
public sealed record AuthorityRevocationRequest(CertificateScope Scope, string Ground, string? Reason, string Statement, IReadOnlyList<EvidenceInput> Evidence);

/// <summary>
/// Revocation by the CA on its own grounds (依职权撤销, D §25 (2)–(5)): a
/// registrar records the ground, the facts and the evidence (step <see cref="WorkflowStep.GroundsReview"/>)
/// in one application per certificate; a reviewer — another person — approves (the two-person rule
/// always applies); the fulfilment revokes. The holder's will is not asked: it is the CA's decision,
/// attributable to the two who made it.
/// </summary>
public sealed class AuthorityRevocationDesk(CertificateScopes scopes, ApplicationDesk applications, StepWriter steps)
{
    /// <summary>The grounds of D §25 (2)–(5), with the article and the RFC 5280 reason they default to.</summary>
    public static readonly IReadOnlyDictionary<string, (string Article, string Reason)> Grounds = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        ["false-information"] = ("D §25(2): 证书持有人提供的信息不真实", "privilegeWithdrawn"),
        ["breach-of-agreement"] = ("D §25(3): 证书持有人没有履行双方服务协议规定的义务", "privilegeWithdrawn"),
        ["security-not-assured"] = ("D §25(4): 证书的安全性不能得到保证", "keyCompromise"),
        ["legal-order"] = ("D §25(5): 法律、行政法规规定的其他情况", "unspecified"),
    };

    /// <summary>Opens the applications and records their grounds; each then awaits a reviewer.</summary>
    /// <returns>The applications, awaiting approval, in the order of the scope.</returns>
    /// <exception cref="GmPkiException"><c>step-invalid</c> (unknown ground, no statement, no evidence); <c>forbidden</c> (not at the desk); any error of <see cref="CertificateScopes.ResolveAsync"/> and of opening.</exception>
    public async Task<IReadOnlyList<CertificateApplication>> OpenAsync(AuthorityRevocationRequest request, RegistrationActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        if (!Grounds.TryGetValue(request.Ground, out var ground))
        {
            throw Errors.StepInvalid.With($"ground '{request.Ground}' is not one of {string.Join(", ", Grounds.Keys)} (D §25).");
        }

        if (string.IsNullOrWhiteSpace(request.Statement) || request.Evidence.Count == 0)
        {
            throw Errors.StepInvalid.With("a revocation on the CA's own grounds states the facts and attaches the evidence.");
        }

        var scoped = await scopes.ResolveAsync(request.Scope, ApplicationKind.Revoke, cancellationToken);
        var opened = new List<CertificateApplication>();
        foreach (var serial in scoped.Serials)
        {
            var application = (await applications.OpenAsync(
                new ApplicationInput(ApplicationKind.AuthorityRevoke, scoped.SubscriberId, null, null, serial, request.Reason ?? ground.Reason), actor, selfService: false, cancellationToken)).Application;
            StepPermissions.Demand(actor, WorkflowStep.GroundsReview, application);
            opened.Add(await steps.RecordAsync(application, WorkflowStep.GroundsReview, true, actor, request.Ground,
                new { ground = request.Ground, article = ground.Article, statement = request.Statement }, request.Evidence, cancellationToken));
        }

        return opened;
    }
}
