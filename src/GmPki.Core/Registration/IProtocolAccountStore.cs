using GmPki.Core.Ledger;

namespace GmPki.Core.Registration;

/// <summary>Stores protocol accounts; each write carries its audit event, all or nothing.</summary>
public interface IProtocolAccountStore
{
    /// <summary>Stores a new account.</summary>
    /// <exception cref="Errors.GmPkiException"><c>request-invalid</c> when the protocol already has an account of that name.</exception>
    Task AddAsync(ProtocolAccount account, AuditEvent audit, CancellationToken cancellationToken);

    /// <summary>The account, or null.</summary>
    Task<ProtocolAccount?> FindAsync(EnrollmentProtocol protocol, string name, CancellationToken cancellationToken);

    /// <summary>Every account, by protocol and name.</summary>
    Task<IReadOnlyList<ProtocolAccount>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Disables or enables an account.</summary>
    /// <returns>False when there is no such account.</returns>
    Task<bool> SetDisabledAsync(EnrollmentProtocol protocol, string name, bool disabled, AuditEvent audit, CancellationToken cancellationToken);
}
