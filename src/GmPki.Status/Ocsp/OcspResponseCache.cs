using System.Collections.Concurrent;
using GmPki.Core.Status;

namespace GmPki.Status.Ocsp;

/// <summary>A signed response kept for requests without a nonce.</summary>
/// <param name="Der">The DER OCSPResponse.</param>
/// <param name="ThisUpdate">UTC thisUpdate (= producedAt).</param>
/// <param name="NextUpdate">UTC nextUpdate.</param>
/// <param name="Entry">The ledger entry it states.</param>
internal sealed record PreSignedResponse(byte[] Der, DateTime ThisUpdate, DateTime NextUpdate, StatusEntry Entry);

/// <summary>
/// Pre-signed OCSP responses in memory, one per CA, serial and CertID hash algorithm. Filled by
/// the scheduled pre-signing (SHA-1, what <c>openssl ocsp</c> sends) and by live signing of
/// requests without a nonce (any algorithm); replaced at once when a status change is seen.
/// </summary>
internal sealed class OcspResponseCache
{
    private readonly ConcurrentDictionary<(string Issuer, string Serial, CertIdHash Hash), PreSignedResponse> _responses = new();

    /// <summary>Number of responses held.</summary>
    public int Count => _responses.Count;

    /// <summary>The response for one CertID, or null.</summary>
    public PreSignedResponse? Find(string issuer, string serialHex, CertIdHash hash)
        => _responses.GetValueOrDefault((issuer, serialHex, hash));

    /// <summary>The ledger entry any cached response of a certificate states, or null.</summary>
    public StatusEntry? Entry(string issuer, string serialHex)
        => CertIdHashes.All.Select(h => Find(issuer, serialHex, h)?.Entry).FirstOrDefault(e => e is not null);

    /// <summary>Keeps <paramref name="response"/>, replacing an older one.</summary>
    public void Store(string issuer, string serialHex, CertIdHash hash, PreSignedResponse response)
        => _responses[(issuer, serialHex, hash)] = response;

    /// <summary>The hash algorithms for which a certificate has a response.</summary>
    public IReadOnlyList<CertIdHash> HashesOf(string issuer, string serialHex)
        => [.. CertIdHashes.All.Where(h => _responses.ContainsKey((issuer, serialHex, h)))];

    /// <summary>Keys of responses of <paramref name="issuer"/> older than <paramref name="signedBefore"/> (UTC).</summary>
    public IReadOnlyList<(string Serial, CertIdHash Hash, StatusEntry Entry)> Stale(string issuer, DateTime signedBefore)
        => [.. _responses.Where(r => r.Key.Issuer == issuer && r.Value.ThisUpdate < signedBefore).Select(r => (r.Key.Serial, r.Key.Hash, r.Value.Entry))];

    /// <summary>Drops the responses of certificates that expired before <paramref name="at"/> (UTC).</summary>
    public void Evict(DateTime at)
    {
        foreach (var key in _responses.Where(r => r.Value.Entry.NotAfter <= at).Select(r => r.Key).ToList())
        {
            _responses.TryRemove(key, out _);
        }
    }
}
