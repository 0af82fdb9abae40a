using GmPki.Core.Enrollment;
using GmPki.Core.Errors;
using GmPki.Core.Registration;
using Org.BouncyCastle.Asn1.Cmp;

namespace GmPki.Enrollment.Cmp;

/// <summary>
/// The CMP transactions of enrollments (RFC 4210 §5.3.18 certConf, §5.3.22 pollReq) in the ledger
/// (<see cref="ICmpTransactionStore"/>): an ir, cr, p10cr or kur with a <c>transactionID</c> starts
/// one, waiting for a reviewer or with its certificate sent; a pollReq or certConf of the same
/// account and <c>transactionID</c> continues it — after a restart too — when its
/// <c>recipNonce</c> is the <c>senderNonce</c> of the server's last answer (RFC 4210 §5.1.1).
/// Every authenticated request is recorded first (<see cref="AdmitAsync"/>): a <c>senderNonce</c>
/// seen before is a replay, and a request starting a transaction may not reuse a <c>transactionID</c>.
/// </summary>
internal sealed class CmpTransactions(ICmpTransactionStore store, TimeProvider clock)
{
    /// <summary>
    /// Records the request of <paramref name="exchange"/> as received, once its nonce and
    /// transaction ID pass the replay rules (RFC 4210 §5.1.1, RFC 9483 §3.5): a <c>senderNonce</c>
    /// is present and new; a request other than certConf and pollReq starts a transaction, whose
    /// <c>transactionID</c> no earlier request used.
    /// </summary>
    /// <exception cref="GmPkiException"><c>request-invalid</c> without a <c>transactionID</c>; <c>cmp-sender-nonce-invalid</c>; <c>cmp-transaction-id-in-use</c>.</exception>
    public async Task AdmitAsync(CmpExchange exchange, CancellationToken cancellationToken)
    {
        var header = exchange.Request.Header;
        var id = exchange.TransactionId ?? throw Errors.RequestInvalid.With("the request has no transactionID (RFC 9483 §3.1).");
        var nonce = header.SenderNonce is { } octets && octets.GetOctets().Length > 0 ? Convert.ToHexString(octets.GetOctets())
            : throw Errors.CmpSenderNonceInvalid.With("the request has no senderNonce (RFC 4210 §5.1.1, RFC 9483 §3.1).");
        var type = exchange.Request.Body.Type;
        if (type is not (PkiBody.TYPE_CERT_CONFIRM or PkiBody.TYPE_POLL_REQ) && await store.TransactionSeenAsync(id, cancellationToken))
        {
            throw Errors.CmpTransactionIdInUse.With($"transactionID {id} was used by an earlier request; a new transaction takes a new one (RFC 9483 §3.5).");
        }

        if (!await store.TryRecordMessageAsync(new CmpMessageSeen(nonce, exchange.Sender.Account.Name, id, type, clock.GetUtcNow().UtcDateTime), cancellationToken))
        {
            throw Errors.CmpSenderNonceInvalid.With($"senderNonce {nonce} was used by an earlier request: a replayed message is not answered again (RFC 4210 §5.1.1).");
        }
    }

    /// <summary>The transaction <paramref name="exchange"/> continues, or null when the account has none with its <c>transactionID</c>.</summary>
    /// <exception cref="GmPkiException"><c>cmp-recipient-nonce-invalid</c> when the <c>recipNonce</c> is not the server's last <c>senderNonce</c>.</exception>
    public async Task<CmpTransaction?> ContinuedAsync(CmpExchange exchange, CancellationToken cancellationToken)
    {
        if (exchange.TransactionId is not { } id || await store.FindAsync(exchange.Sender.Account.Name, id, cancellationToken) is not { } transaction)
        {
            return null;
        }

        var recipient = exchange.Request.Header.RecipNonce is { } nonce ? Convert.ToHexString(nonce.GetOctets()) : null;
        return recipient == transaction.ServerNonce ? transaction
            : throw Errors.CmpRecipientNonceInvalid.With($"the recipNonce of the message is not the senderNonce of this CA's last answer in transaction {id} (RFC 4210 §5.1.1).");
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
