using Microsoft.EntityFrameworkCore;

namespace GmPki.Storage.Context;

/// <summary>Hands out the configured provider's pooled context as the shared <see cref="LedgerContext"/>.</summary>
internal sealed class LedgerContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<LedgerContext>
    where TContext : LedgerContext
{
    public LedgerContext CreateDbContext() => inner.CreateDbContext();

    public async Task<LedgerContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);
}
