using System.Security.Cryptography;
using System.Text.Json;
using GmPki.Core.Errors;
using GmPki.Core.Issuance;
using GmPki.Core.Keys;
using GmPki.Core.Ledger;
using GmPki.Core.Profiles;
using GmPki.Cryptography.Signing;
using GmPki.Cryptography.Sm;
using GmPki.Issuance.Authorities;
using GmPki.Issuance.Building;
using GmPki.Issuance.Checks;
using GmPki.Issuance.Identity;
using GmPki.Issuance.Requests;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace GmPki.Issuance;

/// <summary>
/// The issuance cycle (<c>docs/issuance.md</c>): check the request → reserve and persist a serial →
/// build the TBSCertificate → pre-issuance check → persist the intended TBS → sign → check the
/// signed certificate carries exactly the checked TBS and verifies under the CA key → store.
/// Each step writes an audit event with its state change; a reserved serial always ends as
/// issued or failed and is never reused. Thread-safe.
/// </summary>
public sealed class CertificateIssuer : ICertificateAuthority
{
    private const int MaxSerialAttempts = 5;
    private readonly CertificateAuthority _issuer;
    private readonly IReadOnlyList<byte[]> _chain;
    private readonly IReadOnlyDictionary<string, CertificateProfile> _profiles;
    private readonly IIssuanceLedger _ledger;
    private readonly IAuditLog _audit;
    private readonly TimeProvider _clock;
    private readonly IssuanceSettings _settings;
    private readonly byte[] _issuerSm2Id;

    /// <summary>Creates the issuer.</summary>
    /// <param name="issuer">The issuing CA, opened.</param>
    /// <param name="chain">DER certificates from the issuing CA (first) to the root (last).</param>
    /// <param name="profiles">Validated profiles by name.</param>
    /// <param name="ledger">Where serials, intended TBS and certificates are recorded.</param>
    /// <param name="audit">Where rejections are recorded.</param>
    /// <param name="clock">Time source.</param>
    /// <param name="settings">URLs and backdating.</param>
    public CertificateIssuer(
        CertificateAuthority issuer,
        IReadOnlyList<byte[]> chain,
        IReadOnlyDictionary<string, CertificateProfile> profiles,
        IIssuanceLedger ledger,
        IAuditLog audit,
        TimeProvider clock,
        IssuanceSettings settings)
    {
        _issuer = issuer;
        _chain = chain;
        _profiles = profiles;
        _ledger = ledger;
        _audit = audit;
        _clock = clock;
        _settings = settings;
        _issuerSm2Id = System.Text.Encoding.UTF8.GetBytes(issuer.Record.Sm2UserId);
    }

    /// <summary>The profiles this issuer serves, by name.</summary>
    public IReadOnlyDictionary<string, CertificateProfile> Profiles => _profiles;

    /// <inheritdoc/>
    public Task<CertificatePreview> PreviewAsync(IssuanceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var intent = Check(request.Profile, Reader(request), KeySource.Request);
        return Task.FromResult(new CertificatePreview(
            intent.Subject.Text,
            [.. Asn1Sequence.GetInstance(intent.Subject.Name.ToAsn1Object()).Cast<Asn1Encodable>().Select(AttributeOf)],
            [.. intent.Subject.AltNames.Select(n => n.Value)],
            intent.SubjectKey.Algorithm,
            intent.SubjectKey.SubjectPublicKeyInfo));
    }

