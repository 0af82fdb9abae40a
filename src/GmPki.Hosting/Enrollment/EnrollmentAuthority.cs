using GmPki.Core.Keys;
using GmPki.Enrollment;
using GmPki.Issuance;

namespace GmPki.Hosting.Enrollment;

/// <summary>
/// The issuing CA for the enrollment engines, over the CA directory and the CMP protection key
/// (<see cref="CmpProtectionKeys"/>). CMP signs a response with the SM2 ID that verified the
/// client's own SM2 protection, otherwise with the empty ID, which OpenSSL 3.0 verifies with.
/// </summary>
internal sealed class EnrollmentAuthority(AuthorityDirectory authorities, CmpProtectionKeys protection) : IEnrollmentAuthority
{
    public Task<IReadOnlyList<byte[]>> ChainAsync(CancellationToken cancellationToken) => authorities.ChainAsync(cancellationToken);

    public Task<(ISigningKey Key, byte[] Certificate)> ProtectionAsync(ReadOnlyMemory<byte> sm2UserId, CancellationToken cancellationToken)
        => protection.OpenAsync(sm2UserId, cancellationToken);
}
