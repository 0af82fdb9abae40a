using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using GmPki.Core.Errors;
using GmPki.Core.Keys;
using GmPki.Core.Ledger;
using GmPki.Core.Profiles;
using GmPki.Core.Registration;
using GmPki.Core.Security;
using GmPki.Cryptography.Sm;
using GmPki.Registration.Workflow;

namespace GmPki.Registration.Protocols;

/// <summary>What creating a protocol account takes.</summary>
/// <param name="Protocol">The protocol it enrolls through.</param>
/// <param name="Name">Account name, unique per protocol: 1–64 of <c>a-z 0-9 . _ -</c>, starting with a letter or digit.</param>
/// <param name="Profile">The one profile it enrolls for.</param>
/// <param name="BasisApplicationId">A completed new, renew or change application of the subscriber, done at the desk: its identity verification, materials review, notices and agreement are what every enrollment of the account relies on; the subscriber is that application's.</param>
public sealed record ProtocolAccountInput(EnrollmentProtocol Protocol, string Name, string Profile, Guid BasisApplicationId);

/// <summary>
/// Protocol accounts (协议接入账户): a registrar binds a protocol credential to a subscriber whose
/// identity, materials, notices and agreement were handled at the desk in a completed application
/// (M24 §21, D §23, §24), so that every certificate the account enrolls for has the same recorded
/// basis (docs/protocols.md). The secret is 256 random bits (43 base64url characters), shown once;
/// the store keeps its SM3 (to authenticate) and the secret sealed under the data key (for the MACs
/// of CMP and ACME, <see cref="RevealSecretAsync"/>).
/// </summary>
public sealed partial class ProtocolAccounts(IProtocolAccountStore store, IRegistrationLedger ledger, ICertificateDirectory certificates, IReadOnlyDictionary<string, CertificateProfile> profiles, IPersonalDataProtector protector, TimeProvider clock)
{
    private static readonly OperatorRole[] Desk = [OperatorRole.Registrar, OperatorRole.AgencyOperator];

    /// <summary>Creates an account.</summary>
    /// <returns>The account and its secret (shown once).</returns>
    /// <exception cref="GmPkiException"><c>forbidden</c> (not a registrar, or another agency's subscriber); <c>request-invalid</c> (name, taken name, basis not a completed issuing application); <c>profile-unknown</c>; <c>application-not-found</c>.</exception>
    public async Task<(ProtocolAccount Account, string Secret)> CreateAsync(ProtocolAccountInput input, RegistrationActor registrar, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(registrar);
        if (!registrar.HasRole(Desk))
        {
            throw Errors.Forbidden.With("protocol accounts are created at the desk by registrars and agency operators.");
        }

        if (!NamePattern().IsMatch(input.Name))
        {
            throw Errors.RequestInvalid.With($"account name '{input.Name}' must be 1–64 of a-z 0-9 . _ -, starting with a letter or digit.");
        }

        if (!profiles.ContainsKey(input.Profile))
        {
            throw Errors.ProfileUnknown.With($"'{input.Profile}'.");
        }

        var basis = await ledger.FindApplicationAsync(input.BasisApplicationId, cancellationToken)
            ?? throw Errors.ApplicationNotFound.With($"no application {input.BasisApplicationId}.");
        if (basis.State != ApplicationState.Completed || !StepTable.Issues(basis.Kind) || basis.Kind == ApplicationKind.Extend)
        {
            throw Errors.RequestInvalid.With($"application {basis.Id} is a {KebabNames.Of(basis.State)} {KebabNames.Of(basis.Kind)} application; the basis of a protocol account is a completed new, renew or change application.");
        }

        if (registrar.Role == OperatorRole.AgencyOperator && basis.Agency != registrar.Agency)
        {
            throw Errors.Forbidden.With($"agency '{registrar.Agency}' may create accounts only on applications it registered.");
        }

        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = clock.GetUtcNow().UtcDateTime;
        var sealedSecret = protector.Protect(Encoding.ASCII.GetBytes(secret), SealPurpose(input.Protocol, input.Name));
        var account = new ProtocolAccount(input.Protocol, input.Name, basis.SubscriberId, input.Profile, basis.Id, HashSecret(secret), sealedSecret, registrar.Name, registrar.Agency, now, false);
        await store.AddAsync(account, registrar.Event(now, "protocol-account.created", Target(account.Protocol, account.Name), "success", new
        {
            protocol = KebabNames.Of(account.Protocol),
            account.Name,
            subscriber = account.SubscriberId,
            account.Profile,
            basis = account.BasisApplicationId,
        }), cancellationToken);
        return (account, secret);
    }

