using GmPki.Core.Ledger;

namespace GmPki.Core.Registration;

/// <summary>
/// What the retention purge reads and removes (M09 §24: records kept at least 5 years after the
/// certificate stops being valid, 10 years for government departments). Audit events are never
/// removed: they form the SM3 chain.
/// </summary>
public interface IRetentionStore
{
    /// <summary>Closed applications (completed, rejected, withdrawn) last changed before <paramref name="closedBefore"/> (UTC), oldest first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<RetentionCandidate>> ListClosedApplicationsAsync(DateTime closedBefore, int max, CancellationToken cancellationToken);

    /// <summary>
    /// Removes an application with its steps and evidence files, with <paramref name="audit"/>, in
    /// one write — only while it is still closed and last changed at or before <paramref name="closedAt"/>
    /// (an application changed since it was examined is refused, nothing removed).
    /// </summary>
    /// <returns>False when it was gone already or changed since.</returns>
    Task<bool> PurgeApplicationAsync(Guid applicationId, DateTime closedAt, AuditEvent audit, CancellationToken cancellationToken);

    /// <summary>Subscribers registered before <paramref name="registeredBefore"/> (UTC) with no application and no staff left, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<(Guid Id, bool Government)>> ListUnreferencedSubscribersAsync(DateTime registeredBefore, int max, CancellationToken cancellationToken);

    /// <summary>Removes a subscriber (its personal data), with <paramref name="audit"/>; false when it is gone or referenced again.</summary>
    Task<bool> PurgeSubscriberAsync(Guid subscriberId, AuditEvent audit, CancellationToken cancellationToken);
}

/// <summary>A closed application and what its retention depends on.</summary>
/// <param name="ApplicationId">The application.</param>
/// <param name="SubscriberId">Its subscriber.</param>
/// <param name="ClosedAt">UTC instant it reached its final state.</param>
/// <param name="Government">Whether the subscriber is a government department or staff linked to one (10-year retention).</param>
/// <param name="CertificatesValidUntil">
/// For each certificate the application produced or acted on: the UTC instant it stops (or
/// stopped) being valid — its revocation time when revoked, else its notAfter.
/// </param>
/// <param name="Profiles">The application's profile and the profiles of the certificates it produced or acted on.</param>
/// <param name="Serials">The serial numbers (hex) of those certificates.</param>
public sealed record RetentionCandidate(Guid ApplicationId, Guid SubscriberId, DateTime ClosedAt, bool Government, IReadOnlyList<DateTime> CertificatesValidUntil,
    IReadOnlyList<string> Profiles, IReadOnlyList<string> Serials);
