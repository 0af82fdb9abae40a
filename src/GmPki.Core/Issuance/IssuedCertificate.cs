namespace GmPki.Core.Issuance;

/// <summary>The result of a successful issuance.</summary>
/// <param name="SerialHex">Serial number, lowercase hex.</param>
/// <param name="CertificateDer">DER certificate.</param>
/// <param name="Chain">DER CA certificates above it: the issuing CA first, the root last.</param>
/// <param name="Profile">Profile name.</param>
/// <param name="Subject">Subject DN text.</param>
/// <param name="NotBefore">UTC start of validity.</param>
/// <param name="NotAfter">UTC end of validity.</param>
public sealed record IssuedCertificate(
    string SerialHex,
    byte[] CertificateDer,
    IReadOnlyList<byte[]> Chain,
    string Profile,
    string Subject,
    DateTime NotBefore,
    DateTime NotAfter);
