using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GmPki.Storage.Entities;

/// <summary>Maps <see cref="OperatorEntity"/>: names and API key hashes are unique; the 三员 check looks operators up by person.</summary>
internal sealed class OperatorConfiguration : IEntityTypeConfiguration<OperatorEntity>
{
    public void Configure(EntityTypeBuilder<OperatorEntity> builder)
    {
        builder.ToTable("operators");
        builder.HasKey(o => o.Id);
        builder.HasIndex(o => o.Name).IsUnique();
        builder.HasIndex(o => o.ApiKeyHash).IsUnique();
        builder.HasIndex(o => o.PersonId);
        builder.HasIndex(o => o.ClientCertificateSha256).IsUnique();
    }
}
