using System.Collections.Concurrent;
using System.Text.Json;
using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Core.Status;
using GmPki.Cryptography.Sm;

namespace GmPki.Status.Crl;

/// <summary>
/// Publishes and serves the CRLs of every CA (<c>docs/status-services.md</c>): per shard a
/// complete CRL every <see cref="StatusPolicy.CrlInterval"/> and, when enabled, a delta CRL every
/// <see cref="StatusPolicy.DeltaInterval"/>, and a complete one after status changes. Each CRL's number comes from
/// the ledger's shared counter; the CRL is stored with a <c>crl.published</c> audit event, and the
/// one served is the stored one with the highest number, so every process serves the same,
/// never-decreasing CRL. Safe for concurrent use.
/// </summary>
public sealed class CrlPublisher
{
    /// <summary>How far before a complete CRL's thisUpdate a delta looks for changes, covering changes committed after the complete CRL read the ledger.</summary>
    internal static readonly TimeSpan ChangeOverlap = TimeSpan.FromMinutes(5);

    /// <summary>How long after a status change a CRL must have been made to count as covering it (commit lag between processes).</summary>
    private static readonly TimeSpan ChangeSettling = TimeSpan.FromSeconds(5);

    private readonly Dictionary<string, StatusAuthority> _authorities;
    private readonly IStatusLedger _ledger;
    private readonly StatusPolicy _policy;
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<(string Issuer, int Shard, bool Delta), (PublishedCrl Crl, DateTime LoadedAt)> _served = new();

    /// <summary>Creates the publisher.</summary>
    /// <param name="authorities">The CAs, with their keys and shards.</param>
    /// <param name="ledger">Where CRLs, numbers and statuses are kept.</param>
    /// <param name="policy">Schedules and validity.</param>
    /// <param name="clock">Time source.</param>
    public CrlPublisher(IEnumerable<StatusAuthority> authorities, IStatusLedger ledger, StatusPolicy policy, TimeProvider clock)
    {
        _authorities = authorities.ToDictionary(a => a.Label);
        _ledger = ledger;
        _policy = policy;
        _clock = clock;
    }

    /// <summary>Signs, stores and audits a new CRL of one shard: complete, or a delta over the latest complete CRL (a complete one when there is none yet).</summary>
    /// <param name="label">The CA.</param>
    /// <param name="shard">0 … shards − 1.</param>
    /// <param name="delta">Whether to publish a delta CRL.</param>
    /// <param name="cancellationToken">Cancels before the CRL is stored.</param>
    /// <exception cref="GmPkiException"><c>crl-not-found</c> when the CA or shard is not served here.</exception>
    public async Task<PublishedCrl> PublishAsync(string label, int shard, bool delta, CancellationToken cancellationToken)
    {
        var authority = Authority(label, shard);
        var complete = delta ? await _ledger.LatestCrlSummaryAsync(label, shard, false, cancellationToken) : null;
        var number = await _ledger.NextCrlNumberAsync(label, cancellationToken);
        var now = StatusTime.Whole(_clock.GetUtcNow().UtcDateTime);
        CrlContent content;
        if (complete is null)
        {
            var revoked = await _ledger.ListRevokedAsync(label, shard, now, cancellationToken);
            content = new CrlContent(number, null, now, now + _policy.CrlValidity, authority.CrlUrl(shard),
                _policy.DeltaInterval is null ? null : authority.DeltaCrlUrl(shard), revoked, []);
        }
        else
        {
            var changed = (await _ledger.ChangedSinceAsync(complete.ThisUpdate - ChangeOverlap, cancellationToken))
                .Where(e => e.IssuerLabel == label && e.CrlShard == shard && e.NotAfter > now).ToList();
            content = new CrlContent(number, complete.Number, now, now + 2 * (_policy.DeltaInterval ?? _policy.CrlInterval), authority.CrlUrl(shard), null,
                [.. changed.Where(e => e.Status != CertificateStatus.Good)], [.. changed.Where(e => e.Status == CertificateStatus.Good).Select(e => e.SerialHex)]);
        }

        var der = CrlBuilder.Build(authority.Identity, authority.CaKey, content);
        var crl = new PublishedCrl(label, shard, number, content.BaseNumber, content.ThisUpdate, content.NextUpdate, der);
        await _ledger.StoreCrlAsync(crl, new AuditEvent(now, "crl.published", Actor.System.Name, null, $"crl:{label}/{shard}", "success",
            JsonSerializer.Serialize(new
            {
                shard, number, baseNumber = content.BaseNumber, entries = content.Revoked.Count + content.Removed.Count,
                thisUpdate = content.ThisUpdate, nextUpdate = content.NextUpdate, sm3 = Sm3.HashHex(der),
            }), null), cancellationToken);
        _served[(label, shard, crl.IsDelta)] = (crl, now);
        return crl;
    }

