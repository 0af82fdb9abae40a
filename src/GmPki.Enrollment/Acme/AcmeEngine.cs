using GmPki.Core.Enrollment;
using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Core.Profiles;
using GmPki.Core.Registration;
using GmPki.Registration.Protocols;

namespace GmPki.Enrollment.Acme;

/// <summary>The ACME resources a request addresses (RFC 8555 §7.1).</summary>
public enum AcmeResource
{
    /// <summary>newAccount (§7.3).</summary>
    NewAccount,

    /// <summary>An account: fetch, update, deactivate (§7.3.2, §7.3.6).</summary>
    Account,

    /// <summary>An account's orders list (§7.1.2.1).</summary>
    AccountOrders,

    /// <summary>keyChange (§7.3.5).</summary>
    KeyChange,

    /// <summary>newOrder (§7.4).</summary>
    NewOrder,

    /// <summary>An order (§7.1.3).</summary>
    Order,

    /// <summary>An order's finalize URL (§7.4).</summary>
    Finalize,

    /// <summary>An authorization (§7.5).</summary>
    Authorization,

    /// <summary>A challenge (§7.5.1).</summary>
    Challenge,

    /// <summary>An order's certificate (§7.4.2).</summary>
    Certificate,

    /// <summary>revokeCert (§7.6).</summary>
    RevokeCert,
}

/// <summary>
/// The ACME server (RFC 8555, docs/protocols.md) without its HTTP binding: the directory, nonces,
/// accounts (external account binding to a GmPki protocol account required), orders for DNS names,
/// http-01 and dns-01 challenges, finalization as a registration application
/// (<see cref="ProtocolEnrollment"/>), certificate download and revocation. Its state lives behind
/// <see cref="IAcmeStore"/>; every answer carries a fresh nonce, and refusals are problem documents.
/// </summary>
public sealed class AcmeEngine : IDisposable
{
    /// <summary>Largest request body: 64 KiB.</summary>
    public const int MaxBody = 64 * 1024;

    /// <summary>An engine over the ACME store, the registration workflow, the protocol accounts, the ledgers and the issuing CA.</summary>
    /// <param name="store">The ACME objects and nonces.</param>
    /// <param name="clock">The clock.</param>
    /// <param name="settings">The validated <c>Acme</c> settings (challenge validation).</param>
    /// <param name="dns">The DNS TXT resolver for dns-01.</param>
    /// <param name="enrollment">The registration workflow of protocol enrollments.</param>
    /// <param name="accounts">The protocol accounts (external account binding, certificate-key revocation).</param>
    /// <param name="accountStore">The protocol account store (binding still enabled).</param>
    /// <param name="ledger">The registration ledger.</param>
    /// <param name="certificates">The certificate directory.</param>
    /// <param name="authority">The issuing CA (the chain of a download).</param>
    /// <param name="profiles">The certificate profiles by name.</param>
    public AcmeEngine(IAcmeStore store, TimeProvider clock, AcmeSettings settings, IDnsTxtResolver dns, ProtocolEnrollment enrollment, ProtocolAccounts accounts,
        IProtocolAccountStore accountStore, IRegistrationLedger ledger, ICertificateDirectory certificates, IEnrollmentAuthority authority,
        IReadOnlyDictionary<string, CertificateProfile> profiles)
    {
        Objects = new AcmeObjects(store, clock);
        Nonces = new AcmeNonces(store, clock);
        Validator = new AcmeValidator(settings, dns);
        Enrollment = enrollment;
        Accounts = accounts;
        AccountStore = accountStore;
        Ledger = ledger;
        Certificates = certificates;
        Authority = authority;
        Profiles = profiles;
    }

    internal AcmeObjects Objects { get; }

    internal AcmeNonces Nonces { get; }

    internal AcmeValidator Validator { get; }

    internal ProtocolEnrollment Enrollment { get; }

    internal ProtocolAccounts Accounts { get; }

    internal IProtocolAccountStore AccountStore { get; }

    internal IRegistrationLedger Ledger { get; }

    internal ICertificateDirectory Certificates { get; }

    internal IEnrollmentAuthority Authority { get; }

    internal IReadOnlyDictionary<string, CertificateProfile> Profiles { get; }

    /// <summary>The directory (§7.1.1); <c>externalAccountRequired</c> because every certificate needs a subscriber with a recorded basis.</summary>
    public Task<AcmeResult> DirectoryAsync(AcmeExchange exchange, CancellationToken cancellationToken)
        => GuardAsync(exchange, () =>
        {
            var urls = exchange.Urls;
            return Task.FromResult(AcmeResponses.Resource(exchange, new
            {
                newNonce = urls.NewNonce,
                newAccount = urls.NewAccount,
                newOrder = urls.NewOrder,
                revokeCert = urls.RevokeCert,
                keyChange = urls.KeyChange,
                meta = new { externalAccountRequired = true },
            }));
        }, cancellationToken);

    /// <summary>A fresh nonce (§7.2): 204 for GET, 200 for HEAD, the nonce in <see cref="AcmeExchange.ReplayNonce"/>.</summary>
    public Task<AcmeResult> NewNonceAsync(AcmeExchange exchange, bool get, CancellationToken cancellationToken)
        => GuardAsync(exchange, () => Task.FromResult(new AcmeResult(get ? 204 : 200, null, [])), cancellationToken);

    /// <summary>The answer to a POST to <paramref name="resource"/> (with its <paramref name="id"/> where it has one).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An unknown <paramref name="resource"/>.</exception>
    public Task<AcmeResult> PostAsync(AcmeResource resource, AcmeExchange exchange, string? id, CancellationToken cancellationToken)
        => GuardAsync(exchange, () => resource switch
        {
            AcmeResource.NewAccount => AcmeAccountResources.NewAccountAsync(exchange, cancellationToken),
            AcmeResource.Account => AcmeAccountResources.AccountAsync(exchange, id!, cancellationToken),
            AcmeResource.AccountOrders => AcmeAccountResources.OrdersAsync(exchange, id!, cancellationToken),
            AcmeResource.KeyChange => AcmeAccountResources.KeyChangeAsync(exchange, cancellationToken),
            AcmeResource.NewOrder => AcmeOrderResources.NewOrderAsync(exchange, cancellationToken),
            AcmeResource.Order => AcmeOrderResources.OrderAsync(exchange, id!, cancellationToken),
            AcmeResource.Finalize => AcmeFinalization.FinalizeAsync(exchange, id!, cancellationToken),
            AcmeResource.Authorization => AcmeAuthorizationResources.AuthorizationAsync(exchange, id!, cancellationToken),
            AcmeResource.Challenge => AcmeAuthorizationResources.ChallengeAsync(exchange, id!, cancellationToken),
            AcmeResource.Certificate => AcmeFinalization.CertificateAsync(exchange, id!, cancellationToken),
            AcmeResource.RevokeCert => AcmeRevocation.RevokeAsync(exchange, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(resource), resource, "not an ACME resource"),
        }, cancellationToken);

    /// <summary>The problem answer to a request the host refused before reading it (for example a body over <see cref="MaxBody"/>).</summary>
    public Task<AcmeResult> RefuseAsync(AcmeExchange exchange, GmPkiException error, CancellationToken cancellationToken)
        => GuardAsync(exchange, () => Task.FromException<AcmeResult>(error), cancellationToken);

    /// <inheritdoc/>
    public void Dispose() => Validator.Dispose();

    private Task<AcmeResult> GuardAsync(AcmeExchange exchange, Func<Task<AcmeResult>> handler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        exchange.Engine = this;
        return AcmeResponses.GuardAsync(exchange, handler, cancellationToken);
    }
}
