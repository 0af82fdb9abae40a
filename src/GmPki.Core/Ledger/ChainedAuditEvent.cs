namespace GmPki.Core.Ledger;

/// <summary>An audit event as stored: its place in the chain and its chain hashes.</summary>
/// <param name="Id">Position in the chain (the order of events), from 1.</param>
/// <param name="Event">The event.</param>
/// <param name="PreviousHash">Lowercase hex SM3 hash of the previous event (64 zeros for the first), as stored.</param>
/// <param name="Hash">Lowercase hex SM3 hash of this event's canonical encoding, as stored.</param>
public sealed record ChainedAuditEvent(long Id, AuditEvent Event, string PreviousHash, string Hash);
