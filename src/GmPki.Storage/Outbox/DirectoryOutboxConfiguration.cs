using GmPki.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace GmPki.Storage.Outbox;

/// <summary>Maps <c>directory_outbox</c>: kinds by name, the CA must be registered.</summary>
internal static class DirectoryOutboxConfiguration
{
    public static void Apply(ModelBuilder modelBuilder)
        => modelBuilder.Entity<DirectoryOutboxEntity>(row =>
        {
            row.ToTable("directory_outbox");
            row.HasKey(r => r.Id);
            row.Property(r => r.Kind).HasConversion<string>();
            row.HasOne<AuthorityEntity>().WithMany().HasForeignKey(r => r.IssuerLabel).OnDelete(DeleteBehavior.Restrict);
        });
}
