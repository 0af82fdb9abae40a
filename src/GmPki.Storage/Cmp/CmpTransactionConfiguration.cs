using Microsoft.EntityFrameworkCore;

namespace GmPki.Storage.Cmp;

/// <summary>The EF Core model of tables <c>cmp_transactions</c> (migration <c>20261214000000_CmpTransactions</c>) and <c>cmp_messages</c> (<c>20270101000000_CmpMessages</c>).</summary>
internal static class CmpTransactionConfiguration
{
    public static void Apply(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<CmpTransactionEntity>(transaction =>
        {
            transaction.ToTable("cmp_transactions");
            transaction.HasKey(t => new { t.Account, t.TransactionId });
        });
        modelBuilder.Entity<CmpMessageEntity>(message =>
        {
            message.ToTable("cmp_messages");
            message.HasKey(m => m.SenderNonce);
            message.HasIndex(m => m.TransactionId);
        });
    }
}