    /// <summary>The enabled account whose secret is <paramref name="secret"/>, or null (unknown name, wrong secret or disabled; callers audit the refusal).</summary>
    public async Task<ProtocolAccount?> AuthenticateAsync(EnrollmentProtocol protocol, string name, string secret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var account = await store.FindAsync(protocol, name, cancellationToken);
        return account is { Disabled: false }
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(account.SecretSm3), Encoding.ASCII.GetBytes(HashSecret(secret)))
            ? account
            : null;
    }

    /// <summary>
    /// The secret of an enabled account, for protocols whose client proves it by a MAC keyed with it
    /// (CMP password-based MAC, RFC 4210 §5.1.3.1; ACME external account binding, RFC 8555 §7.3.4).
    /// </summary>
    /// <returns>The account and its secret (ASCII, as shown at creation), or null when the account is unknown, disabled, or was created before secrets were sealed (callers audit the refusal).</returns>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The sealed secret does not open under the data key (tampered row or another installation's key).</exception>
    public async Task<(ProtocolAccount Account, string Secret)?> RevealSecretAsync(EnrollmentProtocol protocol, string name, CancellationToken cancellationToken)
    {
        var account = await store.FindAsync(protocol, name, cancellationToken);
        return account is { Disabled: false, SecretSealed: { } sealedSecret }
            ? (account, Encoding.ASCII.GetString(protector.Unprotect(sealedSecret, SealPurpose(protocol, name))))
            : null;
    }

    /// <summary>
    /// The enabled account that enrolled the certificate a client presents in TLS (RFC 7030 §3.3.2,
    /// re-enrollment with the certificate being renewed): the exact bytes this CA issued, good and
    /// within its validity now, produced by an enrollment of that account; null otherwise (callers
    /// audit the refusal).
    /// </summary>
    /// <returns>The account and the certificate's serial, or null.</returns>
    public async Task<(ProtocolAccount Account, string Serial)?> AuthenticateByCertificateAsync(EnrollmentProtocol protocol, byte[] certificateDer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificateDer);
        string serial;
        try
        {
            serial = SerialText.FromOctets(Org.BouncyCastle.Asn1.X509.X509CertificateStructure.GetInstance(certificateDer).SerialNumber.Value.ToByteArrayUnsigned());
        }
        catch (Exception e) when (e is ArgumentException or InvalidCastException or IOException)
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var record = await certificates.FindAsync(serial, cancellationToken);
        if (record is not { State: CertificateState.Issued, Status: CertificateStatus.Good, CertificateDer: { } der }
            || !der.AsSpan().SequenceEqual(certificateDer) || now < record.Reservation.NotBefore || now > record.Reservation.NotAfter)
        {
            return null;
        }

        var prefix = $"protocol:{KebabNames.Of(protocol)}:";
        var application = await ledger.FindApplicationOfCertificateAsync(record.SerialHex, cancellationToken);
        return application?.CreatedBy is { } creator && creator.StartsWith(prefix, StringComparison.Ordinal)
            && await store.FindAsync(protocol, creator[prefix.Length..], cancellationToken) is { Disabled: false } account
            ? (account, record.SerialHex)
            : null;
    }

    /// <summary>Every account.</summary>
    public Task<IReadOnlyList<ProtocolAccount>> ListAsync(CancellationToken cancellationToken) => store.ListAsync(cancellationToken);

    /// <summary>
    /// Disables (or enables again) an account. An agency operator may do so only for its own
    /// agency's accounts (docs/api.md, Authorization); the CA's own and other agencies' are refused.
    /// </summary>
    /// <exception cref="GmPkiException"><c>forbidden</c> (not a registrar or agency operator); <c>agency-scope-violated</c>
    /// for an agency operator and an account not created for its agency; <c>request-invalid</c> when there is no such account.</exception>
    public async Task SetDisabledAsync(EnrollmentProtocol protocol, string name, bool disabled, RegistrationActor registrar, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registrar);
        if (!registrar.HasRole(Desk))
        {
            throw Errors.Forbidden.With("protocol accounts are managed at the desk by registrars and agency operators.");
        }

        var account = await store.FindAsync(protocol, name, cancellationToken)
            ?? throw Errors.RequestInvalid.With($"no {KebabNames.Of(protocol)} account '{name}'.");
        if (registrar.Role == OperatorRole.AgencyOperator && account.Agency != registrar.Agency)
        {
            throw Errors.AgencyScopeViolated.With($"the {KebabNames.Of(protocol)} account '{name}' is not one of agency '{registrar.Agency}'; an agency operator manages only its own agency's accounts.");
        }

        var audit = registrar.Event(clock.GetUtcNow().UtcDateTime, disabled ? "protocol-account.disabled" : "protocol-account.enabled", Target(protocol, name), "success", new { });
        if (!await store.SetDisabledAsync(protocol, name, disabled, audit, cancellationToken))
        {
            throw Errors.RequestInvalid.With($"no {KebabNames.Of(protocol)} account '{name}'.");
        }
    }

    private static string Target(EnrollmentProtocol protocol, string name) => $"protocol-account:{KebabNames.Of(protocol)}/{name}";

    private static string SealPurpose(EnrollmentProtocol protocol, string name) => $"protocol-account:{KebabNames.Of(protocol)}/{name}:secret";

    private static string HashSecret(string secret) => Sm3.HashHex(Encoding.UTF8.GetBytes(secret));

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$")]
    private static partial Regex NamePattern();
}
