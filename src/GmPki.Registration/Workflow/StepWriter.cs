using System.Text.Json;
using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Core.Registration;
using GmPki.Cryptography.Sm;

namespace GmPki.Registration.Workflow;

/// <summary>
/// The mechanics every step shares: load the application, refuse a step that is not the next one,
/// and record the step with its evidence, the resulting state and the audit event in one write.
/// An agency operator records steps only while delegation is on and their agency is active. A
/// revocation of a dual pair is then reported to the KMC (<see cref="EscrowedKeyState"/>).
/// </summary>
public sealed class StepWriter(IRegistrationLedger ledger, Agencies.AgencyGate agencies, EscrowedKeyState escrowedKeys, TimeProvider clock)
{
    /// <summary>The time source of the workflow.</summary>
    public TimeProvider Clock => clock;

    /// <summary>Loads an application.</summary>
    /// <exception cref="GmPkiException"><c>application-not-found</c>.</exception>
    public async Task<CertificateApplication> LoadAsync(Guid id, CancellationToken cancellationToken)
        => await ledger.FindApplicationAsync(id, cancellationToken) ?? throw Errors.ApplicationNotFound.With($"no application {id}.");

    /// <summary>Refuses <paramref name="step"/> unless it is the next step <paramref name="application"/> needs.</summary>
    /// <exception cref="GmPkiException"><c>workflow-step-out-of-order</c> (HTTP 409).</exception>
    public static void DemandNext(CertificateApplication application, WorkflowStep step)
    {
        ArgumentNullException.ThrowIfNull(application);
        if (application.State is ApplicationState.Completed or ApplicationState.Rejected or ApplicationState.Withdrawn)
        {
            throw Errors.WorkflowStepOutOfOrder.With($"the application is {KebabNames.Of(application.State)}; no step can be recorded.");
        }

        if (!StepTable.For(application.Kind).Contains(step))
        {
            throw Errors.WorkflowStepOutOfOrder.With($"a {KebabNames.Of(application.Kind)} application has no {KebabNames.Of(step)} step.");
        }

        var next = StepTable.Next(application);
        if (next != step)
        {
            throw Errors.WorkflowStepOutOfOrder.With(next is null
                ? $"every step of this application is recorded; {KebabNames.Of(step)} cannot be recorded again."
                : $"{KebabNames.Of(step)} cannot be recorded before {KebabNames.Of(next.Value)}.");
        }
    }

    /// <summary>
    /// Records <paramref name="step"/> and moves the application to the state the step table gives.
    /// </summary>
    /// <exception cref="GmPkiException"><c>evidence-too-large</c>; <c>application-changed</c> when another step was recorded meanwhile.</exception>
    public Task<CertificateApplication> RecordAsync(
        CertificateApplication application,
        WorkflowStep step,
        bool passed,
        RegistrationActor actor,
        string method,
        object details,
        IReadOnlyList<EvidenceInput>? evidence,
        CancellationToken cancellationToken,
        string? resultSerial = null,
        CertificateStatusChange? statusChange = null,
        CertificatePair? pair = null)
        => RecordAllAsync(application, [new PendingStep(step, passed, method, details, evidence, resultSerial, statusChange, pair)], actor, cancellationToken);

    /// <summary>
    /// Records several steps by one actor in order, as one all-or-nothing ledger write, each moving
    /// the application to the state the step table gives (how a protocol enrollment records the
    /// steps its account satisfies at once). The caller has checked their order.
    /// </summary>
    /// <exception cref="GmPkiException"><c>evidence-too-large</c>; <c>application-changed</c> when another step was recorded meanwhile (nothing is written).</exception>
    public async Task<CertificateApplication> RecordAllAsync(CertificateApplication application, IReadOnlyList<PendingStep> pending, RegistrationActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(pending);
        ArgumentNullException.ThrowIfNull(actor);
        await agencies.DemandActiveAsync(actor, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var writes = new List<StepWrite>();
        var result = application;
        foreach (var step in pending)
        {
            var files = (step.Evidence ?? []).Select(e => ToFile(e, application.Id)).ToList();
            var detailsJson = JsonSerializer.Serialize(step.Details);
            var state = StepTable.StateAfter(application.Kind, step.Step, step.Passed);
            var record = new StepRecord(step.Step, step.Passed, now, actor.Name, actor.Audit.Role, actor.Agency, step.Method, detailsJson, [.. files.Select(f => f.Summary)]);
            var audit = actor.Event(now, "application.step-recorded", "application:" + application.Id.ToString("D"), step.Passed ? "success" : "rejected", new
            {
                step = KebabNames.Of(step.Step),
                passed = step.Passed,
                method = step.Method,
                before = KebabNames.Of(result.State),
                after = KebabNames.Of(state),
                details = JsonDocument.Parse(detailsJson).RootElement,
                evidence = files.Select(f => new { f.Summary.Name, f.Summary.Sm3, f.Summary.Length }),
                resultSerial = step.ResultSerial,
            });
            writes.Add(new StepWrite(record, files, state, step.ResultSerial, step.StatusChange, audit, step.Pair));
            result = result with
            {
                State = state,
                Version = result.Version + 1,
                ResultSerial = step.ResultSerial ?? result.ResultSerial,
                UpdatedAt = now,
                Steps = [.. result.Steps, record],
            };
        }

        if (!await ledger.RecordStepsAsync(application.Id, application.Version, writes, cancellationToken))
        {
            throw Errors.ApplicationChanged.With("another step of this application was recorded at the same time, or the certificate's status changed; reload and retry.");
        }

        await escrowedKeys.RevokedAsync(application.Id, pending.Select(p => p.StatusChange), actor.Audit, cancellationToken);
        return result;
    }

    /// <summary>Withdraws the application (state Withdrawn), recording the reason in the audit event.</summary>
    /// <exception cref="GmPkiException"><c>application-changed</c> when a step was recorded meanwhile.</exception>
    public async Task<CertificateApplication> WithdrawAsync(CertificateApplication application, string reason, RegistrationActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(actor);
        var now = clock.GetUtcNow().UtcDateTime;
        var audit = actor.Event(now, "application.withdrawn", "application:" + application.Id.ToString("D"), "success", new { before = KebabNames.Of(application.State), reason });
        if (!await ledger.SetStateAsync(application.Id, application.Version, ApplicationState.Withdrawn, audit, cancellationToken))
        {
            throw Errors.ApplicationChanged.With("a step of this application was recorded at the same time; reload and retry.");
        }

        return application with { State = ApplicationState.Withdrawn, Version = application.Version + 1, UpdatedAt = now };
    }

    private static EvidenceFile ToFile(EvidenceInput input, Guid applicationId)
    {
        input.Demand();
        return new EvidenceFile(new EvidenceSummary(Guid.NewGuid(), input.Name, input.MediaType, input.Content.Length, Sm3.HashHex(input.Content)), input.Content, applicationId);
    }
}
