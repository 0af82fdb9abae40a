using GmPki.Compliance.AuditChain;
using GmPki.Core.Keys;
using GmPki.Core.Ledger;
using GmPki.Core.Security;
using GmPki.Storage.Context;
using GmPki.Storage.Entities;

namespace GmPki.Storage.Writing;

/// <summary>
/// The SQL of every ledger write. Values are stored exactly as the EF Core model stores them
/// (enums by name, key algorithms and roles by their kebab names, times in UTC), so the EF reads
/// see the same rows; the storage tests read back everything written here.
/// </summary>
internal static class LedgerStatements
{
    private static readonly LedgerStatement InsertCertificate = new(
        "INSERT INTO certificates (issuer_label, serial_hex, state, profile, subject_dn, key_algorithm, not_before, not_after, crl_shard, requested_by, reserved_at, application_id) " +
        "VALUES (@issuer, @serial, @state, @profile, @subject, @algorithm, @notBefore, @notAfter, @shard, @requestedBy, @reservedAt, @application)",
        "issuer", "serial", "state", "profile", "subject", "algorithm", "notBefore", "notAfter", "shard", "requestedBy", "reservedAt", "application");

    private static readonly LedgerStatement MarkIntended = new(
        "UPDATE certificates SET state = @to, tbs_der = @tbs WHERE issuer_label = @issuer AND serial_hex = @serial AND state = @from",
        "to", "tbs", "issuer", "serial", "from");

    private static readonly LedgerStatement MarkIssued = new(
        "UPDATE certificates SET state = @to, certificate_der = @certificate, issued_at = @issuedAt WHERE issuer_label = @issuer AND serial_hex = @serial AND state = @from",
        "to", "certificate", "issuedAt", "issuer", "serial", "from");

    private static readonly LedgerStatement MarkFailed = new(
        "UPDATE certificates SET state = @to, failure_reason = @reason WHERE issuer_label = @issuer AND serial_hex = @serial AND state = @from",
        "to", "reason", "issuer", "serial", "from");

    private static readonly LedgerStatement InsertAudit = new(
        "INSERT INTO audit_events (occurred_at, action, actor, role, agency, target, outcome, details, request_id, id, previous_hash, hash) " +
        "VALUES (@occurredAt, @action, @actor, @role, @agency, @target, @outcome, @details, @requestId, @id, @previousHash, @hash)",
        "occurredAt", "action", "actor", "role", "agency", "target", "outcome", "details", "requestId", "id", "previousHash", "hash");

    /// <summary>Locks the chain head row (an update that changes nothing) and reads it: last id, last hash.</summary>
    public static readonly LedgerStatement LockChainHead = new(
        $"UPDATE audit_chain_head SET last_id = last_id WHERE id = {AuditChainHeadEntity.RowId} RETURNING last_id, last_hash");

    private static readonly LedgerStatement UpdateChainHead = new(
        $"UPDATE audit_chain_head SET last_id = @lastId, last_hash = @lastHash WHERE id = {AuditChainHeadEntity.RowId}",
        "lastId", "lastHash");

    private static readonly LedgerStatement InsertCheckpoint = new(
        "INSERT INTO audit_checkpoints (through_event_id, hash, created_at, signature, signer_certificate_der) " +
        "VALUES (@through, @hash, @createdAt, @signature, @certificate)",
        "through", "hash", "createdAt", "signature", "certificate");

    private static readonly LedgerStatement InsertAuthority = new(
        "INSERT INTO authorities (label, kind, parent_label, certificate_der, key_reference, sm2_user_id, created_at) " +
        "VALUES (@label, @kind, @parent, @certificate, @keyReference, @sm2UserId, @createdAt)",
        "label", "kind", "parent", "certificate", "keyReference", "sm2UserId", "createdAt");

    private static readonly LedgerStatement InsertOperator = new(
        "INSERT INTO operators (name, role, api_key_hash, created_at, disabled, agency, person_id, client_certificate_sha256, expires_at) " +
        "VALUES (@name, @role, @hash, @createdAt, @disabled, @agency, @person, @certificate, @expiresAt)",
        "name", "role", "hash", "createdAt", "disabled", "agency", "person", "certificate", "expiresAt");

    public static LedgerStep Reserve(SerialReservation r) => new(InsertCertificate,
    [
        r.IssuerLabel, r.SerialHex, nameof(CertificateState.Reserved), r.Profile, r.SubjectDn, r.KeyAlgorithm.ToName(),
        Utc(r.NotBefore), Utc(r.NotAfter), r.CrlShard, r.RequestedBy, Utc(r.ReservedAt), r.ApplicationId?.ToString("D"),
    ]);

    public static LedgerStep Intended(string issuer, string serial, byte[] tbs)
        => new(MarkIntended, [nameof(CertificateState.Intended), tbs, issuer, serial, nameof(CertificateState.Reserved)], MustChangeOneRow: true);

    public static LedgerStep Issued(string issuer, string serial, byte[] certificate, DateTime issuedAt)
        => new(MarkIssued, [nameof(CertificateState.Issued), certificate, Utc(issuedAt), issuer, serial, nameof(CertificateState.Intended)], MustChangeOneRow: true);

    public static LedgerStep Failed(string issuer, string serial, string reason, CertificateState from)
        => new(MarkFailed, [nameof(CertificateState.Failed), reason, issuer, serial, from.ToString()], MustChangeOneRow: true);

    /// <summary>Inserts <paramref name="e"/> as the next event of the chain; its time is stored in UTC, whole microseconds.</summary>
    public static LedgerStep Audit(AuditEvent e)
    {
        var stored = e with { OccurredAt = AuditTime.Truncate(Utc(e.OccurredAt)) };
        return new(InsertAudit,
            [stored.OccurredAt, e.Action, e.Actor, e.Role, e.Agency, e.Target, e.Outcome, e.Details, e.RequestId], Audit: stored);
    }

    /// <summary>Moves the chain head to <paramref name="head"/>.</summary>
    public static LedgerStep ChainHead(AuditChainHead head) => new(UpdateChainHead, [head.LastEventId, head.LastHash], MustChangeOneRow: true);

    public static LedgerStep Checkpoint(AuditCheckpoint c) => new(InsertCheckpoint,
        [c.ThroughEventId, c.Hash, Utc(c.CreatedAt), c.Signature, c.SignerCertificateDer]);

    public static LedgerStep Authority(AuthorityRecord a) => new(InsertAuthority,
        [a.Label, a.Kind.ToString(), a.ParentLabel, a.CertificateDer, a.KeyReference, a.Sm2UserId, Utc(a.CreatedAt)]);

    public static LedgerStep Operator(OperatorRecord o) => new(InsertOperator,
        [o.Name, o.Role.ToName(), o.ApiKeyHash, Utc(o.CreatedAt), o.Disabled, o.Agency, o.PersonId, o.ClientCertificateSha256, o.ExpiresAt is { } e ? Utc(e) : null]);

    private static DateTime Utc(DateTime value) => UtcDateTimeConverter.ToUtc(value);
}
