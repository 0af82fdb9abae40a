using GmPki.Core.Enrollment;
using GmPki.Core.Registration;
using GmPki.Storage.Context;
using GmPki.Storage.Writing;
using Microsoft.EntityFrameworkCore;

namespace GmPki.Storage.Cmp;

/// <summary>Tables <c>cmp_transactions</c> and <c>cmp_messages</c>: reads through EF Core, writes (an upsert both providers accept) through the <see cref="LedgerWriter"/>.</summary>
internal sealed class CmpTransactionStore(IDbContextFactory<LedgerContext> contexts, LedgerWriter writer) : ICmpTransactionStore
{
    private static readonly LedgerStatement Upsert = new(
        "INSERT INTO cmp_transactions (account, transaction_id, state, application_id, answer_type, cert_req_id, client_nonce, server_nonce, certificate_serial, created_at, updated_at) "
        + "VALUES (@account, @transactionId, @state, @applicationId, @answerType, @certReqId, @clientNonce, @serverNonce, @certificateSerial, @createdAt, @updatedAt) "
        + "ON CONFLICT (account, transaction_id) DO UPDATE SET state = excluded.state, application_id = excluded.application_id, answer_type = excluded.answer_type, "
        + "cert_req_id = excluded.cert_req_id, client_nonce = excluded.client_nonce, server_nonce = excluded.server_nonce, certificate_serial = excluded.certificate_serial, updated_at = excluded.updated_at",
        "account", "transactionId", "state", "applicationId", "answerType", "certReqId", "clientNonce", "serverNonce", "certificateSerial", "createdAt", "updatedAt");

    private static readonly LedgerStatement InsertMessage = new(
        "INSERT INTO cmp_messages (sender_nonce, account, transaction_id, body_type, received_at) VALUES (@senderNonce, @account, @transactionId, @bodyType, @receivedAt)",
        "senderNonce", "account", "transactionId", "bodyType", "receivedAt");

    public async Task<bool> TryRecordMessageAsync(CmpMessageSeen message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return await writer.WriteAsync([new LedgerStep(InsertMessage, [message.SenderNonce, message.Account, message.TransactionId, message.BodyType,
            UtcDateTimeConverter.ToUtc(message.ReceivedAt)])], cancellationToken) == WriteOutcome.Written;
    }

    public async Task<bool> TransactionSeenAsync(string transactionId, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await context.Set<CmpMessageEntity>().AnyAsync(m => m.TransactionId == transactionId, cancellationToken);
    }

    public async Task SaveAsync(CmpTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        await writer.WriteAsync([new LedgerStep(Upsert, [transaction.Account, transaction.TransactionId, KebabNames.Of(transaction.State), transaction.ApplicationId.ToString(),
            transaction.AnswerType, transaction.CertReqId, transaction.ClientNonce, transaction.ServerNonce, transaction.CertificateSerial,
            UtcDateTimeConverter.ToUtc(transaction.CreatedAt), UtcDateTimeConverter.ToUtc(transaction.UpdatedAt)])], cancellationToken);
    }

    public async Task<CmpTransaction?> FindAsync(string account, string transactionId, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await context.Set<CmpTransactionEntity>().AsNoTracking().SingleOrDefaultAsync(t => t.Account == account && t.TransactionId == transactionId, cancellationToken);
        return row is null ? null
            : new CmpTransaction(row.Account, row.TransactionId, KebabNames.TryParse<CmpTransactionState>(row.State, out var state) ? state.Value : throw new InvalidDataException($"cmp_transactions.state '{row.State}' is not a CMP transaction state."), Guid.Parse(row.ApplicationId), row.AnswerType, row.CertReqId,
                row.ClientNonce, row.ServerNonce, row.CertificateSerial, row.CreatedAt, row.UpdatedAt);
    }
}
