namespace GmPki.Core.Enrollment;

/// <summary>Where a CMP transaction stands (RFC 4210 §5.3.18, §5.3.22).</summary>
public enum CmpTransactionState
{
    /// <summary>The enrollment awaits a reviewer (two-person rule); the client polls (pollReq).</summary>
    Waiting,

    /// <summary>The certificate was sent (ip, cp or kup); the client confirms it (certConf).</summary>
    Issued,

    /// <summary>The client confirmed the certificate and got pkiConf.</summary>
    Confirmed,
}

/// <summary>
/// One CMP transaction of an enrollment (ir, cr, p10cr, kur): what a later pollReq or certConf of
/// the same account and <c>transactionID</c> continues, kept in the ledger so it survives a restart.
/// </summary>
/// <param name="Account">The <c>cmp</c> protocol account that sent it.</param>
/// <param name="TransactionId">The <c>transactionID</c> of the messages, upper-case hex.</param>
/// <param name="State">Where it stands.</param>
/// <param name="ApplicationId">The registration application the request opened.</param>
/// <param name="AnswerType">The PKIBody type of the certificate answer: ip (1), cp (3) or kup (8).</param>
/// <param name="CertReqId">The <c>certReqId</c> of the request (-1 for p10cr).</param>
/// <param name="ClientNonce">The <c>senderNonce</c> of the client's last message, upper-case hex, or null.</param>
/// <param name="ServerNonce">The <c>senderNonce</c> of the server's last answer, upper-case hex: the client's next message carries it as <c>recipNonce</c> (RFC 4210 §5.1.1).</param>
/// <param name="CertificateSerial">The serial of the certificate sent (state <see cref="CmpTransactionState.Issued"/> and later), or null.</param>
/// <param name="CreatedAt">When the transaction began (UTC).</param>
/// <param name="UpdatedAt">When it last changed (UTC).</param>
public sealed record CmpTransaction(string Account, string TransactionId, CmpTransactionState State, Guid ApplicationId, int AnswerType, int CertReqId,
    string? ClientNonce, string ServerNonce, string? CertificateSerial, DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>
/// One authenticated CMP request as received (table <c>cmp_messages</c>): its <c>senderNonce</c>
/// may not come again, and its <c>transactionID</c> may not start another transaction
/// (RFC 4210 §5.1.1, RFC 9483 §3.5).
/// </summary>
/// <param name="SenderNonce">The request's <c>senderNonce</c>, upper-case hex.</param>
/// <param name="Account">The <c>cmp</c> protocol account that sent it.</param>
/// <param name="TransactionId">The request's <c>transactionID</c>, upper-case hex.</param>
/// <param name="BodyType">Its PKIBody type (0 ir, 2 cr, 4 p10cr, 7 kur, 11 rr, 21 genm, 24 certConf, 25 pollReq).</param>
/// <param name="ReceivedAt">When it arrived (UTC).</param>
public sealed record CmpMessageSeen(string SenderNonce, string Account, string TransactionId, int BodyType, DateTime ReceivedAt);

/// <summary>The ledger of CMP transactions and of the requests received (tables <c>cmp_transactions</c> and <c>cmp_messages</c>, docs/protocols.md).</summary>
public interface ICmpTransactionStore
{
    /// <summary>Records <paramref name="message"/>; false, and nothing recorded, when a request with its <c>senderNonce</c> was recorded before (a replay).</summary>
    Task<bool> TryRecordMessageAsync(CmpMessageSeen message, CancellationToken cancellationToken);

    /// <summary>Whether any request with <paramref name="transactionId"/> (upper-case hex) was recorded, from any account.</summary>
    Task<bool> TransactionSeenAsync(string transactionId, CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="transaction"/>, replacing the one with the same account and transaction ID.</summary>
    Task SaveAsync(CmpTransaction transaction, CancellationToken cancellationToken);

    /// <summary>The transaction of <paramref name="account"/> with <paramref name="transactionId"/> (upper-case hex), or null.</summary>
    Task<CmpTransaction?> FindAsync(string account, string transactionId, CancellationToken cancellationToken);
}
