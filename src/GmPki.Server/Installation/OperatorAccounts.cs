using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Core.Security;
using GmPki.Cryptography.Sm;
using Microsoft.Extensions.Caching.Memory;

namespace GmPki.Server.Installation;

/// <summary>
/// Operator accounts and their API keys. A key is <c>gmpki_</c> followed by 43 base64url
/// characters (32 random bytes); only its SM3 hash is stored, and the key is shown once.
/// Successful look-ups are cached for <see cref="CacheLifetime"/>, so a disabled key stops working
/// within that time; unknown keys are never cached.
/// </summary>
public sealed partial class OperatorAccounts(IOperatorStore store, TimeProvider clock, IMemoryCache cache)
{
    /// <summary>How long a successful API key look-up is remembered.</summary>
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);

    /// <summary>Prefix of every API key.</summary>
    public const string KeyPrefix = "gmpki_";

    /// <summary>The stored form of an API key: lowercase hex SM3 of its UTF-8 bytes.</summary>
    public static string Hash(string apiKey) => Sm3.HashHex(Encoding.UTF8.GetBytes(apiKey));

    /// <summary>Creates an operator and returns its new API key (shown only now).</summary>
    /// <exception cref="GmPkiException"><c>request-invalid</c> for a bad or taken name.</exception>
    public async Task<string> CreateAsync(string name, OperatorRole role, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!NamePattern().IsMatch(name))
        {
            throw Errors.RequestInvalid.With($"operator name '{name}' must match [a-z0-9._-]{{1,64}}.");
        }

        var apiKey = KeyPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow().UtcDateTime;
        var audit = new AuditEvent(now, "operator.created", actor.Name, actor.Role, "operator:" + name, "success",
            JsonSerializer.Serialize(new { role = role.ToName() }), actor.RequestId);
        await store.AddAsync(new OperatorRecord(name, role, Hash(apiKey), now, Disabled: false), audit, cancellationToken);
        return apiKey;
    }

    /// <summary>Finds the enabled operator holding <paramref name="apiKey"/>; null when none.</summary>
    public async Task<OperatorRecord?> AuthenticateAsync(string apiKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        if (!apiKey.StartsWith(KeyPrefix, StringComparison.Ordinal) || apiKey.Length >= 128)
        {
            return null;
        }

        var hash = Hash(apiKey);
        if (cache.TryGetValue<OperatorRecord>(CacheKey(hash), out var cached))
        {
            return cached;
        }

        var found = await store.FindByApiKeyHashAsync(hash, cancellationToken);
        if (found is not null)
        {
            cache.Set(CacheKey(hash), found, CacheLifetime);
        }

        return found;
    }

    private static string CacheKey(string hash) => "operator-key:" + hash;

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("^[a-z0-9._-]{1,64}$")]
    private static partial Regex NamePattern();
}
