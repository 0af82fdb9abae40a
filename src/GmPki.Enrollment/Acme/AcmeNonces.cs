using System.Buffers.Text;
using System.Security.Cryptography;
using GmPki.Core.Enrollment;

namespace GmPki.Enrollment.Acme;

/// <summary>
/// Anti-replay nonces (RFC 8555 §6.5): 128 random bits, base64url, handed out in the
/// <c>Replay-Nonce</c> header of every ACME answer and stored (table <c>acme_nonces</c>, so any
/// node of a cluster accepts them) until used once or <see cref="Lifetime"/> has passed.
/// </summary>
internal sealed class AcmeNonces(IAcmeStore store, TimeProvider clock)
{
    /// <summary>How long an unused nonce stays acceptable.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    /// <summary>Stores a fresh nonce and sets it as the answer's <c>Replay-Nonce</c>.</summary>
    public async Task IssueAsync(AcmeExchange context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var nonce = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        var now = clock.GetUtcNow().UtcDateTime;
        await store.AddNonceAsync(nonce, now + Lifetime, now, cancellationToken);
        context.ReplayNonce = nonce;
    }

    /// <summary>Uses up <paramref name="nonce"/>.</summary>
    /// <exception cref="Core.Errors.GmPkiException"><c>acme:badNonce</c> when it is missing, unknown, used or expired.</exception>
    public async Task ConsumeAsync(string? nonce, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(nonce) || !await store.ConsumeNonceAsync(nonce, clock.GetUtcNow().UtcDateTime, cancellationToken))
        {
            throw AcmeErrors.BadNonce.With($"the nonce '{nonce}' is not one this server handed out, or it was used or expired; take the fresh one from this answer's Replay-Nonce.");
        }
    }
}
