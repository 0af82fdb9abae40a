using System.Collections.Concurrent;
using GmPki.Core.Keys;

namespace GmPki.Server.Cmp;

/// <summary>
/// The issuing CA as the CMP server (RFC 4210 §5.1.3.3): it signs the responses to
/// signature-protected requests with its own key and names itself (its subject) as the sender.
/// The key is opened once per SM2 signer ID: a response is signed with the ID that verified the
/// client's own SM2 protection, otherwise with the empty ID, which OpenSSL 3.0 verifies with
/// (it passes no ID when checking CMP protection).
/// </summary>
internal sealed class CmpAuthority(AuthorityDirectory authorities, IKeyStore keys)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<ISigningKey>>> _keys = new(StringComparer.Ordinal);

    /// <summary>The chain above end entities, issuing CA first (DER).</summary>
    /// <exception cref="Core.Errors.GmPkiException"><c>issuer-unavailable</c>.</exception>
    public Task<IReadOnlyList<byte[]>> ChainAsync(CancellationToken cancellationToken) => authorities.ChainAsync(cancellationToken);

    /// <summary>The issuing CA's key, opened with <paramref name="sm2UserId"/> (ignored for ECDSA and RSA CAs).</summary>
    /// <exception cref="Core.Errors.GmPkiException"><c>issuer-unavailable</c>, <c>key-not-found</c>, <c>key-unlock-failed</c>.</exception>
    public Task<ISigningKey> KeyAsync(ReadOnlyMemory<byte> sm2UserId)
        => _keys.GetOrAdd(Convert.ToHexString(sm2UserId.Span), _ => new Lazy<Task<ISigningKey>>(() => OpenAsync(sm2UserId))).Value;

    private async Task<ISigningKey> OpenAsync(ReadOnlyMemory<byte> sm2UserId)
        => keys.Open((await authorities.IssuingAsync(CancellationToken.None)).KeyReference, sm2UserId);
}
