using GmPki.Core.Keys;

namespace GmPki.Enrollment;

/// <summary>
/// The issuing CA as the enrollment protocols see it: its chain (EST <c>cacerts</c>, CMP
/// <c>extraCerts</c> and <c>id-it-caCerts</c>, ACME certificate chains) and the CMP protection key
/// it certified, with which CMP signs its responses (RFC 4210 §5.1.3.3, RFC 9483 §3.1). The host
/// implements it over its CA directory and key store.
/// </summary>
public interface IEnrollmentAuthority
{
    /// <summary>The chain above end entities, issuing CA first (DER).</summary>
    /// <exception cref="Core.Errors.GmPkiException"><c>issuer-unavailable</c>.</exception>
    Task<IReadOnlyList<byte[]>> ChainAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The CMP protection key, opened with <paramref name="sm2UserId"/> (ignored for ECDSA and RSA),
    /// and its certificate (DER): an end-entity certificate of the issuing CA with keyUsage
    /// digitalSignature, created when missing or due for renewal.
    /// </summary>
    /// <exception cref="Core.Errors.GmPkiException"><c>issuer-unavailable</c>, <c>key-not-found</c>, <c>key-unlock-failed</c>.</exception>
    Task<(ISigningKey Key, byte[] Certificate)> ProtectionAsync(ReadOnlyMemory<byte> sm2UserId, CancellationToken cancellationToken);
}
