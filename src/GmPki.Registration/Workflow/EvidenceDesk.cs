using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Core.Registration;

namespace GmPki.Registration.Workflow;

/// <summary>
/// Hands out evidence files (scans of identity documents and signed forms: personal data) to the
/// operators who need them, each read audited (<c>evidence.read</c>); an agency operator reads
/// only evidence of its own agency's applications.
/// </summary>
public sealed class EvidenceDesk(IRegistrationLedger ledger, IAuditLog audit, TimeProvider clock)
{
    /// <summary>The evidence file <paramref name="id"/> with its decrypted content; its name and media type as <see cref="EvidenceNames.Deliverable"/> gives them (safe as HTTP headers).</summary>
    /// <exception cref="GmPkiException"><c>evidence-not-found</c>; <c>forbidden</c> for another agency's evidence.</exception>
    public async Task<EvidenceFile> ReadAsync(Guid id, RegistrationActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var file = await ledger.FindEvidenceAsync(id, cancellationToken) ?? throw Errors.EvidenceNotFound.With($"no evidence file {id}.");
        if (actor.Agency is not null)
        {
            var application = await ledger.FindApplicationAsync(file.ApplicationId, cancellationToken) ?? throw Errors.EvidenceNotFound.With($"no evidence file {id}.");
            StepPermissions.DemandAgency(actor, application);
        }

        await audit.AppendAsync(actor.Event(clock.GetUtcNow().UtcDateTime, "evidence.read", "evidence:" + id.ToString("D"), "success",
            new { file.Summary.Name, file.Summary.Sm3, application = file.ApplicationId }), cancellationToken);
        return file with { Summary = EvidenceNames.Deliverable(file.Summary) };
    }
}
