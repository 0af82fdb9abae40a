using GmPki.Core.Enrollment;

namespace GmPki.Enrollment.Tests;

/// <summary>The CMP transaction ledger in memory (what <c>cmp_transactions</c> keeps).</summary>
internal sealed class MemoryCmpTransactionStore : ICmpTransactionStore
{
    private readonly Dictionary<(string, string), CmpTransaction> _rows = [];

    public Task SaveAsync(CmpTransaction transaction, CancellationToken cancellationToken)
    {
        _rows[(transaction.Account, transaction.TransactionId)] = transaction;
        return Task.CompletedTask;
    }

    public Task<CmpTransaction?> FindAsync(string account, string transactionId, CancellationToken cancellationToken)
        => Task.FromResult(_rows.GetValueOrDefault((account, transactionId)));
}
