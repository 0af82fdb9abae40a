using GmPki.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace GmPki.Storage.Status;

/// <summary>Maps the status-service tables <c>crls</c> and <c>crl_counters</c>, and the index on <c>certificates.status_changed_at</c> the change poller reads.</summary>
internal static class StatusConfiguration
{
    public static void Apply(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<CrlEntity>(crl =>
        {
            crl.ToTable("crls");
            crl.HasKey(c => new { c.IssuerLabel, c.Number });
            crl.HasIndex(c => new { c.IssuerLabel, c.Shard, c.Number });
            crl.HasOne<AuthorityEntity>().WithMany().HasForeignKey(c => c.IssuerLabel).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<CrlCounterEntity>(counter =>
        {
            counter.ToTable("crl_counters");
            counter.HasKey(c => c.IssuerLabel);
            counter.HasOne<AuthorityEntity>().WithMany().HasForeignKey(c => c.IssuerLabel).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<CertificateEntity>().HasIndex(c => c.StatusChangedAt);
    }
}
