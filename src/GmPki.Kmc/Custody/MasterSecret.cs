using System.Security.Cryptography;
using GmPki.Cryptography.Sm;

namespace GmPki.Kmc.Custody;

/// <summary>
/// The KMC master secret: 32 random bytes, split among custodians and never stored. Two values
/// are derived from it with HMAC-SM3 under distinct labels, so that neither reveals the other:
/// the 128-bit SM4 escrow key (<c>"gmpki kmc escrow kek v1"</c>, first 16 bytes) and the 32-byte
/// check value (<c>"gmpki kmc check value v1"</c>) that the KMC stores to recognise a correct
/// reconstruction.
/// </summary>
internal static class MasterSecret
{
    /// <summary>Length of the secret in bytes.</summary>
    public const int Size = 32;

    /// <summary>A fresh secret from the system CSPRNG.</summary>
    public static byte[] Generate() => RandomNumberGenerator.GetBytes(Size);

    /// <summary>The check value, lowercase hex.</summary>
    public static string CheckValue(ReadOnlySpan<byte> secret) => Convert.ToHexStringLower(Sm3.Hmac(secret, "gmpki kmc check value v1"u8));

    /// <summary>The 16-byte SM4 key that encrypts escrowed private keys.</summary>
    public static byte[] EscrowKey(ReadOnlySpan<byte> secret)
    {
        var mac = Sm3.Hmac(secret, "gmpki kmc escrow kek v1"u8);
        var key = mac[..Sm4.KeySize];
        CryptographicOperations.ZeroMemory(mac);
        return key;
    }
}
