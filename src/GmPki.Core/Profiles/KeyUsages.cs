namespace GmPki.Core.Profiles;

/// <summary>
/// The keyUsage bits of RFC 5280 §4.2.1.3. Values are GmPki's own flag numbering; the
/// certificate encoding maps them to the RFC's bit positions.
/// </summary>
[Flags]
public enum KeyUsages
{
    /// <summary>No bits.</summary>
    None = 0,

    /// <summary>digitalSignature (bit 0).</summary>
    DigitalSignature = 1 << 0,

    /// <summary>nonRepudiation / contentCommitment (bit 1).</summary>
    NonRepudiation = 1 << 1,

    /// <summary>keyEncipherment (bit 2).</summary>
    KeyEncipherment = 1 << 2,

    /// <summary>dataEncipherment (bit 3).</summary>
    DataEncipherment = 1 << 3,

    /// <summary>keyAgreement (bit 4).</summary>
    KeyAgreement = 1 << 4,

    /// <summary>keyCertSign (bit 5).</summary>
    KeyCertSign = 1 << 5,

    /// <summary>cRLSign (bit 6).</summary>
    CrlSign = 1 << 6,

    /// <summary>encipherOnly (bit 7).</summary>
    EncipherOnly = 1 << 7,

    /// <summary>decipherOnly (bit 8).</summary>
    DecipherOnly = 1 << 8,
}
