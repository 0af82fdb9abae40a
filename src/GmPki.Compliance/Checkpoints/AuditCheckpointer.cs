using GmPki.Compliance.AuditChain;
using GmPki.Core.Ledger;

namespace GmPki.Compliance.Checkpoints;

/// <summary>
/// Signs and stores audit checkpoints: the chain head as committed, signed with the audit key over
/// <see cref="CheckpointEncoding"/>. Safe to run on several nodes at once (one checkpoint per event
/// id is kept). Thread-safe.
/// </summary>
/// <param name="chain">The ledger's audit chain.</param>
/// <param name="clock">Time source of the signing time.</param>
public sealed class AuditCheckpointer(IAuditChain chain, TimeProvider clock)
{
    /// <summary>Writes a checkpoint through the current head, unless the latest checkpoint already covers it or the chain is empty.</summary>
    /// <param name="signer">The audit key and its certificate.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The checkpoint written, or null when there was nothing new (or another node wrote the same one).</returns>
    /// <exception cref="InvalidOperationException">The ledger has no chain head row.</exception>
    public async Task<AuditCheckpoint?> WriteAsync(AuditSigner signer, CancellationToken cancellationToken)
    {
        var head = await chain.HeadAsync(cancellationToken);
        var latest = await chain.LatestCheckpointAsync(cancellationToken);
        return head.LastEventId > (latest?.ThroughEventId ?? 0) ? await SignAsync(signer, head, cancellationToken) : null;
    }

    /// <summary>Writes a checkpoint when <paramref name="policy"/> says one is due.</summary>
    /// <param name="signer">The audit key and its certificate.</param>
    /// <param name="policy">How many events or how much time make a checkpoint due.</param>
    /// <param name="since">UTC instant to count the interval from when there is no checkpoint yet.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The checkpoint written, or null when none was due.</returns>
    /// <exception cref="InvalidOperationException">The ledger has no chain head row.</exception>
    public async Task<AuditCheckpoint?> WriteIfDueAsync(AuditSigner signer, CheckpointPolicy policy, DateTime since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var head = await chain.HeadAsync(cancellationToken);
        var latest = await chain.LatestCheckpointAsync(cancellationToken);
        return policy.IsDue(head, latest, clock.GetUtcNow().UtcDateTime, since) ? await SignAsync(signer, head, cancellationToken) : null;
    }

    private async Task<AuditCheckpoint?> SignAsync(AuditSigner signer, AuditChainHead head, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var at = AuditTime.Truncate(clock.GetUtcNow().UtcDateTime);
        var signature = signer.Key.Sign(CheckpointEncoding.Encode(head.LastEventId, head.LastHash, at));
        var checkpoint = new AuditCheckpoint(head.LastEventId, head.LastHash, at, signature, signer.CertificateDer);
        return await chain.TryAddCheckpointAsync(checkpoint, cancellationToken) ? checkpoint : null;
    }
}