    /// <summary>Issues one certificate.</summary>
    /// <exception cref="GmPkiException">Any request error of the catalog (<c>profile-unknown</c>,
    /// <c>csr-*</c>, <c>identity-extension-rejected</c>), <c>issuer-unavailable</c>,
    /// <c>pre-issuance-check-failed</c>, <c>signing-fault</c> or <c>serial-reservation-failed</c>;
    /// each is audited before it is thrown.</exception>
    public Task<IssuedCertificate> IssueAsync(IssuanceRequest request, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return IssueAsync(request.Profile, Reader(request), KeySource.Request, request.ApplicationId, actor, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<IssuedCertificate> ExtendAsync(byte[] certificateDer, string profile, Guid? applicationId, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificateDer);
        return IssueAsync(profile, () =>
        {
            var (request, identity, certificate) = IssuedCertificateRequest.Read(certificateDer);
            return IsOwn(certificate) ? (request, identity) : throw Errors.RequestInvalid.With("the certificate to extend was not issued by this CA.");
        }, KeySource.Certificate, applicationId, actor, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<IssuedCertificate> IssueEncryptionAsync(byte[] signingCertificateDer, byte[] encryptionPublicKey, string profile, Guid? applicationId, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signingCertificateDer);
        ArgumentNullException.ThrowIfNull(encryptionPublicKey);
        return IssueAsync(profile, () =>
        {
            var (request, identity, certificate) = IssuedCertificateRequest.Read(signingCertificateDer);
            return IsOwn(certificate)
                ? (request with { PublicKey = PublicKey.Parse(encryptionPublicKey) }, identity)
                : throw Errors.RequestInvalid.With("the signing certificate of the pair was not issued by this CA.");
        }, KeySource.KeyManagementCentre, applicationId, actor, cancellationToken);
    }

    /// <summary>Where the subject key of an issuance comes from, which decides the profiles it may use.</summary>
    private enum KeySource
    {
        /// <summary>A PKCS#10 request: not an encryption profile (its keys come from the KMC).</summary>
        Request,

        /// <summary>A certificate this CA issued (extension): any profile.</summary>
        Certificate,

        /// <summary>The key management centre: only an encryption profile.</summary>
        KeyManagementCentre,
    }

    /// <summary>Reads an issuance request when called: parses and checks its CSR, so that a refusal is audited as a rejected request.</summary>
    private static Func<(CertificationRequest, IReadOnlyDictionary<IdentityExtensionType, string>?)> Reader(IssuanceRequest request)
        => () => (CertificationRequestParser.Parse(request.CertificationRequest), request.IdentityExtensions);

    private async Task<IssuedCertificate> IssueAsync(
        string profileName, Func<(CertificationRequest, IReadOnlyDictionary<IdentityExtensionType, string>?)> read, KeySource source, Guid? applicationId, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var now = TbsBuilder.WholeSeconds(_clock.GetUtcNow().UtcDateTime);
        IssuanceIntent intent;
        DateTime notBefore, notAfter;
        try
        {
            intent = Check(profileName, read, source);
            notBefore = Max(now - _settings.Backdate, _issuer.NotBefore);
            notAfter = Shortened(notBefore, notBefore + intent.Profile.Validity, intent.RequestedNotAfter);
            if (notBefore < _issuer.NotBefore || notAfter > _issuer.NotAfter)
            {
                throw Errors.IssuerUnavailable.With($"issuing CA '{_issuer.Label}' is valid {_issuer.NotBefore:u} to {_issuer.NotAfter:u} and cannot cover {notBefore:u} to {notAfter:u}; renew the issuing CA.");
            }
        }
        catch (GmPkiException e)
        {
            await _audit.AppendAsync(Event(now, "certificate.request-rejected", actor, null, "rejected", new { profile = profileName, error = e.Error.Code, detail = e.Detail }), CancellationToken.None);
            e.MarkAudited();
            throw;
        }

        var (serial, serialHex, shard) = await ReserveAsync(intent, notBefore, notAfter, applicationId, actor, now, cancellationToken);
        try
        {
            var tbs = EndEntityTbs.Build(intent, serial, notBefore, notAfter, shard, _settings.Urls);
            var findings = PreIssuanceCheck.Run(tbs, intent);
            if (findings.Count > 0)
            {
                throw Errors.PreIssuanceCheckFailed.With(string.Join("; ", findings));
            }

            await _ledger.RecordIntendedAsync(_issuer.Label, serialHex, tbs,
                Event(now, "certificate.signing", actor, serialHex, "success", new { tbsSm3 = Sm3.HashHex(tbs) }), cancellationToken);
            var certificate = CertificateAssembler.Sign(tbs, _issuer.Key);
            CheckSigned(certificate, tbs);
            await _ledger.RecordIssuedAsync(_issuer.Label, serialHex, certificate,
                Event(_clock.GetUtcNow().UtcDateTime, "certificate.issued", actor, serialHex, "success", new
                {
                    profile = intent.Profile.Name,
                    subject = intent.Subject.Text,
                    notBefore,
                    notAfter,
                    sha256 = Convert.ToHexStringLower(SHA256.HashData(certificate)),
                    sm3 = Sm3.HashHex(certificate),
                }), CancellationToken.None);
            return new IssuedCertificate(serialHex, certificate, _chain, intent.Profile.Name, intent.Subject.Text, notBefore, notAfter);
        }
        catch (Exception e) when (e is GmPkiException or CryptographicException or InvalidOperationException or ArgumentException)
        {
            var error = e as GmPkiException ?? Errors.SigningFault.With("issuance stopped by an internal error; see the server log.", e);
            await _ledger.RecordFailedAsync(_issuer.Label, serialHex, error.Message,
                Event(_clock.GetUtcNow().UtcDateTime, "certificate.issuance-failed", actor, serialHex, "failed", new { error = error.Error.Code, detail = error.Detail }), CancellationToken.None);
            error.MarkAudited();
            if (ReferenceEquals(error, e))
            {
                throw;
            }

            throw error;
        }
    }

    private IssuanceIntent Check(string profileName, Func<(CertificationRequest, IReadOnlyDictionary<IdentityExtensionType, string>?)> read, KeySource source)
    {
        var profile = _profiles.GetValueOrDefault(profileName)
            ?? throw Errors.ProfileUnknown.With($"'{profileName}'; configured profiles: {string.Join(", ", _profiles.Keys)}.");
        if (source == KeySource.Request && profile.KmcKeys)
        {
            throw Errors.RequestInvalid.With($"profile '{profile.Name}' is an encryption profile: its key pairs come from the key management centre; apply for a dual pair under its signing profile.");
        }

        if (source == KeySource.KeyManagementCentre && !profile.KmcKeys)
        {
            throw Errors.RequestInvalid.With($"profile '{profile.Name}' is not an encryption profile (no profile names it as EncryptionProfile).");
        }

        var (parsed, identityValues) = read();
        if (!profile.KeyAlgorithms.Contains(parsed.PublicKey.Algorithm))
        {
            throw Errors.ProfileKeyAlgorithmNotAllowed.With(
                $"profile '{profile.Name}' accepts {string.Join(", ", profile.KeyAlgorithms.Select(a => a.ToName()))}, not {parsed.PublicKey.Algorithm.ToName()}.");
        }

        var subject = SubjectPolicy.Apply(profile, parsed);
        var identity = IdentityValues.Check(profile, identityValues ?? new Dictionary<IdentityExtensionType, string>());
        return new IssuanceIntent(profile, _issuer, parsed.PublicKey, subject, identity, profile.Validity, parsed.RequestedNotAfter);
    }

    /// <summary>The notAfter of a certificate starting at <paramref name="notBefore"/>: the profile's <paramref name="longest"/>, or the <paramref name="requested"/> one (whole seconds) when it ends earlier.</summary>
    /// <exception cref="GmPkiException"><c>csr-validity-rejected</c> when the requested notAfter is not after <paramref name="notBefore"/>.</exception>
    private static DateTime Shortened(DateTime notBefore, DateTime longest, DateTime? requested)
    {
        if (requested is not { } asked || asked >= longest)
        {
            return longest;
        }

        var notAfter = TbsBuilder.WholeSeconds(asked);
        return notAfter > notBefore ? notAfter
            : throw Errors.CsrValidityRejected.With($"the requested notAfter {asked:u} is not after the certificate's notBefore {notBefore:u}.");
    }

    private async Task<(byte[] Serial, string SerialHex, int Shard)> ReserveAsync(
        IssuanceIntent intent, DateTime notBefore, DateTime notAfter, Guid? applicationId, Actor actor, DateTime now, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxSerialAttempts; attempt++)
        {
            var serial = SerialNumbers.Next();
            var serialHex = Core.Ledger.SerialText.FromOctets(serial);
            var shard = serial[^1] % _settings.Urls.CrlShards;
            var reservation = new SerialReservation(_issuer.Label, serialHex, intent.Profile.Name, intent.Subject.Text,
                intent.SubjectKey.Algorithm, notBefore, notAfter, shard, actor.Name, now, applicationId);
            var reserved = await _ledger.TryReserveAsync(reservation,
                Event(now, "certificate.serial-reserved", actor, serialHex, "success", new { profile = intent.Profile.Name, subject = intent.Subject.Text, crlShard = shard, application = applicationId }),
                cancellationToken);
            if (reserved)
            {
                return (serial, serialHex, shard);
            }
        }

        throw Errors.SerialReservationFailed.With($"{MaxSerialAttempts} random serials in a row were taken.");
    }

    private bool IsOwn(X509CertificateStructure certificate)
    {
        var algorithm = SignatureAlgorithm.Find(certificate.SignatureAlgorithm.Algorithm.Id);
        return algorithm is not null
            && certificate.Issuer.GetDerEncoded().AsSpan().SequenceEqual(_issuer.Certificate.Subject.GetDerEncoded())
            && _issuer.PublicKey.Verify(algorithm, certificate.TbsCertificate.GetDerEncoded(), certificate.Signature.GetOctets(), _issuerSm2Id);
    }

    private void CheckSigned(byte[] certificate, byte[] checkedTbs)
    {
        var parsed = X509CertificateStructure.GetInstance(Asn1Object.FromByteArray(certificate));
        var signedTbs = parsed.TbsCertificate.GetDerEncoded();
        if (!signedTbs.AsSpan().SequenceEqual(checkedTbs))
        {
            throw Errors.SigningFault.With("the signed TBSCertificate differs from the checked one.");
        }

        var algorithm = SignatureAlgorithm.Find(parsed.SignatureAlgorithm.Algorithm.Id)
            ?? throw Errors.SigningFault.With("the certificate names an unknown signature algorithm.");
        if (!_issuer.PublicKey.Verify(algorithm, signedTbs, parsed.Signature.GetOctets(), _issuerSm2Id))
        {
            throw Errors.SigningFault.With("the certificate signature does not verify under the issuing CA key.");
        }
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    private static (string Name, string Value) AttributeOf(Asn1Encodable rdn)
    {
        var pair = Asn1Sequence.GetInstance(Asn1Set.GetInstance(rdn)[0]);
        var type = DerObjectIdentifier.GetInstance(pair[0]).Id;
        return (SubjectAttribute.FindByOid(type)?.ShortName ?? type, ((IAsn1String)pair[1]).GetString());
    }

    private AuditEvent Event(DateTime at, string action, Actor actor, string? serialHex, string outcome, object details)
        => new(at, action, actor.Name, actor.Role, serialHex is null ? null : $"certificate:{_issuer.Label}/{serialHex}", outcome, JsonSerializer.Serialize(details), actor.RequestId);
}
