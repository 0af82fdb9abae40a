using System.Collections.Concurrent;
using GmPki.Core.Keys;
using GmPki.Enrollment;
using GmPki.Issuance;

namespace GmPki.Hosting.Enrollment;

/// <summary>
/// The issuing CA for the enrollment engines, over the CA directory and the key store. The key is
/// opened once per SM2 signer ID: CMP signs a response with the ID that verified the client's own
/// SM2 protection, otherwise with the empty ID, which OpenSSL 3.0 verifies with.
/// </summary>
internal sealed class EnrollmentAuthority(AuthorityDirectory authorities, IKeyStore keys) : IEnrollmentAuthority
{
    private readonly ConcurrentDictionary<string, Lazy<Task<ISigningKey>>> _keys = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<byte[]>> ChainAsync(CancellationToken cancellationToken) => authorities.ChainAsync(cancellationToken);

    public Task<ISigningKey> KeyAsync(ReadOnlyMemory<byte> sm2UserId)
        => _keys.GetOrAdd(Convert.ToHexString(sm2UserId.Span), _ => new Lazy<Task<ISigningKey>>(() => OpenAsync(sm2UserId))).Value;

    private async Task<ISigningKey> OpenAsync(ReadOnlyMemory<byte> sm2UserId)
        => keys.Open((await authorities.IssuingAsync(CancellationToken.None)).KeyReference, sm2UserId);
}
