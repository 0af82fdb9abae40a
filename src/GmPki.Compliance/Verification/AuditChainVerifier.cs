using GmPki.Compliance.AuditChain;
using GmPki.Core.Ledger;

namespace GmPki.Compliance.Verification;

/// <summary>
/// Verifies the audit chain offline (<c>gmpki audit verify</c>, <c>docs/audit.md</c>): recomputes
/// every event's hash with <see cref="AuditEventEncoding"/>, follows the previous-hash links from
/// 64 zeros, checks every checkpoint's hash against the chain and its SM2 signature and
/// certificate against the installation's CAs, and compares the chain head row with the last
/// event. Stops at the first broken link, in event order. Needs no private key.
/// </summary>
public sealed class AuditChainVerifier
{
    /// <summary>How many events pass between two progress reports.</summary>
    public const int ProgressInterval = 10_000;

    private readonly CheckpointSignerTrust _trust;

    /// <summary>Creates a verifier that trusts checkpoints signed by an audit key certified under <paramref name="authorities"/>.</summary>
    /// <param name="authorities">The installation's CAs (root and issuing).</param>
    /// <param name="pinnedRoot">DER root CA certificate obtained independently of the ledger, or null to take the ledger's root as the trust anchor.</param>
    public AuditChainVerifier(IReadOnlyList<AuthorityRecord> authorities, byte[]? pinnedRoot = null)
    {
        ArgumentNullException.ThrowIfNull(authorities);
        _trust = new CheckpointSignerTrust(authorities, pinnedRoot);
    }

    /// <summary>Verifies the chain in <paramref name="snapshot"/>.</summary>
    /// <param name="snapshot">A consistent read of the chain.</param>
    /// <param name="progress">Told every <see cref="ProgressInterval"/> events, or null.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The counts verified and the first broken link, if any.</returns>
    public async Task<AuditVerification> VerifyAsync(IAuditChainSnapshot snapshot, IProgress<AuditVerificationProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var head = await snapshot.HeadAsync(cancellationToken);
        var run = new Run(_trust, await snapshot.CheckpointsAsync(cancellationToken));
        await using var events = snapshot.EventsAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await events.MoveNextAsync())
                {
                    break;
                }
            }
            catch (InvalidDataException e)
            {
                return run.Broken(run.LastEventId + 1, AuditBreakKind.Unreadable, $"the row after event {run.LastEventId} cannot be read: {e.Message}");
            }

            if (run.Check(events.Current) is { } broken)
            {
                return broken;
            }

            if (run.Events % ProgressInterval == 0)
            {
                progress?.Report(new AuditVerificationProgress(run.Events, head?.LastEventId ?? 0));
            }
        }

        return run.CheckEnd(head);
    }

    /// <summary>The state of one verification, event by event.</summary>
    private sealed class Run(CheckpointSignerTrust trust, IReadOnlyList<AuditCheckpoint> checkpoints)
    {
        private string _expectedPrevious = AuditChainHead.GenesisHash;
        private int _nextCheckpoint;
        private int _checkpointsVerified;
        private AuditCheckpoint? _lastCheckpoint;

        public long Events { get; private set; }

        public long LastEventId { get; private set; }

        public AuditVerification? Check(ChainedAuditEvent e)
        {
            if (e.PreviousHash != _expectedPrevious)
            {
                return Broken(e.Id, AuditBreakKind.PreviousHashMismatch, LastEventId == 0
                    ? $"the first event's previous hash is {e.PreviousHash}, not 64 zeros: earlier events were deleted"
                    : $"its previous hash {e.PreviousHash} is not the hash of event {LastEventId}, {_expectedPrevious}: an event was deleted, inserted or reordered here");
            }

            var computed = AuditEventEncoding.Hash(e.Id, e.Event, e.PreviousHash);
            if (computed != e.Hash)
            {
                return Broken(e.Id, AuditBreakKind.HashMismatch, $"its stored hash {e.Hash} is not the SM3 of its content, {computed}: the event was edited");
            }

            if (_nextCheckpoint < checkpoints.Count && checkpoints[_nextCheckpoint] is { } skipped && skipped.ThroughEventId < e.Id)
            {
                return Broken(skipped.ThroughEventId, AuditBreakKind.CheckpointHashNotInChain,
                    $"a checkpoint signed {skipped.CreatedAt:u} names event {skipped.ThroughEventId}, which is not in the chain");
            }

            for (; _nextCheckpoint < checkpoints.Count && checkpoints[_nextCheckpoint].ThroughEventId == e.Id; _nextCheckpoint++)
            {
                var checkpoint = checkpoints[_nextCheckpoint];
                if (checkpoint.Hash != e.Hash)
                {
                    return Broken(e.Id, AuditBreakKind.CheckpointHashNotInChain,
                        $"the checkpoint signed {checkpoint.CreatedAt:u} through this event names hash {checkpoint.Hash}, but the chain has {e.Hash}: events up to here were rewritten, or the checkpoint was altered");
                }

                if (trust.ProblemWith(checkpoint) is { } problem)
                {
                    return Broken(e.Id, AuditBreakKind.CheckpointSignatureInvalid, $"the checkpoint through this event is not validly signed: {problem}");
                }

                _checkpointsVerified++;
                _lastCheckpoint = checkpoint;
            }

            _expectedPrevious = e.Hash;
            LastEventId = e.Id;
            Events++;
            return null;
        }

        public AuditVerification CheckEnd(AuditChainHead? head)
        {
            if (_nextCheckpoint < checkpoints.Count && checkpoints[_nextCheckpoint] is { } beyond)
            {
                return Broken(LastEventId + 1, AuditBreakKind.CheckpointHashNotInChain,
                    $"a checkpoint signed {beyond.CreatedAt:u} covers events through {beyond.ThroughEventId}, but the ledger ends at event {LastEventId}: events were deleted (truncated)");
            }

            if (head is null)
            {
                return Broken(LastEventId + 1, AuditBreakKind.HeadMismatch, "the chain head row (audit_chain_head) is missing");
            }

            if (head.LastEventId > LastEventId)
            {
                return Broken(LastEventId + 1, AuditBreakKind.HeadMismatch,
                    $"the chain head records events through {head.LastEventId}, but the ledger ends at event {LastEventId}: events at the end were deleted");
            }

            if (head.LastEventId < LastEventId)
            {
                return Broken(head.LastEventId + 1, AuditBreakKind.HeadMismatch,
                    $"the chain head records events through {head.LastEventId} only, but the ledger goes on to event {LastEventId}: events were added outside the ledger");
            }

            return head.LastHash == _expectedPrevious
                ? Result(null)
                : Broken(LastEventId, AuditBreakKind.HeadMismatch, $"the chain head records hash {head.LastHash} for this event, but the chain has {_expectedPrevious}");
        }

        public AuditVerification Broken(long eventId, AuditBreakKind kind, string reason) => Result(new AuditChainBreak(eventId, kind, reason));

        private AuditVerification Result(AuditChainBreak? broken) => new(Events, _checkpointsVerified, _lastCheckpoint, LastEventId, broken);
    }
}
