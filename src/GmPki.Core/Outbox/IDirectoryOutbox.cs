using GmPki.Core.Ledger;

namespace GmPki.Core.Outbox;

/// <summary>
/// The directory outbox (<c>docs/status-services.md</c>, "LDAP publication"): rows naming what
/// must reach the LDAP directory, written in the same ledger write as the certificate or CRL they
/// publish, drained in order by one process at a time. Implementations are safe for concurrent
/// use and for several processes sharing one database.
/// </summary>
public interface IDirectoryOutbox
{
    /// <summary>Queues every CA certificate and every stored CRL (the latest of each shard) for publication: done at start-up, so that a directory configured late, or emptied, is filled again.</summary>
    /// <param name="at">UTC time of the queuing.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task EnqueueAuthoritiesAsync(DateTime at, CancellationToken cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="count"/> of the oldest rows that have not failed for
    /// <paramref name="holder"/> until <paramref name="until"/>, unless another holder's claim on
    /// any row is still in force (then nothing is claimed, so one process publishes at a time and
    /// in order). A holder's own rows are claimed again, with the new lease.
    /// </summary>
    /// <param name="holder">Unique name of the claiming process.</param>
    /// <param name="count">Most rows to claim, 1 or more.</param>
    /// <param name="now">UTC now: claims that ended before it are void.</param>
    /// <param name="until">UTC end of this claim.</param>
    /// <param name="cancellationToken">Cancels the claim.</param>
    /// <returns>The claimed rows, oldest first; empty when there is nothing to do or another holder is at work.</returns>
    Task<IReadOnlyList<OutboxEntry>> ClaimAsync(string holder, int count, DateTime now, DateTime until, CancellationToken cancellationToken);

    /// <summary>Removes a published row (only while <paramref name="holder"/> holds it).</summary>
    /// <returns>False when the row is no longer the holder's (its claim ran out and another process took it).</returns>
    Task<bool> MarkPublishedAsync(long id, string holder, CancellationToken cancellationToken);

    /// <summary>Counts a failed attempt on a row and keeps its error; the row stays claimed and is tried again.</summary>
    /// <returns>False when the row is no longer the holder's.</returns>
    Task<bool> RecordAttemptAsync(long id, string holder, string problem, CancellationToken cancellationToken);

    /// <summary>Marks a row failed for good, in one write with <paramref name="audit"/>; it is not tried again (it stays in the table with its error).</summary>
    /// <returns>False when the row is no longer the holder's (then nothing is written).</returns>
    Task<bool> MarkFailedAsync(long id, string holder, string problem, DateTime at, AuditEvent audit, CancellationToken cancellationToken);

    /// <summary>Rows waiting for publication (not failed).</summary>
    Task<int> CountPendingAsync(CancellationToken cancellationToken);
}
