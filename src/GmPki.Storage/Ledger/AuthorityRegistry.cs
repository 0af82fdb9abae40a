using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Storage.Context;
using GmPki.Storage.Writing;
using Microsoft.EntityFrameworkCore;

namespace GmPki.Storage.Ledger;

/// <summary>The CAs of this installation, keyed by label.</summary>
internal sealed class AuthorityRegistry(IDbContextFactory<LedgerContext> contexts, LedgerWriter writer) : IAuthorityRegistry
{
    public async Task<IReadOnlyList<AuthorityRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await context.Authorities.AsNoTracking().ToListAsync(cancellationToken);

        // A handful of rows: order here, the same way on every provider and collation.
        return
        [
            .. rows
                .OrderBy(a => a.Kind == AuthorityKind.Root ? 0 : 1)
                .ThenBy(a => a.CreatedAt)
                .ThenBy(a => a.Label, StringComparer.Ordinal)
                .Select(a => a.ToRecord()),
        ];
    }

    /// <exception cref="GmPkiException"><c>already-initialized</c> when the label exists;
    /// <c>authority-not-found</c> when the parent label names no CA.</exception>
    public async Task AddAsync(AuthorityRecord authority, AuditEvent audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authority);
        ArgumentNullException.ThrowIfNull(audit);

        switch (await writer.WriteAsync([LedgerStatements.Authority(authority), LedgerStatements.Audit(audit)], cancellationToken))
        {
            case WriteOutcome.Duplicate:
                throw Errors.AlreadyInitialized.With($"certificate authority '{authority.Label}' already exists");
            case WriteOutcome.MissingReference:
                throw Errors.AuthorityNotFound.With($"parent certificate authority '{authority.ParentLabel}' does not exist");
        }
    }
}
