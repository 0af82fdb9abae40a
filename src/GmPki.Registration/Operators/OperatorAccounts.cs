using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using GmPki.Core.Errors;
using GmPki.Core.Identity;
using GmPki.Core.Ledger;
using GmPki.Core.Registration;
using GmPki.Core.Security;
using GmPki.Cryptography.Sm;
using GmPki.Registration.Agencies;
using Microsoft.Extensions.Caching.Memory;

namespace GmPki.Registration.Operators;

/// <summary>
/// Operator accounts and their API keys. A key is <c>gmpki_</c> followed by 43 base64url
/// characters (32 random bytes); only its SM3 hash is stored, and the key is shown once. An
/// account can be disabled, enabled again, and have its key rotated, optionally with an expiry.
/// Found accounts are cached for at most <see cref="CacheLifetime"/> (measured by the injected
/// clock), so an account disabled or rotated on another node sharing the database is refused here
/// within that time; on this node at once. Unknown credentials are never cached.
/// </summary>
public sealed partial class OperatorAccounts(IOperatorStore store, IAgencyStore agencies, DelegationPolicy delegation, TimeProvider clock, IMemoryCache cache)
{
    /// <summary>How long a successful API key look-up is remembered.</summary>
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);

    /// <summary>Prefix of every API key.</summary>
    public const string KeyPrefix = "gmpki_";

    /// <summary>The stored form of an API key: lowercase hex SM3 of its UTF-8 bytes.</summary>
    public static string Hash(string apiKey) => Sm3.HashHex(Encoding.UTF8.GetBytes(apiKey));

    /// <summary>Creates an operator of the CA's own staff and returns its new API key (shown only now).</summary>
    /// <exception cref="GmPkiException">As <see cref="CreateAsync(NewOperator, Actor, CancellationToken)"/>.</exception>
    public Task<string> CreateAsync(string name, OperatorRole role, Actor actor, CancellationToken cancellationToken)
        => CreateAsync(new NewOperator(name, role), actor, cancellationToken);

    /// <summary>
    /// Creates an operator and returns its new API key (shown only now). An agency operator names
    /// an existing agency (and delegation must be on); other roles name none. For the 三员 roles
    /// (CA administrator, security officer, audit officer) the holder's identity number is
    /// recorded as its SM3 hash, and one person cannot hold two of them.
    /// </summary>
    /// <exception cref="GmPkiException"><c>request-invalid</c> for a bad or taken name, a bad identity number, or an agency
    /// given for another role; <c>agency-not-found</c>; <c>agency-scope-violated</c> when delegation is off;
    /// <c>separation-of-duties</c> when the person holds another 三员 role or a security/audit officer comes without an identity number.</exception>
    public async Task<string> CreateAsync(NewOperator request, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        if (!NamePattern().IsMatch(request.Name))
        {
            throw Errors.RequestInvalid.With($"operator name '{request.Name}' must match [a-z0-9._-]{{1,64}}.");
        }

        await CheckAgencyAsync(request, cancellationToken);
        var personId = await CheckSeparationAsync(request, cancellationToken);
        var certificate = request.ClientCertificate is null ? null : CertificateHash(request.ClientCertificate);
        var now = clock.GetUtcNow().UtcDateTime;
        CheckExpiry(request.ExpiresAt, now);
        var apiKey = NewKey();
        var audit = new AuditEvent(now, "operator.created", actor.Name, actor.Role, "operator:" + request.Name, "success",
            JsonSerializer.Serialize(new { role = request.Role.ToName(), agency = request.Agency, personRecorded = personId is not null, clientCertificateSha256 = certificate, expiresAt = request.ExpiresAt }), actor.RequestId);
        await store.AddAsync(new OperatorRecord(request.Name, request.Role, Hash(apiKey), now, Disabled: false, request.Agency, personId, certificate, request.ExpiresAt), audit, cancellationToken);
        return apiKey;
    }

    /// <summary>
    /// Finds the enabled operator bound to <paramref name="certificate"/> (a TLS client
    /// certificate, direct or forwarded by a trusted proxy), if it is within its validity period
    /// now; null otherwise. Successful look-ups are cached like API keys. The account's expiry
    /// (<see cref="OperatorRecord.ExpiresAt"/>) applies to its certificate as to its key.
    /// </summary>
    /// <exception cref="GmPkiException"><c>operator-disabled</c> or <c>operator-key-expired</c> (401).</exception>
    public async Task<OperatorRecord?> AuthenticateAsync(X509Certificate2 certificate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var now = clock.GetUtcNow().UtcDateTime;
        if (now < certificate.NotBefore.ToUniversalTime() || now > certificate.NotAfter.ToUniversalTime())
        {
            return null;
        }

        var hash = CertificateHash(certificate);
        return Usable(await LookUpAsync(CertificateCacheKey(hash), () => store.FindByClientCertificateAsync(hash, cancellationToken)));
    }

    /// <summary>The stored form of a client certificate: lowercase hex SHA-256 of its DER.</summary>
    /// <exception cref="GmPkiException"><c>request-invalid</c> when <paramref name="der"/> is not an X.509 certificate.</exception>
    public static string CertificateHash(byte[] der)
    {
        ArgumentNullException.ThrowIfNull(der);
        try
        {
            using var certificate = X509CertificateLoader.LoadCertificate(der);
            return CertificateHash(certificate);
        }
        catch (CryptographicException e)
        {
            throw Errors.RequestInvalid.With("the client certificate is not a DER X.509 certificate: " + e.Message);
        }
    }

    /// <summary>The stored form of <paramref name="certificate"/>: lowercase hex SHA-256 of its DER.</summary>
    public static string CertificateHash(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Convert.ToHexStringLower(SHA256.HashData(certificate.RawData));
    }

    /// <summary>The 三员 (three separated officers): administrator, security officer, audit officer.</summary>
    public static bool IsSeparatedRole(OperatorRole role) => role is OperatorRole.CaAdministrator or OperatorRole.SecurityOfficer or OperatorRole.AuditOfficer;

    private async Task CheckAgencyAsync(NewOperator request, CancellationToken cancellationToken)
    {
        if (request.Role != OperatorRole.AgencyOperator)
        {
            if (request.Agency is not null)
            {
                throw Errors.RequestInvalid.With($"only agency operators belong to an agency; a {request.Role.ToName()} does not.");
            }

            return;
        }

        if (!delegation.Enabled)
        {
            throw Errors.AgencyScopeViolated.With("delegated registration is switched off in this deployment (D §22); no agency operator can be created.");
        }

        if (request.Agency is null || await agencies.FindAsync(request.Agency, cancellationToken) is null)
        {
            throw Errors.AgencyNotFound.With($"an agency operator needs an existing agency; '{request.Agency}' is not registered.");
        }
    }

    private async Task<string?> CheckSeparationAsync(NewOperator request, CancellationToken cancellationToken)
    {
        if (request.IdentityNumber is null)
        {
            return request.Role switch
            {
                OperatorRole.SecurityOfficer or OperatorRole.AuditOfficer
                    => throw Errors.SeparationOfDuties.With($"a {request.Role.ToName()} is created with the holder's identity number, so that the 三员 separation can be enforced."),
                OperatorRole.KmcOfficer
                    => throw Errors.SeparationOfDuties.With("a kmc-officer is created with the holder's identity number, so that a judicial key recovery's two approvals are known to come from two people."),
                _ => null,
            };
        }

        var number = request.IdentityNumber.Trim().ToUpperInvariant();
        if (!ChineseIdentifiers.IsCitizenIdentityNumber(number))
        {
            throw Errors.RequestInvalid.With("the identity number is not a valid resident identity number (GB 11643 check character).");
        }

        var personId = Sm3.HashHex(Encoding.UTF8.GetBytes(number));
        if (IsSeparatedRole(request.Role))
        {
            var clash = (await store.ListAsync(cancellationToken))
                .FirstOrDefault(o => !o.Disabled && o.PersonId == personId && IsSeparatedRole(o.Role) && o.Role != request.Role);
            if (clash is not null)
            {
                throw Errors.SeparationOfDuties.With($"this person already holds the {clash.Role.ToName()} role (operator '{clash.Name}'); administrator, security officer and audit officer must be different people.");
            }
        }

        return personId;
    }

    /// <summary>
    /// Finds the operator holding <paramref name="apiKey"/> if its credential is good now: not
    /// disabled and not expired. Null for an unknown key.
    /// </summary>
    /// <exception cref="GmPkiException"><c>operator-disabled</c> or <c>operator-key-expired</c> (401).</exception>
    public async Task<OperatorRecord?> AuthenticateAsync(string apiKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        if (!apiKey.StartsWith(KeyPrefix, StringComparison.Ordinal) || apiKey.Length >= 128)
        {
            return null;
        }

        return Usable(await LookUpAsync(KeyCacheKey(Hash(apiKey)), () => store.FindByApiKeyHashAsync(Hash(apiKey), cancellationToken)));
    }

    /// <summary>Disables or enables the operator again; audited <c>operator.disabled</c> / <c>operator.enabled</c>.</summary>
    /// <exception cref="GmPkiException"><c>operator-not-found</c>; <c>request-invalid</c> when an operator tries to disable itself.</exception>
    public async Task SetDisabledAsync(string name, bool disabled, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var account = await FindAsync(name, cancellationToken);
        if (disabled && actor.Name == "operator:" + name)
        {
            throw Errors.RequestInvalid.With("an operator cannot disable its own account; another administrator must.");
        }

        var audit = new AuditEvent(clock.GetUtcNow().UtcDateTime, disabled ? "operator.disabled" : "operator.enabled", actor.Name, actor.Role, "operator:" + name, "success", "{}", actor.RequestId);
        if (!await store.SetDisabledAsync(name, disabled, audit, cancellationToken))
        {
            throw Errors.OperatorNotFound.With($"no operator '{name}'.");
        }

        Forget(account);
    }

    /// <summary>
    /// Gives the operator a new API key (returned, shown only now) with the given expiry (null: none);
    /// the old key stops working at once here and within <see cref="CacheLifetime"/> on other nodes.
    /// Audited <c>operator.key-rotated</c>.
    /// </summary>
    /// <exception cref="GmPkiException"><c>operator-not-found</c>; <c>request-invalid</c> for an expiry not in the future.</exception>
    public async Task<string> RotateAsync(string name, DateTime? expiresAt, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var account = await FindAsync(name, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        CheckExpiry(expiresAt, now);
        var apiKey = NewKey();
        var audit = new AuditEvent(now, "operator.key-rotated", actor.Name, actor.Role, "operator:" + name, "success",
            JsonSerializer.Serialize(new { expiresAt }), actor.RequestId);
        if (!await store.RotateAsync(name, Hash(apiKey), expiresAt, audit, cancellationToken))
        {
            throw Errors.OperatorNotFound.With($"no operator '{name}'.");
        }

        Forget(account);
        return apiKey;
    }

    /// <summary>The operator named <paramref name="name"/>, in whatever state.</summary>
    /// <exception cref="GmPkiException"><c>operator-not-found</c>.</exception>
    public async Task<OperatorRecord> FindAsync(string name, CancellationToken cancellationToken)
        => (await store.ListAsync(cancellationToken)).FirstOrDefault(o => o.Name == name)
            ?? throw Errors.OperatorNotFound.With($"no operator '{name}'.");

    private OperatorRecord? Usable(OperatorRecord? found)
    {
        if (found is null)
        {
            return null;
        }

        if (found.Disabled)
        {
            throw Errors.OperatorDisabled.With($"operator '{found.Name}' is disabled.");
        }

        if (found.IsExpiredAt(clock.GetUtcNow().UtcDateTime))
        {
            throw Errors.OperatorKeyExpired.With($"the API key of operator '{found.Name}' expired at {found.ExpiresAt:yyyy-MM-ddTHH:mm:ssZ}.");
        }

        return found;
    }

    /// <summary>
    /// A found operator, from the cache when it was read from the store less than
    /// <see cref="CacheLifetime"/> ago by the injected clock; unknown credentials are never cached.
    /// </summary>
    private async Task<OperatorRecord?> LookUpAsync(string cacheKey, Func<Task<OperatorRecord?>> read)
    {
        var now = clock.GetUtcNow();
        if (cache.TryGetValue<CachedOperator>(cacheKey, out var cached) && cached is not null && now - cached.ReadAt < CacheLifetime)
        {
            return cached.Operator;
        }

        var found = await read();
        if (found is not null)
        {
            cache.Set(cacheKey, new CachedOperator(found, now), CacheLifetime);
        }
        else
        {
            cache.Remove(cacheKey);
        }

        return found;
    }

    private void Forget(OperatorRecord account)
    {
        cache.Remove(KeyCacheKey(account.ApiKeyHash));
        if (account.ClientCertificateSha256 is { } certificate)
        {
            cache.Remove(CertificateCacheKey(certificate));
        }
    }

    private static void CheckExpiry(DateTime? expiresAt, DateTime now)
    {
        if (expiresAt is { } expiry && expiry <= now)
        {
            throw Errors.RequestInvalid.With($"the key's expiry {expiry:yyyy-MM-ddTHH:mm:ssZ} is not in the future.");
        }
    }

    private static string NewKey() => KeyPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    private static string KeyCacheKey(string hash) => "operator-key:" + hash;

    private static string CertificateCacheKey(string hash) => "operator-certificate:" + hash;

    private sealed record CachedOperator(OperatorRecord Operator, DateTimeOffset ReadAt);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("^[a-z0-9._-]{1,64}$")]
    private static partial Regex NamePattern();
}

/// <summary>An operator account to create.</summary>
/// <param name="Name">Account name, <c>[a-z0-9._-]{1,64}</c>.</param>
/// <param name="Role">Its role.</param>
/// <param name="Agency">For an agency operator: its agency's code; null for other roles.</param>
/// <param name="IdentityNumber">The holder's resident identity number (GB 11643); required for security and audit officers, recommended for administrators.</param>
/// <param name="ClientCertificate">DER of a TLS client certificate (SM2, ECDSA or RSA) the operator may also authenticate with, or null.</param>
/// <param name="ExpiresAt">UTC instant from which the API key stops working, or null for none.</param>
public sealed record NewOperator(string Name, OperatorRole Role, string? Agency = null, string? IdentityNumber = null, byte[]? ClientCertificate = null, DateTime? ExpiresAt = null);
