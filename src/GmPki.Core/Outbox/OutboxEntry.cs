namespace GmPki.Core.Outbox;

/// <summary>
/// One claimed row of the directory outbox with what it publishes, read from the ledger when it
/// was claimed.
/// </summary>
/// <param name="Id">Row id; rows are published in id order.</param>
/// <param name="Kind">What is published.</param>
/// <param name="IssuerLabel">Label of the CA the row belongs to.</param>
/// <param name="IssuerCertificateDer">The CA's certificate, DER (names the CA's entry).</param>
/// <param name="SerialHex">For <see cref="OutboxKind.UserCertificate"/>: lowercase hex serial; otherwise null.</param>
/// <param name="Shard">For <see cref="OutboxKind.Crl"/>: the CRL's shard; otherwise null.</param>
/// <param name="IsDelta">For <see cref="OutboxKind.Crl"/>: whether it is a delta CRL.</param>
/// <param name="Der">The certificate or CRL, DER; null when the CRL was superseded (the ledger
/// holds a newer CRL of the same shard and kind, which has a row of its own), so there is nothing to publish.</param>
/// <param name="Attempts">Failed attempts so far.</param>
public sealed record OutboxEntry(long Id, OutboxKind Kind, string IssuerLabel, byte[] IssuerCertificateDer, string? SerialHex, int? Shard, bool IsDelta, byte[]? Der, int Attempts);
