namespace GmPki.Server.Http;

/// <summary>
/// A judicial key recovery (司法密钥恢复, GM/T 0034; <c>POST /api/v1/judicial-key-recoveries</c>,
/// registrars): the legal order, recorded with its scans on an application of the key's holder.
/// </summary>
/// <param name="TargetSerial">Either certificate of the pair whose escrowed encryption key is to be recovered (hex).</param>
/// <param name="RecipientSerial">The certificate of this CA the order designates to receive the key (a good SM2 certificate).</param>
/// <param name="Authority">The judicial or supervisory authority that issued the order.</param>
/// <param name="DocumentNumber">The order's document number (文书编号).</param>
/// <param name="IssuedOn">The date on the order (ISO 8601, <c>yyyy-MM-dd</c>).</param>
/// <param name="Statement">The facts.</param>
/// <param name="Evidence">Scans of the order; at least one.</param>
public sealed record JudicialKeyRecoveryBody(
    string TargetSerial, string RecipientSerial, string Authority, string DocumentNumber, DateOnly IssuedOn, string Statement, IReadOnlyList<EvidenceBody> Evidence);
