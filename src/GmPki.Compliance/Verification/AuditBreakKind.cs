namespace GmPki.Compliance.Verification;

/// <summary>Why the audit chain is broken at an event (<c>docs/audit.md</c>, "What verification detects").</summary>
public enum AuditBreakKind
{
    /// <summary>The event's stored hash is not the SM3 of its encoding: the row was edited.</summary>
    HashMismatch,

    /// <summary>The event's previous hash is not the hash of the event before it: a row was deleted, inserted or reordered.</summary>
    PreviousHashMismatch,

    /// <summary>A checkpoint's signature does not verify, or its audit certificate does not chain to the root CA.</summary>
    CheckpointSignatureInvalid,

    /// <summary>A checkpoint names an event or hash the chain does not have: events it covered were edited, deleted or truncated.</summary>
    CheckpointHashNotInChain,

    /// <summary>The chain head row disagrees with the last event: events were deleted from, or added to, the end.</summary>
    HeadMismatch,

    /// <summary>A row cannot be read as an audit event.</summary>
    Unreadable,
}
