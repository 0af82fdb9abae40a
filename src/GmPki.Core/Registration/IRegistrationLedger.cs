using GmPki.Core.Ledger;

namespace GmPki.Core.Registration;

/// <summary>
/// What the registration authority stores. Every call writes its change and its audit event as
/// one all-or-nothing write; personal data is encrypted at rest by the implementation.
/// </summary>
public interface IRegistrationLedger
{
    /// <summary>Stores a new subscriber.</summary>
    /// <exception cref="Errors.GmPkiException"><c>subscriber-invalid</c> when the organisation it names does not exist or the identity number is registered already.</exception>
    Task AddSubscriberAsync(Subscriber subscriber, AuditEvent audit, CancellationToken cancellationToken);

    /// <summary>The subscriber registered with this identity document and number (upper-cased), or null; found through a blind index, decrypted. Callers audit the read.</summary>
    Task<Subscriber?> FindSubscriberByIdentityAsync(IdentityDocumentType document, string identityNumber, CancellationToken cancellationToken);

    /// <summary>A subscriber with its personal data decrypted, or null. Callers audit the read.</summary>
    Task<Subscriber?> FindSubscriberAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Stores a new application (state <see cref="ApplicationState.Open"/>, no steps) with the SM3 hash of its applicant access token.</summary>
    Task AddApplicationAsync(CertificateApplication application, string accessTokenHash, AuditEvent audit, CancellationToken cancellationToken);

    /// <summary>An application with its steps, or null.</summary>
    Task<CertificateApplication?> FindApplicationAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The subscriber whose fulfilled application produced certificate <paramref name="serialHex"/> (for the encryption certificate of a dual pair, the application that issued the pair), or null.</summary>
    Task<Guid?> FindSubscriberOfCertificateAsync(string serialHex, CancellationToken cancellationToken);

    /// <summary>The fulfilled application that produced certificate <paramref name="serialHex"/> (for the encryption certificate of a dual pair, the application that issued the pair), with its steps, or null.</summary>
    Task<CertificateApplication?> FindApplicationOfCertificateAsync(string serialHex, CancellationToken cancellationToken);

    /// <summary>The dual-certificate pair certificate <paramref name="serialHex"/> (ledger form) belongs to, as its signing or its encryption certificate, or null when it is single.</summary>
    Task<CertificatePair?> FindPairAsync(string serialHex, CancellationToken cancellationToken);

    /// <summary>The newest application opened by <paramref name="createdBy"/> for exactly the request bytes <paramref name="request"/> that still waits for approval, fulfilment or acceptance, or null: how a protocol client polling with the same request finds its application (RFC 7030 §4.2.3).</summary>
    Task<CertificateApplication?> FindPendingApplicationAsync(string createdBy, byte[] request, CancellationToken cancellationToken);

    /// <summary>Serials (lowercase hex) of every certificate issued to <paramref name="subscriberId"/> through a fulfilled application, oldest application first.</summary>
    Task<IReadOnlyList<string>> ListCertificatesOfSubscriberAsync(Guid subscriberId, CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="accessTokenHash"/> is the hash of the application's applicant access token.</summary>
    Task<bool> IsAccessTokenAsync(Guid applicationId, string accessTokenHash, CancellationToken cancellationToken);

    /// <summary>Applications, newest first.</summary>
    /// <param name="state">Only this state, or all.</param>
    /// <param name="agency">Only those of this agency, or all.</param>
    /// <param name="pageNumber">1-based page.</param>
    /// <param name="pageSize">1–500.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<Page<CertificateApplication>> ListApplicationsAsync(ApplicationState? state, string? agency, int pageNumber, int pageSize, CancellationToken cancellationToken);

    /// <summary>Subscribers registered and applications opened in [<paramref name="start"/>, <paramref name="until"/>) (UTC).</summary>
    /// <param name="agency">Only those of this agency, or only the CA's own when null.</param>
    /// <param name="start">Start, inclusive, UTC.</param>
    /// <param name="until">End, exclusive, UTC.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<RegistrationActivity> CountActivityAsync(string? agency, DateTime start, DateTime until, CancellationToken cancellationToken);

    /// <summary>
    /// Records steps of one application in order, as one all-or-nothing write: each moves the
    /// application to its <see cref="StepWrite.NewState"/> and one version on, with its evidence,
    /// the issued certificate's serial and a certificate status change when given, and its audit
    /// event — only if the application still has <paramref name="expectedVersion"/> when the first
    /// is written.
    /// </summary>
    /// <returns>False when the application changed meanwhile, or a status change's certificate was not in its expected status (nothing was written).</returns>
    Task<bool> RecordStepsAsync(Guid applicationId, int expectedVersion, IReadOnlyList<StepWrite> steps, CancellationToken cancellationToken);

    /// <summary>Moves the application to <paramref name="state"/> without a step (withdrawal), only if it still has <paramref name="expectedVersion"/>.</summary>
    /// <returns>False when the application changed meanwhile.</returns>
    Task<bool> SetStateAsync(Guid applicationId, int expectedVersion, ApplicationState state, AuditEvent audit, CancellationToken cancellationToken);

    /// <summary>An evidence file with its decrypted content, or null. Callers audit the read.</summary>
    Task<EvidenceFile?> FindEvidenceAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Publishes a document version.</summary>
    /// <exception cref="Errors.GmPkiException"><c>conflict</c> when that version exists already.</exception>
    Task PublishDocumentAsync(PublishedDocument document, AuditEvent audit, CancellationToken cancellationToken);

    /// <summary>A published document: the given version, or the latest when <paramref name="version"/> is null; null when none.</summary>
    Task<PublishedDocument?> FindDocumentAsync(DocumentKind kind, int? version, CancellationToken cancellationToken);
}
