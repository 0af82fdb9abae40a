namespace GmPki.Core.Ledger;

/// <summary>The CAs of this installation.</summary>
public interface IAuthorityRegistry
{
    /// <summary>All CAs, roots first, in creation order.</summary>
    Task<IReadOnlyList<AuthorityRecord>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Stores a new CA with its audit event.</summary>
    /// <exception cref="Errors.GmPkiException"><c>already-initialized</c> when the label exists;
    /// <c>authority-not-found</c> when the parent label names no CA.</exception>
    Task AddAsync(AuthorityRecord authority, AuditEvent audit, CancellationToken cancellationToken);
}
