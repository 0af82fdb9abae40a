using GmPki.Core.Keys;

namespace GmPki.Enrollment;

/// <summary>
/// The issuing CA as the enrollment protocols see it: its chain (EST <c>cacerts</c>, CMP
/// <c>extraCerts</c> and <c>id-it-caCerts</c>, ACME certificate chains) and its signing key, with
/// which CMP protects its responses (RFC 4210 §5.1.3.3). The host implements it over its CA directory.
/// </summary>
public interface IEnrollmentAuthority
{
    /// <summary>The chain above end entities, issuing CA first (DER).</summary>
    /// <exception cref="Core.Errors.GmPkiException"><c>issuer-unavailable</c>.</exception>
    Task<IReadOnlyList<byte[]>> ChainAsync(CancellationToken cancellationToken);

    /// <summary>The issuing CA's key, opened with <paramref name="sm2UserId"/> (ignored for ECDSA and RSA CAs).</summary>
    /// <exception cref="Core.Errors.GmPkiException"><c>issuer-unavailable</c>, <c>key-not-found</c>, <c>key-unlock-failed</c>.</exception>
    Task<ISigningKey> KeyAsync(ReadOnlyMemory<byte> sm2UserId);
}
