using GmPki.Core.Ledger;

namespace GmPki.Storage.Entities;

/// <summary>
/// Row of table <c>audit_events</c>; <see cref="Id"/> is the order of events and the position in
/// the SM3 chain, assigned by the writer from the chain head (<c>docs/audit.md</c>).
/// </summary>
internal sealed class AuditEventEntity
{
    public long Id { get; set; }

    public DateTime OccurredAt { get; set; }

    public required string Action { get; set; }

    public required string Actor { get; set; }

    public string? Role { get; set; }

    public string? Agency { get; set; }

    public string? Target { get; set; }

    public required string Outcome { get; set; }

    public string? Details { get; set; }

    public string? RequestId { get; set; }

    /// <summary>Lowercase hex SM3 hash of the previous event; 64 zeros for the first.</summary>
    public required string PreviousHash { get; set; }

    /// <summary>Lowercase hex SM3 hash of this event's canonical encoding.</summary>
    public required string Hash { get; set; }

    public AuditEvent ToRecord() => new(OccurredAt, Action, Actor, Role, Target, Outcome, Details, RequestId, Agency);

    public ChainedAuditEvent ToChained() => new(Id, ToRecord(), PreviousHash, Hash);
}
