using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GmPki.Storage.Entities;

/// <summary>
/// Maps <see cref="CertificateEntity"/>: a serial is unique per issuer, also searchable alone,
/// and the issuer must be a registered CA.
/// </summary>
internal sealed class CertificateConfiguration : IEntityTypeConfiguration<CertificateEntity>
{
    public void Configure(EntityTypeBuilder<CertificateEntity> builder)
    {
        builder.ToTable("certificates");
        builder.HasKey(c => c.Id);
        builder.HasIndex(c => new { c.IssuerLabel, c.SerialHex }).IsUnique();
        builder.HasIndex(c => c.SerialHex);
        builder.HasIndex(c => new { c.ReservedAt, c.Id });
        builder.HasIndex(c => c.ApplicationId);
        builder.HasOne<AuthorityEntity>().WithMany().HasForeignKey(c => c.IssuerLabel).OnDelete(DeleteBehavior.Restrict);
    }
}
