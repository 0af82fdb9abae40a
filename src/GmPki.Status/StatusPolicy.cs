namespace GmPki.Status;

/// <summary>
/// When the status services publish (<c>docs/status-services.md</c>, "Schedules"); validated by
/// the host at start-up. Every span is a positive duration.
/// </summary>
/// <param name="CrlInterval">How often a complete CRL of each shard is published.</param>
/// <param name="CrlValidity">nextUpdate − thisUpdate of complete CRLs (RFC 5280 §5.1.2.5); longer than <paramref name="CrlInterval"/>.</param>
/// <param name="DeltaInterval">How often a delta CRL of each shard is published (RFC 5280 §5.2.4); null for no delta CRLs.</param>
/// <param name="PublishOnChange">Whether a status change makes its shard publish a complete CRL at once (and, with deltas on, a delta over it at the next poll).</param>
/// <param name="OcspValidity">nextUpdate − thisUpdate of OCSP responses (RFC 6960 §4.2.2.1).</param>
/// <param name="OcspRefresh">Age at which a pre-signed OCSP response is signed again; shorter than <paramref name="OcspValidity"/>.</param>
/// <param name="OcspLiveConcurrency">Most OCSP responses signed live at once (requests with a nonce, or not pre-signed); more wait, and after <paramref name="OcspLiveWait"/> get <c>tryLater</c>.</param>
/// <param name="OcspLiveWait">Longest wait of a live request for a signing slot.</param>
/// <param name="PollInterval">How often the ledger is polled for status changes made by any process.</param>
/// <param name="ResponderLifetime">Validity of a delegated OCSP responder certificate; it is renewed when a third of it remains.</param>
public sealed record StatusPolicy(
    TimeSpan CrlInterval,
    TimeSpan CrlValidity,
    TimeSpan? DeltaInterval,
    bool PublishOnChange,
    TimeSpan OcspValidity,
    TimeSpan OcspRefresh,
    int OcspLiveConcurrency,
    TimeSpan OcspLiveWait,
    TimeSpan PollInterval,
    TimeSpan ResponderLifetime)
{
    /// <summary>The defaults: complete CRLs every 6 h valid 24 h, deltas every 15 min, publish on change, OCSP responses valid 24 h refreshed after 4 h, 2 × cores live signers, 1 s poll, 90-day responder certificates.</summary>
    public static StatusPolicy Default { get; } = new(
        TimeSpan.FromHours(6), TimeSpan.FromHours(24), TimeSpan.FromMinutes(15), true,
        TimeSpan.FromHours(24), TimeSpan.FromHours(4), 2 * Environment.ProcessorCount, TimeSpan.FromSeconds(2),
        TimeSpan.FromSeconds(1), TimeSpan.FromDays(90));
}