    /// <summary>Publishes what the schedule makes due: a complete CRL of each shard whose latest is older than <see cref="StatusPolicy.CrlInterval"/> (or missing), then a delta of each shard whose latest delta is older than <see cref="StatusPolicy.DeltaInterval"/> or extends an older complete CRL.</summary>
    /// <returns>The CRLs published.</returns>
    public async Task<IReadOnlyList<PublishedCrl>> PublishDueAsync(CancellationToken cancellationToken)
    {
        var published = new List<PublishedCrl>();
        foreach (var authority in _authorities.Values)
        {
            for (var shard = 0; shard < authority.Shards; shard++)
            {
                var now = _clock.GetUtcNow().UtcDateTime;
                var complete = await _ledger.LatestCrlSummaryAsync(authority.Label, shard, false, cancellationToken);
                if (complete is null || complete.ThisUpdate + _policy.CrlInterval <= now)
                {
                    var crl = await PublishAsync(authority.Label, shard, false, cancellationToken);
                    published.Add(crl);
                    complete = new CrlSummary(crl.Number, null, crl.ThisUpdate);
                }

                if (_policy.DeltaInterval is { } interval)
                {
                    var delta = await _ledger.LatestCrlSummaryAsync(authority.Label, shard, true, cancellationToken);
                    if (delta is null || delta.BaseNumber != complete.Number || delta.ThisUpdate + interval <= now)
                    {
                        published.Add(await PublishAsync(authority.Label, shard, true, cancellationToken));
                    }
                }
            }
        }

        return published;
    }

    /// <summary>
    /// Publishes at once a complete CRL of each shard with status changes (relying parties that
    /// ignore delta CRLs see the change too; the next <see cref="PublishDueAsync"/> then adds a
    /// delta over it), unless a complete CRL of that shard was already published well after the
    /// latest change (by another process that saw it first).
    /// </summary>
    /// <param name="changes">Changed entries, as the ledger holds them now.</param>
    /// <param name="cancellationToken">Cancels the remaining shards.</param>
    /// <returns>The CRLs published.</returns>
    public async Task<IReadOnlyList<PublishedCrl>> PublishChangedAsync(IEnumerable<StatusEntry> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var published = new List<PublishedCrl>();
        foreach (var shard in changes.Where(c => _authorities.ContainsKey(c.IssuerLabel)).GroupBy(c => (c.IssuerLabel, c.CrlShard)))
        {
            var latest = await _ledger.LatestCrlSummaryAsync(shard.Key.IssuerLabel, shard.Key.CrlShard, false, cancellationToken);
            var lastChange = shard.Max(c => c.ChangedAt) ?? DateTime.MinValue;
            if (latest is null || latest.ThisUpdate < lastChange + ChangeSettling)
            {
                published.Add(await PublishAsync(shard.Key.IssuerLabel, shard.Key.CrlShard, false, cancellationToken));
            }
        }

        return published;
    }

    /// <summary>
    /// The CRL to serve at a shard's URL: the stored one with the highest number. At most once per
    /// <see cref="StatusPolicy.PollInterval"/> per shard the ledger is asked for that number, and
    /// the DER is read again only when it changed.
    /// </summary>
    /// <exception cref="GmPkiException"><c>crl-not-found</c> when the CA or shard is not served here or nothing is published yet.</exception>
    public async Task<PublishedCrl> LatestAsync(string label, int shard, bool delta, CancellationToken cancellationToken)
    {
        Authority(label, shard);
        var now = _clock.GetUtcNow().UtcDateTime;
        var key = (label, shard, delta);
        if (_served.TryGetValue(key, out var served) && served.LoadedAt + _policy.PollInterval > now)
        {
            return served.Crl;
        }

        var summary = await _ledger.LatestCrlSummaryAsync(label, shard, delta, cancellationToken);
        if (served.Crl is { } current && (summary is null || summary.Number <= current.Number))
        {
            _served[key] = (current, now);
            return current;
        }

        var stored = summary is null ? null : await _ledger.LatestCrlAsync(label, shard, delta, cancellationToken);
        if (stored is null)
        {
            throw Errors.CrlNotFound.With($"no {(delta ? "delta" : "complete")} CRL of '{label}' shard {shard} is published yet.");
        }

        _served[key] = (stored, now);
        return stored;
    }

    private StatusAuthority Authority(string label, int shard)
        => _authorities.TryGetValue(label, out var authority) && shard >= 0 && shard < authority.Shards
            ? authority
            : throw Errors.CrlNotFound.With($"'{label}' shard {shard} is not a CRL this service publishes.");
}
