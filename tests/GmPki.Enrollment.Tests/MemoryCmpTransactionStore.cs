using GmPki.Core.Enrollment;

namespace GmPki.Enrollment.Tests;

/// <summary>The CMP transaction ledger in memory (what <c>cmp_transactions</c> and <c>cmp_messages</c> keep).</summary>
internal sealed class MemoryCmpTransactionStore : ICmpTransactionStore
{
    private readonly Dictionary<(string, string), CmpTransaction> _rows = [];
    private readonly Dictionary<string, CmpMessageSeen> _messages = [];

    public Task SaveAsync(CmpTransaction transaction, CancellationToken cancellationToken)
    {
        _rows[(transaction.Account, transaction.TransactionId)] = transaction;
        return Task.CompletedTask;
    }

    public Task<CmpTransaction?> FindAsync(string account, string transactionId, CancellationToken cancellationToken)
        => Task.FromResult(_rows.GetValueOrDefault((account, transactionId)));

    public Task<bool> TryRecordMessageAsync(CmpMessageSeen message, CancellationToken cancellationToken)
        => Task.FromResult(_messages.TryAdd(message.SenderNonce, message));

    public Task<bool> TransactionSeenAsync(string transactionId, CancellationToken cancellationToken)
        => Task.FromResult(_messages.Values.Any(m => m.TransactionId == transactionId));
}
