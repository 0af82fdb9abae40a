using GmPki.Core.Errors;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GmPki.Kmc.Storage;

/// <summary>
/// The KMC's own EF Core model (tables <c>kmc_*</c>, migration history <c>kmc_migrations</c>),
/// separate from the CA ledger so that the KMC can live in its own database. Each provider has a
/// subclass to which its hand-written migrations are bound.
/// </summary>
internal abstract class KmcContext(DbContextOptions options) : DbContext(options)
{
    /// <summary>Name of the KMC's migration history table.</summary>
    public const string HistoryTable = "kmc_migrations";

    public DbSet<MasterKeyEntity> MasterKeys => Set<MasterKeyEntity>();

    public DbSet<AuthorityEntity> Authorities => Set<AuthorityEntity>();

    public DbSet<EscrowedKeyEntity> EscrowedKeys => Set<EscrowedKeyEntity>();

    public DbSet<DeviceKeyEntity> DeviceKeys => Set<DeviceKeyEntity>();

    /// <summary>
    /// Saves the pending changes; when a unique constraint refuses them because a concurrent
    /// request took the same key (<paramref name="taken"/> is true on a fresh read), throws
    /// <paramref name="conflict"/>'s error instead of the database's.
    /// </summary>
    /// <exception cref="GmPkiException">The conflict error.</exception>
    /// <exception cref="DbUpdateException">Any other failure to save.</exception>
    public async Task SaveOrConflictAsync(Func<Task<bool>> taken, Func<DbUpdateException, GmPkiException> conflict, CancellationToken cancellationToken)
    {
        try
        {
            await SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e)
        {
            ChangeTracker.Clear();
            if (await taken())
            {
                throw conflict(e);
            }

            throw;
        }
    }

    /// <summary>Options both providers share: no model snapshot (the migrations are hand-written).</summary>
    protected static void ConfigureShared(DbContextOptionsBuilder builder) =>
        builder.ConfigureWarnings(warnings => warnings.Ignore(RelationalEventId.PendingModelChangesWarning));

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<MasterKeyEntity>(entity =>
        {
            entity.ToTable("kmc_master_keys");
            entity.HasKey(x => x.Id);
            entity.Property(x => x.Id).HasColumnName("id");
            entity.Property(x => x.Threshold).HasColumnName("threshold");
            entity.Property(x => x.Custodians).HasColumnName("custodians");
            entity.Property(x => x.CheckValue).HasColumnName("check_value");
            entity.Property(x => x.CreatedAt).HasColumnName("created_at");
            entity.Property(x => x.RetiredAt).HasColumnName("retired_at");
        });
        modelBuilder.Entity<AuthorityEntity>(entity =>
        {
            entity.ToTable("kmc_authorities");
            entity.HasKey(x => x.CaId);
            entity.Property(x => x.CaId).HasColumnName("ca_id");
            entity.Property(x => x.Name).HasColumnName("name");
            entity.Property(x => x.Algorithms).HasColumnName("algorithms");
            entity.Property(x => x.RegisteredAt).HasColumnName("registered_at");
            entity.Property(x => x.ClientCertificateSha256).HasColumnName("client_certificate_sha256");
            entity.HasIndex(x => x.ClientCertificateSha256).IsUnique();
        });
        modelBuilder.Entity<EscrowedKeyEntity>(entity =>
        {
            entity.ToTable("kmc_escrowed_keys");
            entity.HasKey(x => x.KeyId);
            entity.Property(x => x.KeyId).HasColumnName("key_id");
            entity.Property(x => x.CaId).HasColumnName("ca_id");
            entity.Property(x => x.RequestId).HasColumnName("request_id");
            entity.Property(x => x.Algorithm).HasColumnName("algorithm");
            entity.Property(x => x.PublicKey).HasColumnName("public_key");
            entity.Property(x => x.HolderSigningKey).HasColumnName("holder_signing_key");
            entity.Property(x => x.MasterKeyId).HasColumnName("master_key_id");
            entity.Property(x => x.SealedPrivateKey).HasColumnName("sealed_private_key");
            entity.Property(x => x.NotBefore).HasColumnName("not_before");
            entity.Property(x => x.NotAfter).HasColumnName("not_after");
            entity.Property(x => x.State).HasColumnName("state");
            entity.Property(x => x.CreatedAt).HasColumnName("created_at");
            entity.Property(x => x.StateChangedAt).HasColumnName("state_changed_at");
            entity.HasIndex(x => new { x.CaId, x.RequestId }).IsUnique();
            entity.HasOne<AuthorityEntity>().WithMany().HasForeignKey(x => x.CaId).OnDelete(DeleteBehavior.Restrict);
            entity.HasOne<MasterKeyEntity>().WithMany().HasForeignKey(x => x.MasterKeyId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<DeviceKeyEntity>(entity =>
        {
            entity.ToTable("kmc_device_keys");
            entity.HasKey(x => new { x.CaId, x.DeviceSerial });
            entity.Property(x => x.CaId).HasColumnName("ca_id");
            entity.Property(x => x.DeviceSerial).HasColumnName("device_serial");
            entity.Property(x => x.RequestId).HasColumnName("request_id");
            entity.Property(x => x.MasterKeyId).HasColumnName("master_key_id");
            entity.Property(x => x.SealedKey).HasColumnName("sealed_key");
            entity.Property(x => x.CreatedAt).HasColumnName("created_at");
            entity.Property(x => x.LastUnlockAt).HasColumnName("last_unlock_at");
            entity.HasOne<AuthorityEntity>().WithMany().HasForeignKey(x => x.CaId).OnDelete(DeleteBehavior.Restrict);
            entity.HasOne<MasterKeyEntity>().WithMany().HasForeignKey(x => x.MasterKeyId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
