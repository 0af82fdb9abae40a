using GmPki.Core.Ledger;

namespace GmPki.Storage.Entities;

/// <summary>Row of table <c>audit_events</c>; the auto-increment <see cref="Id"/> is the order of events.</summary>
internal sealed class AuditEventEntity
{
    public long Id { get; set; }

    public DateTime OccurredAt { get; set; }

    public required string Action { get; set; }

    public required string Actor { get; set; }

    public string? Role { get; set; }

    public string? Target { get; set; }

    public required string Outcome { get; set; }

    public string? Details { get; set; }

    public string? RequestId { get; set; }

    public AuditEvent ToRecord() => new(OccurredAt, Action, Actor, Role, Target, Outcome, Details, RequestId);
}
