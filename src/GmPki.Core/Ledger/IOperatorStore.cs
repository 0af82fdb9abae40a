namespace GmPki.Core.Ledger;

/// <summary>Operator accounts and their API keys.</summary>
public interface IOperatorStore
{
    /// <summary>Finds the enabled operator whose API key hashes to <paramref name="apiKeyHash"/>.</summary>
    Task<OperatorRecord?> FindByApiKeyHashAsync(string apiKeyHash, CancellationToken cancellationToken);

    /// <summary>Adds an operator with its audit event.</summary>
    /// <exception cref="Errors.GmPkiException"><c>request-invalid</c> when the name is taken.</exception>
    Task AddAsync(OperatorRecord operatorRecord, AuditEvent audit, CancellationToken cancellationToken);

    /// <summary>All operators, by name.</summary>
    Task<IReadOnlyList<OperatorRecord>> ListAsync(CancellationToken cancellationToken);
}
