using GmPki.Compliance.Verification;
using GmPki.Core.Keys;
using GmPki.Core.Ledger;
using GmPki.Core.Registration;
using GmPki.Registration.Workflow;

namespace GmPki.Cli.Commands;

/// <summary>Ledger times (stored as UTC) marked as UTC, so JSON writes them with <c>Z</c>.</summary>
internal static class JsonTime
{
    public static DateTime Utc(DateTime time) => DateTime.SpecifyKind(time, DateTimeKind.Utc);
}

/// <summary>A certificate as <c>show --json</c> and <c>list --json</c> write it; times are UTC, names kebab-case.</summary>
internal sealed record CertificateJson(
    string Serial, string State, string Status, string Issuer, string Subject, string Profile, string KeyAlgorithm,
    DateTime NotBefore, DateTime NotAfter, int CrlShard, string RequestedBy, DateTime ReservedAt, DateTime? IssuedAt, string? FailureReason)
{
    public static CertificateJson From(CertificateRecord record)
    {
        var r = record.Reservation;
        return new(r.SerialHex, KebabNames.Of(record.State), KebabNames.Of(record.Status), r.IssuerLabel, r.SubjectDn, r.Profile, r.KeyAlgorithm.ToName(),
            JsonTime.Utc(r.NotBefore), JsonTime.Utc(r.NotAfter), r.CrlShard, r.RequestedBy, JsonTime.Utc(r.ReservedAt), record.IssuedAt is { } issued ? JsonTime.Utc(issued) : null, record.FailureReason);
    }
}

/// <summary>One page of <c>list --json</c>.</summary>
internal sealed record CertificatePageJson(int Page, int PageSize, int Total, IReadOnlyList<CertificateJson> Certificates);

/// <summary>An application as <c>application show|list --json</c> write it (steps only for show).</summary>
internal sealed record ApplicationJson(
    Guid Id, string Kind, string State, string Profile, Guid SubscriberId, string? TargetSerial, string? ResultSerial, bool TwoPersonRule,
    string? Agency, DateTime CreatedAt, DateTime UpdatedAt, string? NextStep, IReadOnlyList<StepJson>? Steps)
{
    public static ApplicationJson From(CertificateApplication application, bool withSteps) => new(
        application.Id, KebabNames.Of(application.Kind), KebabNames.Of(application.State), application.Profile, application.SubscriberId,
        application.TargetSerial, application.ResultSerial, application.TwoPersonRule, application.Agency,
        JsonTime.Utc(application.CreatedAt), JsonTime.Utc(application.UpdatedAt),
        NextStepOf(application) is { } next ? KebabNames.Of(next) : null,
        withSteps ? [.. application.Steps.Select(StepJson.From)] : null);

    /// <summary>The next step, unless the application is final.</summary>
    public static WorkflowStep? NextStepOf(CertificateApplication application)
        => application.State is ApplicationState.Rejected or ApplicationState.Withdrawn or ApplicationState.Completed ? null : StepTable.Next(application);
}

/// <summary>A recorded step with its evidence files (name, media type, length, SM3).</summary>
internal sealed record StepJson(string Step, bool Passed, string Method, string Actor, string? Role, string? Agency, DateTime RecordedAt, IReadOnlyList<EvidenceJson> Evidence)
{
    public static StepJson From(StepRecord step) => new(KebabNames.Of(step.Step), step.Passed, step.Method, step.Actor, step.Role, step.Agency, JsonTime.Utc(step.RecordedAt),
        [.. step.Evidence.Select(e => new EvidenceJson(e.Id, e.Name, e.MediaType, e.Length, e.Sm3))]);
}

/// <summary>An evidence file of a step: its id, name, media type, length in bytes and SM3 (hex).</summary>
internal sealed record EvidenceJson(Guid Id, string Name, string MediaType, long Length, string Sm3);

/// <summary><c>application list --json</c>.</summary>
internal sealed record ApplicationPageJson(int Total, IReadOnlyList<ApplicationJson> Applications);

/// <summary>An agency as <c>agency list --json</c> writes it, with its filing state and any warning.</summary>
internal sealed record AgencyJson(string Code, string Name, string Filing, bool Suspended, IReadOnlyList<string> Profiles, IReadOnlyList<string> SubscriberTypes, IReadOnlyList<string> Regions, string? Warning)
{
    public static AgencyJson From(Agency agency, AgencyFiling filing) => new(agency.Code, agency.Name, KebabNames.Of(filing.State), agency.Suspended,
        agency.Scope.Profiles, [.. agency.Scope.SubscriberTypes.Select(t => KebabNames.Of(t))], agency.Scope.Regions, filing.Warning(agency.Code));
}

/// <summary><c>agency list --json</c>.</summary>
internal sealed record AgencyListJson(IReadOnlyList<AgencyJson> Agencies, int Warnings);

/// <summary><c>audit verify --json</c>: intact or the first broken link, and the last checkpoint.</summary>
internal sealed record AuditVerificationJson(bool Intact, long Events, int Checkpoints, long LastEventId, AuditBreakJson? Break, AuditCheckpointJson? LastCheckpoint)
{
    public static AuditVerificationJson From(AuditVerification result) => new(result.IsIntact, result.Events, result.Checkpoints, result.LastEventId,
        result.Break is { } b ? new AuditBreakJson(b.EventId, KebabNames.Of(b.Kind), b.Reason) : null,
        result.LastCheckpoint is { } c ? new AuditCheckpointJson(c.ThroughEventId, c.Hash, JsonTime.Utc(c.CreatedAt)) : null);
}

/// <summary>The first broken link: event, kind (kebab-case <c>AuditBreakKind</c>) and reason.</summary>
internal sealed record AuditBreakJson(long EventId, string Kind, string Reason);

/// <summary>The last verified checkpoint.</summary>
internal sealed record AuditCheckpointJson(long ThroughEventId, string Hash, DateTime CreatedAt);

/// <summary><c>show --json</c>: the certificate and, with <c>--pem</c>, its PEM.</summary>
internal sealed record ShownCertificateJson(CertificateJson Certificate, string? Pem);
