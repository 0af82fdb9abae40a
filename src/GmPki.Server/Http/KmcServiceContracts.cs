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

/// <summary>The USB key's answer for a PIN unlock (<c>POST /api/v1/applications/{id}/pin-unlock</c>).</summary>
/// <param name="DeviceSerial">The device's serial number (SKF <c>DEVINFO.SerialNumber</c>).</param>
/// <param name="Challenge">The device's random from <c>SKF_GenRandom</c>, hex: 8 bytes (16 digits) or 16 bytes (32 digits).</param>
public sealed record PinUnlockBody(string DeviceSerial, string Challenge);

/// <summary>A fulfilled PIN unlock.</summary>
/// <param name="Application">The completed application.</param>
/// <param name="AuthenticationData">Hex of the 16-byte device-authentication data to pass to <c>SKF_DevAuth</c> (GM/T 0016): SM4-ECB under the device key of the challenge, zero-padded.</param>
public sealed record PinUnlockView(ApplicationView Application, string AuthenticationData);
