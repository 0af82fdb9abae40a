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
/// characters (32 random bytes); only its SM3 hash is stored, and the key is shown once.
/// Successful look-ups are cached for <see cref="CacheLifetime"/>, so a disabled key stops working
/// within that time; unknown keys are never cached.
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
        var apiKey = KeyPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow().UtcDateTime;
        var audit = new AuditEvent(now, "operator.created", actor.Name, actor.Role, "operator:" + request.Name, "success",
            JsonSerializer.Serialize(new { role = request.Role.ToName(), agency = request.Agency, personRecorded = personId is not null, clientCertificateSha256 = certificate }), actor.RequestId);
        await store.AddAsync(new OperatorRecord(request.Name, request.Role, Hash(apiKey), now, Disabled: false, request.Agency, personId, certificate), audit, cancellationToken);
        return apiKey;
    }

    /// <summary>
    /// Finds the enabled operator bound to <paramref name="certificate"/> (a TLS client
    /// certificate, direct or forwarded by a trusted proxy), if it is within its validity period
    /// now; null otherwise. Successful look-ups are cached like API keys.
    /// </summary>
    public async Task<OperatorRecord?> AuthenticateAsync(X509Certificate2 certificate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var now = clock.GetUtcNow().UtcDateTime;
        if (now < certificate.NotBefore.ToUniversalTime() || now > certificate.NotAfter.ToUniversalTime())
        {
            return null;
        }

        var hash = CertificateHash(certificate);
        if (cache.TryGetValue<OperatorRecord>("operator-certificate:" + hash, out var cached))
        {
            return cached;
        }

        var found = await store.FindByClientCertificateAsync(hash, cancellationToken);
        if (found is not null)
        {
            cache.Set("operator-certificate:" + hash, found, CacheLifetime);
        }

        return found;
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

/// <summary>An operator account to create.</summary>
/// <param name="Name">Account name, <c>[a-z0-9._-]{1,64}</c>.</param>
/// <param name="Role">Its role.</param>
/// <param name="Agency">For an agency operator: its agency's code; null for other roles.</param>
/// <param name="IdentityNumber">The holder's resident identity number (GB 11643); required for security and audit officers, recommended for administrators.</param>
/// <param name="ClientCertificate">DER of a TLS client certificate (SM2, ECDSA or RSA) the operator may also authenticate with, or null.</param>
public sealed record NewOperator(string Name, OperatorRole Role, string? Agency = null, string? IdentityNumber = null, byte[]? ClientCertificate = null);
