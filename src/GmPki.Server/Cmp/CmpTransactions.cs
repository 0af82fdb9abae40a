using System.Collections.Concurrent;

namespace GmPki.Server.Cmp;

/// <summary>
/// The enrollments waiting for a reviewer (two-person rule) that a CMP client polls for
/// (pollReq, RFC 4210 §5.3.22): its account and <c>transactionID</c> lead to the application and
/// to the answer it will get (ip, cp or kup with its <c>certReqId</c>). Kept in memory: after a
/// restart the poll is refused (<c>request-invalid</c>) and the client sends its request again,
/// while the reviewer's decision stays on the application.
/// </summary>
internal sealed class CmpTransactions
{
    private readonly ConcurrentDictionary<(string Account, string TransactionId), Waiting> _waiting = new();

    /// <summary>Remembers a waiting enrollment.</summary>
    public void Add(string account, byte[] transactionId, Waiting waiting) => _waiting[(account, Convert.ToHexString(transactionId))] = waiting;

    /// <summary>The waiting enrollment of the account's transaction, or null.</summary>
    public Waiting? Find(string account, byte[] transactionId) => _waiting.GetValueOrDefault((account, Convert.ToHexString(transactionId)));

    /// <summary>Forgets a transaction once it is answered for good.</summary>
    public void Remove(string account, byte[] transactionId) => _waiting.TryRemove((account, Convert.ToHexString(transactionId)), out _);

    /// <summary>An enrollment awaiting a reviewer.</summary>
    /// <param name="ApplicationId">Its application.</param>
    /// <param name="AnswerType">The PKIBody type of the final answer: ip, cp or kup.</param>
    /// <param name="CertReqId">The certReqId of the request (-1 for p10cr).</param>
    public sealed record Waiting(Guid ApplicationId, int AnswerType, int CertReqId);
}
