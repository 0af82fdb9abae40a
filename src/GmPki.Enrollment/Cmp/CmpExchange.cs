using Org.BouncyCastle.Asn1.Cmp;

namespace GmPki.Enrollment.Cmp;

/// <summary>One authenticated CMP request and what its answer will carry.</summary>
/// <param name="Request">The request.</param>
/// <param name="Sender">Its authenticated sender.</param>
/// <param name="ServerNonce">The <c>senderNonce</c> of the answer (16 random bytes).</param>
/// <param name="RequestId">The request's trace identifier, recorded on applications.</param>
internal sealed record CmpExchange(PkiMessage Request, CmpSender Sender, byte[] ServerNonce, string RequestId)
{
    /// <summary>The <c>transactionID</c> as upper-case hex, or null when the request has none.</summary>
    public string? TransactionId => Request.Header.TransactionID is { } id ? Convert.ToHexString(id.GetOctets()) : null;
}
