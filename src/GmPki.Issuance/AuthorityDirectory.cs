using GmPki.Core.Errors;
using GmPki.Core.Issuance;
using GmPki.Core.Keys;
using GmPki.Core.Ledger;
using GmPki.Core.Profiles;
using GmPki.Issuance.Authorities;

namespace GmPki.Issuance;

/// <summary>
/// The installation's CAs: their public records (no key needed) and the issuer, whose CA key is
/// opened once, on first use or at start-up, and kept for the life of the process. As an
/// <see cref="ICertificateAuthority"/> it is what the registration authority instructs.
/// </summary>
public sealed class AuthorityDirectory : ICertificateAuthority
{
    private readonly IAuthorityRegistry _registry;
    private readonly IKeyStore _keys;
    private readonly Func<IReadOnlyList<byte[]>, CertificateAuthority, CertificateIssuer> _createIssuer;
    private readonly Lazy<Task<CertificateIssuer>> _issuer;

    /// <summary>Creates the directory of an installation whose issuer signs with <paramref name="profiles"/> and records in <paramref name="ledger"/>.</summary>
    /// <param name="registry">Where CA records are kept.</param>
    /// <param name="keys">Where CA keys are kept.</param>
    /// <param name="profiles">Certificate profiles by name.</param>
    /// <param name="ledger">Where issuance is recorded (reservation before signing).</param>
    /// <param name="audit">The audit log.</param>
    /// <param name="clock">Time source.</param>
    /// <param name="settings">Publication URLs and backdating.</param>
    public AuthorityDirectory(
        IAuthorityRegistry registry, IKeyStore keys, IReadOnlyDictionary<string, CertificateProfile> profiles, IIssuanceLedger ledger, IAuditLog audit, TimeProvider clock, IssuanceSettings settings)
    {
        _registry = registry;
        _keys = keys;
        _createIssuer = (chain, issuing) => new CertificateIssuer(issuing, chain, profiles, ledger, audit, clock, settings);
        _issuer = new Lazy<Task<CertificateIssuer>>(OpenIssuerAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>All CA records.</summary>
    public Task<IReadOnlyList<AuthorityRecord>> ListAsync(CancellationToken cancellationToken) => _registry.ListAsync(cancellationToken);

    /// <summary>The chain above end-entity certificates: issuing CA first, root last (DER).</summary>
    /// <exception cref="GmPkiException"><c>issuer-unavailable</c> when no issuing CA exists.</exception>
    public async Task<IReadOnlyList<byte[]>> ChainAsync(CancellationToken cancellationToken)
        => Chain(await _registry.ListAsync(cancellationToken)).Select(a => a.CertificateDer).ToList();

    /// <summary>The issuing CA's record: the CA that signs end-entity certificates (no key opened).</summary>
    /// <exception cref="GmPkiException"><c>issuer-unavailable</c> when no issuing CA exists.</exception>
    public async Task<AuthorityRecord> IssuingAsync(CancellationToken cancellationToken)
        => Chain(await _registry.ListAsync(cancellationToken))[0];

    /// <inheritdoc/>
    public async Task<CertificatePreview> PreviewAsync(IssuanceRequest request, CancellationToken cancellationToken)
        => await (await IssuerAsync()).PreviewAsync(request, cancellationToken);

    /// <inheritdoc/>
    public async Task<IssuedCertificate> IssueAsync(IssuanceRequest request, Actor actor, CancellationToken cancellationToken)
        => await (await IssuerAsync()).IssueAsync(request, actor, cancellationToken);

    /// <inheritdoc/>
    public async Task<IssuedCertificate> ExtendAsync(byte[] certificateDer, string profile, Guid? applicationId, Actor actor, CancellationToken cancellationToken)
        => await (await IssuerAsync()).ExtendAsync(certificateDer, profile, applicationId, actor, cancellationToken);

    /// <inheritdoc/>
    public async Task<IssuedCertificate> IssueEncryptionAsync(byte[] signingCertificateDer, byte[] encryptionPublicKey, string profile, Guid? applicationId, Actor actor, CancellationToken cancellationToken)
        => await (await IssuerAsync()).IssueEncryptionAsync(signingCertificateDer, encryptionPublicKey, profile, applicationId, actor, cancellationToken);

    /// <summary>The issuer; the first call opens the issuing CA's key.</summary>
    /// <exception cref="GmPkiException"><c>issuer-unavailable</c>, <c>passphrase-missing</c>,
    /// <c>key-not-found</c> or <c>key-unlock-failed</c>.</exception>
    public Task<CertificateIssuer> IssuerAsync() => _issuer.Value;

    private async Task<CertificateIssuer> OpenIssuerAsync()
    {
        var chain = Chain(await _registry.ListAsync(CancellationToken.None));
        var issuing = CertificateAuthority.Open(chain[0], _keys);
        return _createIssuer(chain.Select(a => a.CertificateDer).ToList(), issuing);
    }

    private static List<AuthorityRecord> Chain(IReadOnlyList<AuthorityRecord> authorities)
    {
        var issuing = authorities.LastOrDefault(a => a.Kind == AuthorityKind.Issuing)
            ?? throw Errors.IssuerUnavailable.With("this installation has no issuing CA; run 'gmpki init'.");
        var chain = new List<AuthorityRecord> { issuing };
        while (chain[^1].ParentLabel is { } parent && chain.Count < 8)
        {
            chain.Add(authorities.FirstOrDefault(a => a.Label == parent)
                ?? throw Errors.IssuerUnavailable.With($"CA '{chain[^1].Label}' names parent '{parent}', which does not exist."));
        }

        return chain;
    }
}
