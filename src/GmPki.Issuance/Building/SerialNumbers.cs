using System.Security.Cryptography;

namespace GmPki.Issuance.Building;

/// <summary>
/// Certificate serial numbers (RFC 5280 §4.1.2.2): 16 octets from the operating system's CSPRNG,
/// first octet in 0x40–0x7F so the DER INTEGER is positive and exactly 16 octets long: 126
/// random bits, well above the 64 bits CA/B Baseline Requirements §7.1 ask for.
/// </summary>
internal static class SerialNumbers
{
    /// <summary>Serial length in octets.</summary>
    public const int Length = 16;

    /// <summary>Draws a new serial; returns its big-endian octets.</summary>
    public static byte[] Next()
    {
        var serial = RandomNumberGenerator.GetBytes(Length);
        serial[0] = (byte)((serial[0] & 0x3F) | 0x40);
        return serial;
    }
}
