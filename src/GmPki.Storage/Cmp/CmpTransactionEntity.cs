namespace GmPki.Storage.Cmp;

/// <summary>Row of table <c>cmp_transactions</c> (see <see cref="Core.Enrollment.CmpTransaction"/>).</summary>
internal sealed class CmpTransactionEntity
{
    public required string Account { get; set; }

    public required string TransactionId { get; set; }

    public required string State { get; set; }

    public required string ApplicationId { get; set; }

    public int AnswerType { get; set; }

    public int CertReqId { get; set; }

    public string? ClientNonce { get; set; }

    public required string ServerNonce { get; set; }

    public string? CertificateSerial { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}
