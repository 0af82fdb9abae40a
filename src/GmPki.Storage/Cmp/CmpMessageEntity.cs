namespace GmPki.Storage.Cmp;

/// <summary>Row of table <c>cmp_messages</c> (see <see cref="Core.Enrollment.CmpMessageSeen"/>).</summary>
internal sealed class CmpMessageEntity
{
    public required string SenderNonce { get; set; }

    public required string Account { get; set; }

    public required string TransactionId { get; set; }

    public int BodyType { get; set; }

    public DateTime ReceivedAt { get; set; }
}
