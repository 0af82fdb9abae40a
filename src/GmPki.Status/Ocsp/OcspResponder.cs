using GmPki.Core.Errors;
using GmPki.Core.Status;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;

namespace GmPki.Status.Ocsp;

/// <summary>
/// The OCSP responder (RFC 6960), a chain of sources, cheapest first: a filter (a CertID of a
/// CA not served here → <c>unauthorized</c>), the pre-signed cache (single CertID, no nonce),
/// then live signing with at most <see cref="StatusPolicy.OcspLiveConcurrency"/> signatures at
/// once (with a nonce, several CertIDs, or not yet cached), whose status comes from the cache's
/// entry or the ledger. Safe for concurrent use.
/// </summary>
public sealed class OcspResponder : IDisposable
{
    private readonly Dictionary<string, StatusAuthority> _authorities;
    private readonly IStatusLedger _ledger;
    private readonly StatusPolicy _policy;
    private readonly TimeProvider _clock;
    private readonly OcspResponseCache _cache = new();
    private readonly SemaphoreSlim _live;

    /// <summary>Creates the responder.</summary>
    /// <param name="authorities">The CAs served, each with its delegated responder.</param>
    /// <param name="ledger">Where statuses are read.</param>
    /// <param name="policy">Validity, refresh and concurrency.</param>
    /// <param name="clock">Time source.</param>
    public OcspResponder(IEnumerable<StatusAuthority> authorities, IStatusLedger ledger, StatusPolicy policy, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(policy);
        _authorities = authorities.ToDictionary(a => a.Label);
        _ledger = ledger;
        _policy = policy;
        _clock = clock;
        _live = new SemaphoreSlim(policy.OcspLiveConcurrency, policy.OcspLiveConcurrency);
    }

    /// <summary>Number of pre-signed responses held in memory.</summary>
    public int PreSignedCount => _cache.Count;

    /// <summary>Answers one DER OCSPRequest (the POST body, or the decoded GET path, RFC 6960 Appendix A.1).</summary>
    /// <param name="request">The DER request; over 16 KiB is malformed.</param>
    /// <param name="cancellationToken">Cancels a wait for a signing slot or a ledger read.</param>
    /// <returns>The response to send: never throws for bad input, which gets <see cref="OcspResult.MalformedRequest"/>.</returns>
    public async Task<OcspAnswer> RespondAsync(ReadOnlyMemory<byte> request, CancellationToken cancellationToken)
    {
        OcspQuery query;
        try
        {
            query = OcspRequestReader.Read(request.Span);
        }
        catch (GmPkiException e) when (e.Error == Errors.OcspMalformedRequest)
        {
            return OcspAnswer.Refused(OcspResult.MalformedRequest, e.Detail ?? e.Message);
        }

        var issuers = query.Certificates.Select(c => Issuer(c)).Distinct().ToList();
        if (issuers.Count != 1 || issuers[0] is not { } authority)
        {
            return OcspAnswer.Refused(OcspResult.Unauthorized, issuers.Contains(null)
                ? "a CertID names a CA this responder does not serve."
                : "the CertIDs name several CAs; ask about one CA per request.");
        }

        var now = _clock.GetUtcNow().UtcDateTime;
        if (query.Nonce is null && query.Certificates.Count == 1
            && _cache.Find(authority.Label, query.Certificates[0].SerialHex, query.Certificates[0].Hash) is { } cached && cached.NextUpdate > now)
        {
            return new OcspAnswer(cached.Der, OcspResult.Successful, cached.ThisUpdate, cached.NextUpdate, true, null);
        }

        if (!await _live.WaitAsync(_policy.OcspLiveWait, cancellationToken))
        {
            return OcspAnswer.Refused(OcspResult.TryLater, $"all {_policy.OcspLiveConcurrency} live signing slots stayed busy for {_policy.OcspLiveWait}.");
        }

        try
        {
            return await SignLiveAsync(authority, query, cancellationToken);
        }
        finally
        {
            _live.Release();
        }
    }

