using GmPki.Core.Ledger;
using GmPki.Core.Registration;
using GmPki.Storage.Context;
using GmPki.Storage.Writing;

namespace GmPki.Storage.Registration;

/// <summary>The SQL of the registration writes (same conventions as <see cref="LedgerStatements"/>).</summary>
internal static class RegistrationStatements
{
    private static readonly LedgerStatement InsertSubscriber = new(
        "INSERT INTO subscribers (id, type, name, identity_document, identity_number_protected, identity_number_masked, region, organization_id, phone_protected, email, address_protected, registered_by, agency, created_at, identity_index) " +
        "VALUES (@id, @type, @name, @document, @number, @masked, @region, @organization, @phone, @email, @address, @registeredBy, @agency, @createdAt, @index)",
        "id", "type", "name", "document", "number", "masked", "region", "organization", "phone", "email", "address", "registeredBy", "agency", "createdAt", "index");

    private static readonly LedgerStatement InsertApplication = new(
        "INSERT INTO applications (id, kind, state, version, subscriber_id, profile, target_serial, certification_request, two_person_rule, reason, result_serial, created_by, agency, created_at, updated_at, access_token_hash, dual) " +
        "VALUES (@id, @kind, @state, 0, @subscriber, @profile, @target, @request, @twoPerson, @reason, NULL, @createdBy, @agency, @createdAt, @createdAt, @tokenHash, @dual)",
        "id", "kind", "state", "subscriber", "profile", "target", "request", "twoPerson", "reason", "createdBy", "agency", "createdAt", "tokenHash", "dual");

    private static readonly LedgerStatement MoveApplication = new(
        "UPDATE applications SET state = @state, version = version + 1, updated_at = @now WHERE id = @id AND version = @version",
        "state", "now", "id", "version");

    private static readonly LedgerStatement MoveApplicationWithResult = new(
        "UPDATE applications SET state = @state, version = version + 1, updated_at = @now, result_serial = @result WHERE id = @id AND version = @version",
        "state", "now", "result", "id", "version");

    private static readonly LedgerStatement InsertStep = new(
        "INSERT INTO application_steps (application_id, step, passed, recorded_at, actor, role, agency, method, details) " +
        "VALUES (@application, @step, @passed, @recordedAt, @actor, @role, @agency, @method, @details)",
        "application", "step", "passed", "recordedAt", "actor", "role", "agency", "method", "details");

    private static readonly LedgerStatement InsertEvidence = new(
        "INSERT INTO evidence_files (id, application_id, step, name, media_type, length, sm3, content_protected) " +
        "VALUES (@id, @application, @step, @name, @mediaType, @length, @sm3, @content)",
        "id", "application", "step", "name", "mediaType", "length", "sm3", "content");

    private static readonly LedgerStatement ChangeCertificateStatus = new(
        "UPDATE certificates SET status = @to, status_changed_at = @at, revocation_reason = @reason WHERE serial_hex = @serial AND status = @from AND state = @issued",
        "to", "at", "reason", "serial", "from", "issued");

    /// <summary>The same change for the other certificate of a dual pair, when there is one (no row otherwise).</summary>
    private static readonly LedgerStatement ChangePartnerStatus = new(
        "UPDATE certificates SET status = @to, status_changed_at = @at, revocation_reason = @reason WHERE status = @from AND state = @issued AND serial_hex IN " +
        "(SELECT encryption_serial FROM certificate_pairs WHERE signing_serial = @serial UNION SELECT signing_serial FROM certificate_pairs WHERE encryption_serial = @serial)",
        "to", "at", "reason", "from", "issued", "serial");

    private static readonly LedgerStatement InsertPair = new(
        "INSERT INTO certificate_pairs (signing_serial, encryption_serial, kmc_key_id, enveloped_key, created_at) VALUES (@signing, @encryption, @key, @envelope, @createdAt)",
        "signing", "encryption", "key", "envelope", "createdAt");

