using GmPki.Core.Enrollment;
using GmPki.Core.Errors;
using GmPki.Core.Registration;

namespace GmPki.Enrollment.Cmp;

/// <summary>
/// The CMP transactions of enrollments (RFC 4210 §5.3.18 certConf, §5.3.22 pollReq) in the ledger
/// (<see cref="ICmpTransactionStore"/>): an ir, cr, p10cr or kur with a <c>transactionID</c> starts
/// one, waiting for a reviewer or with its certificate sent; a pollReq or certConf of the same
/// account and <c>transactionID</c> continues it — after a restart too — when its
/// <c>recipNonce</c> is the <c>senderNonce</c> of the server's last answer (RFC 4210 §5.1.1).
/// </summary>
internal sealed class CmpTransactions(ICmpTransactionStore store, TimeProvider clock)
{
    /// <summary>The transaction <paramref name="exchange"/> continues, or null when the account has none with its <c>transactionID</c>.</summary>
    /// <exception cref="GmPkiException"><c>request-invalid</c> when the <c>recipNonce</c> is not the server's last <c>senderNonce</c>.</exception>
    public async Task<CmpTransaction?> ContinuedAsync(CmpExchange exchange, CancellationToken cancellationToken)
    {
        if (exchange.TransactionId is not { } id || await store.FindAsync(exchange.Sender.Account.Name, id, cancellationToken) is not { } transaction)
        {
            return null;
        }

        var recipient = exchange.Request.Header.RecipNonce is { } nonce ? Convert.ToHexString(nonce.GetOctets()) : null;
        return recipient == transaction.ServerNonce ? transaction
            : throw Errors.RequestInvalid.With($"the recipNonce of the message is not the senderNonce of this CA's last answer in transaction {id} (RFC 4210 §5.1.1).");
    }

    /// <summary>Records where the transaction of <paramref name="exchange"/> stands after this answer (nothing without a <c>transactionID</c>).</summary>
    public Task RecordAsync(CmpExchange exchange, CmpTransaction? previous, CmpTransactionState state, CertificateApplication application, int answerType, int certReqId,
        CancellationToken cancellationToken)
    {
        if (exchange.TransactionId is not { } id)
        {
            return Task.CompletedTask;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var clientNonce = exchange.Request.Header.SenderNonce is { } nonce ? Convert.ToHexString(nonce.GetOctets()) : null;
        return store.SaveAsync(new CmpTransaction(exchange.Sender.Account.Name, id, state, application.Id, answerType, certReqId, clientNonce,
            Convert.ToHexString(exchange.ServerNonce), application.ResultSerial ?? previous?.CertificateSerial, previous?.CreatedAt ?? now, now), cancellationToken);
    }
}
