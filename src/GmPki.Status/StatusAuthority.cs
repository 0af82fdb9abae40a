using GmPki.Core.Keys;

namespace GmPki.Status;

/// <summary>
/// One CA as the status services use it: its identity, its opened key (signs CRLs), its delegated
/// OCSP responder (signs OCSP responses, RFC 6960 §4.2.2.2) and its CRL shards.
/// </summary>
/// <param name="Identity">The CA's certificate and the hashes that identify it.</param>
/// <param name="CaKey">The CA's signing key (with the CA's SM2 ID for SM2).</param>
/// <param name="ResponderKey">The delegated responder's signing key.</param>
/// <param name="ResponderCertificate">DER certificate of the responder key, issued by this CA with id-kp-OCSPSigning and id-pkix-ocsp-nocheck.</param>
/// <param name="Shards">Number of CRL shards (1 for a root, <c>PublicUrls:CrlShards</c> for an issuing CA).</param>
/// <param name="CrlUrl">The URL of a shard's complete CRL, exactly as written into certificates (<c>{base}/crl/{label}/{shard}.crl</c>).</param>
public sealed record StatusAuthority(IssuerIdentity Identity, ISigningKey CaKey, ISigningKey ResponderKey, byte[] ResponderCertificate, int Shards, Func<int, string> CrlUrl)
{
    /// <summary>The CA's label.</summary>
    public string Label => Identity.Label;

    /// <summary>The URL of a shard's delta CRL: the complete CRL's URL with <c>.crl</c> replaced by <c>-delta.crl</c>.</summary>
    public string DeltaCrlUrl(int shard) => CrlUrl(shard)[..^".crl".Length] + "-delta.crl";
}
