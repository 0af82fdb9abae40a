using GmPki.Core.Keys;
using GmPki.Core.Ledger;
using GmPki.Core.Security;
using GmPki.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace GmPki.Storage.Context;

/// <summary>
/// The ledger's EF Core model, shared by both providers. Each provider has its own subclass so
/// that its hand-written migrations can be bound to it with <c>[DbContext]</c>.
/// </summary>
internal abstract class LedgerContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<AuthorityEntity> Authorities => Set<AuthorityEntity>();

    public DbSet<CertificateEntity> Certificates => Set<CertificateEntity>();

    public DbSet<AuditEventEntity> AuditEvents => Set<AuditEventEntity>();

    public DbSet<OperatorEntity> Operators => Set<OperatorEntity>();

    public DbSet<AuditChainHeadEntity> AuditChainHead => Set<AuditChainHeadEntity>();

    public DbSet<AuditCheckpointEntity> AuditCheckpoints => Set<AuditCheckpointEntity>();

    /// <summary>Provider-specific settings applied after migrating (SQLite: WAL).</summary>
    public virtual Task AfterMigrationAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Starts a transaction that reads one committed state of the whole ledger without blocking
    /// writers (SQLite: a deferred read transaction on a WAL file; PostgreSQL: repeatable read).
    /// </summary>
    public abstract Task<IDbContextTransaction> BeginSnapshotAsync(CancellationToken cancellationToken);

    /// <summary>Options both providers share.</summary>
    protected static void ConfigureShared(DbContextOptionsBuilder builder) =>
        // Migrations are hand-written and have no model snapshot (docs/storage.md); a test
        // proves instead that the migrated schema equals the model's.
        builder.ConfigureWarnings(warnings => warnings.Ignore(RelationalEventId.PendingModelChangesWarning));

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<CertificateState>().HaveConversion<string>();
        configurationBuilder.Properties<CertificateStatus>().HaveConversion<string>();
        configurationBuilder.Properties<AuthorityKind>().HaveConversion<string>();
        configurationBuilder.Properties<KeyAlgorithm>().HaveConversion<KeyAlgorithmNameConverter>();
        configurationBuilder.Properties<OperatorRole>().HaveConversion<OperatorRoleNameConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new AuthorityConfiguration());
        modelBuilder.ApplyConfiguration(new CertificateConfiguration());
        modelBuilder.ApplyConfiguration(new AuditEventConfiguration());
        modelBuilder.ApplyConfiguration(new OperatorConfiguration());
        modelBuilder.ApplyConfiguration(new AuditChainHeadConfiguration());
        modelBuilder.ApplyConfiguration(new AuditCheckpointConfiguration());
        Registration.RegistrationConfiguration.Apply(modelBuilder);
        Status.StatusConfiguration.Apply(modelBuilder);
        Outbox.DirectoryOutboxConfiguration.Apply(modelBuilder);
        Acme.AcmeConfiguration.Apply(modelBuilder);
        Cmp.CmpTransactionConfiguration.Apply(modelBuilder);
        SnakeCaseNames.ApplyToColumns(modelBuilder);
    }
}
