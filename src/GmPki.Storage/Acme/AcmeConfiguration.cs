using GmPki.Core.Enrollment;
using Microsoft.EntityFrameworkCore;

namespace GmPki.Storage.Acme;

/// <summary>The EF Core model of the ACME tables (migration <c>20261212000000_Acme</c>).</summary>
internal static class AcmeConfiguration
{
    /// <summary>Table name of each <see cref="AcmeTable"/>.</summary>
    public static string NameOf(AcmeTable table) => table switch
    {
        AcmeTable.Accounts => "acme_accounts",
        AcmeTable.Orders => "acme_orders",
        AcmeTable.Authorizations => "acme_authorizations",
        _ => "acme_challenges",
    };

    public static void Apply(ModelBuilder modelBuilder)
    {
        foreach (var table in Enum.GetValues<AcmeTable>())
        {
            var name = NameOf(table);
            modelBuilder.SharedTypeEntity<AcmeRowEntity>(name, row =>
            {
                row.ToTable(name);
                row.HasKey(r => r.Id);
                row.HasIndex(r => r.Owner).IsUnique(table == AcmeTable.Accounts);
            });
        }

        modelBuilder.Entity<AcmeNonceEntity>(nonce =>
        {
            nonce.ToTable("acme_nonces");
            nonce.HasKey(n => n.Nonce);
            nonce.HasIndex(n => n.ExpiresAt);
        });
    }
}
