using GmPki.Core.Keys;
using GmPki.Core.Ledger;
using GmPki.Core.Status;
using GmPki.Hosting.Configuration;
using GmPki.Hosting.Keys;
using GmPki.Status;
using GmPki.Status.Crl;
using GmPki.Status.Ocsp;

namespace GmPki.Hosting.Status;

/// <summary>
/// The status services of the running server: opens every CA's key and its delegated OCSP
/// responder once at start-up (<see cref="OpenAsync"/>, all keys in parallel), then holds the <see cref="CrlPublisher"/>
/// and the <see cref="OcspResponder"/>. A root CA publishes one CRL shard (the one its issuing
/// CA's certificate points to); an issuing CA <c>PublicUrls:CrlShards</c>.
/// </summary>
/// <param name="registry">The CAs.</param>
/// <param name="keys">The key store.</param>
/// <param name="responders">Responder keys and certificates.</param>
/// <param name="ledger">Status reads and CRL writes.</param>
/// <param name="configuration">Validated configuration (URLs, shards, schedules).</param>
/// <param name="clock">Time source.</param>
public sealed class StatusDirectory(
    IAuthorityRegistry registry, IKeyStore keys, ResponderKeys responders, IStatusLedger ledger, InstallationConfiguration.Validated configuration, TimeProvider clock)
    : IDisposable
{
    private (CrlPublisher Publisher, OcspResponder Responder)? _services;

    /// <summary>The CRL publisher.</summary>
    /// <exception cref="InvalidOperationException"><see cref="OpenAsync"/> has not run.</exception>
    public CrlPublisher Publisher => Services.Publisher;

    /// <summary>The OCSP responder.</summary>
    /// <exception cref="InvalidOperationException"><see cref="OpenAsync"/> has not run.</exception>
    public OcspResponder Responder => Services.Responder;

    private (CrlPublisher Publisher, OcspResponder Responder) Services
        => _services ?? throw new InvalidOperationException("The status services are not open; call OpenAsync at start-up.");

    /// <summary>Opens the CA keys and responders (creating or renewing responder certificates).</summary>
    /// <exception cref="Core.Errors.GmPkiException">A key store error.</exception>
    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        var records = await registry.ListAsync(cancellationToken);
        var authorities = await Task.WhenAll(records.Select(record => Task.Run(() => OpenAuthorityAsync(record, cancellationToken), cancellationToken)));
        _services = (new CrlPublisher(authorities, ledger, configuration.Status, clock), new OcspResponder(authorities, ledger, configuration.Status, clock));
    }

    private async Task<StatusAuthority> OpenAuthorityAsync(AuthorityRecord record, CancellationToken cancellationToken)
    {
        var urls = configuration.Issuance.Urls;
        var caKey = Task.Run(() => keys.Open(record.KeyReference, System.Text.Encoding.UTF8.GetBytes(record.Sm2UserId)), cancellationToken);
        var identity = new IssuerIdentity(record.Label, record.CertificateDer);
        var (responderKey, responderCertificate) = await responders.EnsureAsync(record, identity, caKey, cancellationToken);
        return new StatusAuthority(identity, await caKey, responderKey, responderCertificate,
            record.Kind == AuthorityKind.Root ? 1 : urls.CrlShards, shard => urls.Crl(record.Label, shard));
    }

    /// <inheritdoc/>
    public void Dispose() => _services?.Responder.Dispose();
}