    /// <summary>
    /// The scheduled pre-signing: for every CA, a SHA-1 response for each unexpired issued
    /// certificate that has none, an older one than <see cref="StatusPolicy.OcspRefresh"/> or one
    /// stating another status; responses of other hash algorithms older than the refresh age are
    /// signed again; responses of expired certificates are dropped.
    /// </summary>
    /// <returns>Number of responses signed.</returns>
    public async Task<int> PreSignAsync(CancellationToken cancellationToken)
    {
        var now = StatusTime.Whole(_clock.GetUtcNow().UtcDateTime);
        var signedBefore = now - _policy.OcspRefresh;
        _cache.Evict(now);
        var signed = 0;
        foreach (var authority in _authorities.Values)
        {
            var work = new List<(string Serial, CertIdHash Hash, StatusEntry Entry)>();
            foreach (var entry in await _ledger.ListIssuedAsync(authority.Label, now, cancellationToken))
            {
                var current = _cache.Find(authority.Label, entry.SerialHex, CertIdHash.Sha1);
                if (current is null || current.ThisUpdate < signedBefore || current.Entry != entry)
                {
                    work.Add((entry.SerialHex, CertIdHash.Sha1, entry));
                }
            }

            work.AddRange(_cache.Stale(authority.Label, signedBefore).Where(s => s.Hash != CertIdHash.Sha1));
            await Parallel.ForEachAsync(work, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount / 2) },
                (item, _) =>
                {
                    Store(authority, item.Hash, item.Entry, now);
                    return ValueTask.CompletedTask;
                });
            signed += work.Count;
        }

        return signed;
    }

    /// <summary>Signs again at once every cached response of certificates whose status changed (and a SHA-1 one), so no stale status is served.</summary>
    /// <param name="changes">Entries as they are now in the ledger.</param>
    public void Apply(IEnumerable<StatusEntry> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var now = StatusTime.Whole(_clock.GetUtcNow().UtcDateTime);
        foreach (var entry in changes)
        {
            if (_authorities.TryGetValue(entry.IssuerLabel, out var authority) && entry.NotAfter > now)
            {
                foreach (var hash in _cache.HashesOf(entry.IssuerLabel, entry.SerialHex).Append(CertIdHash.Sha1).Distinct())
                {
                    Store(authority, hash, entry, now);
                }
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _live.Dispose();

    private async Task<OcspAnswer> SignLiveAsync(StatusAuthority authority, OcspQuery query, CancellationToken cancellationToken)
    {
        var answers = new List<(CertID, StatusEntry?)>(query.Certificates.Count);
        foreach (var certificate in query.Certificates)
        {
            var entry = _cache.Entry(authority.Label, certificate.SerialHex)
                ?? await _ledger.FindAsync(authority.Label, certificate.SerialHex, cancellationToken);
            answers.Add((certificate.Id, entry));
        }

        var now = StatusTime.Whole(_clock.GetUtcNow().UtcDateTime);
        var der = OcspResponseWriter.Sign(authority, answers, now, _policy.OcspValidity, query.Nonce);
        if (query.Nonce is null && answers is [(_, { } known)])
        {
            _cache.Store(authority.Label, known.SerialHex, query.Certificates[0].Hash, new PreSignedResponse(der, now, now + _policy.OcspValidity, known));
        }

        return new OcspAnswer(der, OcspResult.Successful, now, now + _policy.OcspValidity, false, null);
    }

    private void Store(StatusAuthority authority, CertIdHash hash, StatusEntry entry, DateTime now)
    {
        var (name, key) = authority.Identity.Hashes(hash);
        var id = new CertID(new AlgorithmIdentifier(new DerObjectIdentifier(CertIdHashes.Oid(hash)), DerNull.Instance),
            new DerOctetString(name), new DerOctetString(key), new DerInteger(new BigInteger(entry.SerialHex, 16)));
        var der = OcspResponseWriter.Sign(authority, [(id, entry)], now, _policy.OcspValidity, null);
        _cache.Store(authority.Label, entry.SerialHex, hash, new PreSignedResponse(der, now, now + _policy.OcspValidity, entry));
    }

    private StatusAuthority? Issuer(RequestedCertificate certificate)
        => _authorities.Values.FirstOrDefault(a => a.Identity.Matches(certificate.Hash,
            certificate.Id.IssuerNameHash.GetOctets(), certificate.Id.IssuerKeyHash.GetOctets()));
}