    private static readonly LedgerStatement InsertDocument = new(
        "INSERT INTO documents (kind, version, title, sections, cps_version, sm3, published_at, published_by) " +
        "VALUES (@kind, @version, @title, @sections, @cps, @sm3, @publishedAt, @publishedBy)",
        "kind", "version", "title", "sections", "cps", "sm3", "publishedAt", "publishedBy");

    public static LedgerStep Subscriber(SubscriberEntity s) => new(InsertSubscriber,
    [
        s.Id, s.Type, s.Name, s.IdentityDocument, s.IdentityNumberProtected, s.IdentityNumberMasked, s.Region, s.OrganizationId,
        s.PhoneProtected, s.Email, s.AddressProtected, s.RegisteredBy, s.Agency, Utc(s.CreatedAt), s.IdentityIndex,
    ]);

    public static LedgerStep Application(CertificateApplication a, string tokenHash) => new(InsertApplication,
    [
        Id(a.Id), KebabNames.Of(a.Kind), KebabNames.Of(a.State), Id(a.SubscriberId), a.Profile, a.TargetSerial, a.CertificationRequest,
        a.TwoPersonRule, a.Reason, a.CreatedBy, a.Agency, Utc(a.CreatedAt), tokenHash, a.Dual,
    ]);

    public static LedgerStep Move(Guid id, int version, ApplicationState state, DateTime now, string? resultSerial) => resultSerial is null
        ? new(MoveApplication, [KebabNames.Of(state), Utc(now), Id(id), version], MustChangeOneRow: true)
        : new(MoveApplicationWithResult, [KebabNames.Of(state), Utc(now), resultSerial, Id(id), version], MustChangeOneRow: true);

    public static LedgerStep Step(Guid application, StepRecord r) => new(InsertStep,
        [Id(application), KebabNames.Of(r.Step), r.Passed, Utc(r.RecordedAt), r.Actor, r.Role, r.Agency, r.Method, r.Details]);

    public static LedgerStep Evidence(EvidenceEntity e) => new(InsertEvidence,
        [e.Id, e.ApplicationId, e.Step, e.Name, e.MediaType, e.Length, e.Sm3, e.ContentProtected]);

    public static LedgerStep Status(CertificateStatusChange c) => new(ChangeCertificateStatus,
        [c.To.ToString(), Utc(c.At), c.Reason, c.SerialHex, c.From.ToString(), nameof(CertificateState.Issued)], MustChangeOneRow: true);

    /// <summary>The change for the pair's other certificate (GM/T 0034: suspension and revocation act on both); changes nothing for a single certificate.</summary>
    public static LedgerStep PartnerStatus(CertificateStatusChange c) => new(ChangePartnerStatus,
        [c.To.ToString(), Utc(c.At), c.Reason, c.From.ToString(), nameof(CertificateState.Issued), c.SerialHex]);

    public static LedgerStep Pair(CertificatePair p) => new(InsertPair, [p.SigningSerial, p.EncryptionSerial, p.KmcKeyId, p.EnvelopedKey, Utc(p.CreatedAt)]);

    public static LedgerStep Document(DocumentEntity d) => new(InsertDocument,
        [d.Kind, d.Version, d.Title, d.Sections, d.CpsVersion, d.Sm3, Utc(d.PublishedAt), d.PublishedBy]);

    /// <summary>The stored form of identifiers: lowercase "D" format text on both providers.</summary>
    public static string Id(Guid id) => id.ToString("D");

    /// <summary>A kebab-case enum name read back from the ledger.</summary>
    /// <exception cref="InvalidOperationException">The ledger holds a name the code does not know.</exception>
    public static T Parse<T>(string name)
        where T : struct, Enum
        => KebabNames.TryParse<T>(name, out var value) ? value.Value : throw new InvalidOperationException($"'{name}' is not a {typeof(T).Name} in the ledger.");

    private static DateTime Utc(DateTime value) => UtcDateTimeConverter.ToUtc(value);
}
