namespace GmPki.Core.Ledger;

/// <summary>Operator accounts and their API keys.</summary>
public interface IOperatorStore
{
    /// <summary>Finds the operator whose API key hashes to <paramref name="apiKeyHash"/>, enabled or not (the caller decides, so that it can say why it refuses).</summary>
    Task<OperatorRecord?> FindByApiKeyHashAsync(string apiKeyHash, CancellationToken cancellationToken);

    /// <summary>Finds the operator, enabled or not, bound to the client certificate whose DER hashes (SHA-256, lowercase hex) to <paramref name="sha256"/>.</summary>
    Task<OperatorRecord?> FindByClientCertificateAsync(string sha256, CancellationToken cancellationToken);

    /// <summary>Adds an operator with its audit event.</summary>
    /// <exception cref="Errors.GmPkiException"><c>request-invalid</c> when the name, the API key or the client certificate is taken.</exception>
    Task AddAsync(OperatorRecord operatorRecord, AuditEvent audit, CancellationToken cancellationToken);

    /// <summary>Disables or enables the operator named <paramref name="name"/>, with its audit event; false when there is no such operator.</summary>
    Task<bool> SetDisabledAsync(string name, bool disabled, AuditEvent audit, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the operator's API key hash and expiry (null: none), with its audit event; false
    /// when there is no such operator. The old key stops authenticating at once on this node and
    /// within the look-up cache lifetime on others.
    /// </summary>
    /// <exception cref="Errors.GmPkiException"><c>request-invalid</c> when the new hash is already another operator's.</exception>
    Task<bool> RotateAsync(string name, string apiKeyHash, DateTime? expiresAt, AuditEvent audit, CancellationToken cancellationToken);

    /// <summary>All operators, by name.</summary>
    Task<IReadOnlyList<OperatorRecord>> ListAsync(CancellationToken cancellationToken);
}
