using GmPki.Core.Ledger;

namespace GmPki.Core.Registration;

/// <summary>Stores delegated registration agencies; each write carries its audit event, all or nothing.</summary>
public interface IAgencyStore
{
    /// <summary>Stores a new agency.</summary>
    /// <exception cref="Errors.GmPkiException"><c>agency-invalid</c> when the code is taken.</exception>
    Task AddAsync(Agency agency, AuditEvent audit, CancellationToken cancellationToken);

    /// <summary>Replaces an agency (its <see cref="Agency.Version"/> becomes one more), only if it still has <paramref name="expectedVersion"/>.</summary>
    /// <returns>False when it changed meanwhile (nothing written).</returns>
    Task<bool> UpdateAsync(Agency agency, int expectedVersion, AuditEvent audit, CancellationToken cancellationToken);

    /// <summary>The agency with <paramref name="code"/>, or null.</summary>
    Task<Agency?> FindAsync(string code, CancellationToken cancellationToken);

    /// <summary>All agencies, by code.</summary>
    Task<IReadOnlyList<Agency>> ListAsync(CancellationToken cancellationToken);
}
