namespace GmPki.Core.Ledger;

/// <summary>Operator accounts and their API keys.</summary>
public interface IOperatorStore
{
    /// <summary>Finds the enabled operator whose API key hashes to <paramref name="apiKeyHash"/>.</summary>
    Task<OperatorRecord?> FindByApiKeyHashAsync(string apiKeyHash, CancellationToken cancellationToken);

    /// <summary>Finds the enabled operator bound to the client certificate whose DER hashes (SHA-256, lowercase hex) to <paramref name="sha256"/>.</summary>
    Task<OperatorRecord?> FindByClientCertificateAsync(string sha256, CancellationToken cancellationToken);

    /// <summary>Adds an operator with its audit event.</summary>
    /// <exception cref="Errors.GmPkiException"><c>request-invalid</c> when the name, the API key or the client certificate is taken.</exception>
    Task AddAsync(OperatorRecord operatorRecord, AuditEvent audit, CancellationToken cancellationToken);

    /// <summary>All operators, by name.</summary>
    Task<IReadOnlyList<OperatorRecord>> ListAsync(CancellationToken cancellationToken);
}
