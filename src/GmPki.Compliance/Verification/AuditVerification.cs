using GmPki.Core.Ledger;

namespace GmPki.Compliance.Verification;

/// <summary>The outcome of verifying the audit chain.</summary>
/// <param name="Events">Events verified (before the break, when there is one).</param>
/// <param name="Checkpoints">Checkpoints verified (before the break, when there is one).</param>
/// <param name="LastCheckpoint">The last checkpoint verified, or null.</param>
/// <param name="LastEventId">Id of the last event verified; 0 when none.</param>
/// <param name="Break">The first broken link, or null when the whole chain holds.</param>
public sealed record AuditVerification(long Events, int Checkpoints, AuditCheckpoint? LastCheckpoint, long LastEventId, AuditChainBreak? Break)
{
    /// <summary>True when no link is broken.</summary>
    public bool IsIntact => Break is null;
}

/// <summary>Progress of a verification.</summary>
/// <param name="Events">Events verified so far.</param>
/// <param name="Expected">Events the chain head announces (the last event id), for a percentage.</param>
public sealed record AuditVerificationProgress(long Events, long Expected);
