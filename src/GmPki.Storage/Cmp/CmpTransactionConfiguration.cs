using Microsoft.EntityFrameworkCore;

namespace GmPki.Storage.Cmp;

/// <summary>The EF Core model of table <c>cmp_transactions</c> (migration <c>20261214000000_CmpTransactions</c>).</summary>
internal static class CmpTransactionConfiguration
{
    public static void Apply(ModelBuilder modelBuilder)
        => modelBuilder.Entity<CmpTransactionEntity>(transaction =>
        {
            transaction.ToTable("cmp_transactions");
            transaction.HasKey(t => new { t.Account, t.TransactionId });
        });
}
