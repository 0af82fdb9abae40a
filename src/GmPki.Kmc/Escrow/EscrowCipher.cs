using System.Security.Cryptography;
using System.Text;
using GmPki.Cryptography.Sm;
using GmPki.Kmc.Custody;

namespace GmPki.Kmc.Escrow;

/// <summary>
/// Encryption of escrowed private keys under the master key's SM4 escrow key with SM4-GCM
/// (RFC 8998 §3.1). Layout: 12-byte random nonce ‖ ciphertext ‖ 16-byte tag. The associated data
/// <c>"gmpki-kmc-escrow-v1" 0x00 masterKeyId 0x00 caId 0x00 keyId</c> (UTF-8) binds the record to
/// its key ID and CA, so a ciphertext moved to another row fails authentication. Device
/// authentication keys use the key ID <c>device:{serial}</c> (<see cref="DeviceKeyId"/>), which no
/// escrowed key's ID (32 hex digits) can equal.
/// </summary>
internal static class EscrowCipher
{
    /// <summary>Encrypts a PKCS#8 private key, or a 16-byte device authentication key.</summary>
    public static byte[] Seal(byte[] escrowKey, string masterKeyId, string caId, string keyId, ReadOnlySpan<byte> plaintext)
    {
        var nonce = RandomNumberGenerator.GetBytes(Sm4.GcmNonceSize);
        return [.. nonce, .. Sm4.GcmEncrypt(escrowKey, nonce, plaintext, AssociatedData(masterKeyId, caId, keyId))];
    }

    /// <summary>The key ID that binds a device authentication key's record to its device serial number.</summary>
    public static string DeviceKeyId(string deviceSerial) => "device:" + deviceSerial;

    /// <summary>Decrypts a record sealed under master key <paramref name="sealedUnder"/> with the unsealed master key.</summary>
    /// <exception cref="Core.Errors.GmPkiException"><c>kmc-escrow-corrupt</c> when the record is under another master key, truncated or fails authentication.</exception>
    public static byte[] Open(UnsealedMasterKey master, string sealedUnder, string caId, string keyId, byte[] sealedKey) =>
        master.Id == sealedUnder
            ? Open(master.EscrowKey, master.Id, caId, keyId, sealedKey)
            : throw KmcErrors.EscrowCorrupt.With($"escrowed key {keyId} is sealed under master key {sealedUnder}, not the unsealed {master.Id}.");

    /// <summary>Decrypts and authenticates a sealed private key or device key.</summary>
    /// <exception cref="Core.Errors.GmPkiException"><c>kmc-escrow-corrupt</c> when the record is truncated or fails authentication.</exception>
    public static byte[] Open(byte[] escrowKey, string masterKeyId, string caId, string keyId, byte[] sealedKey)
    {
        if (sealedKey.Length < Sm4.GcmNonceSize + Sm4.GcmTagSize)
        {
            throw KmcErrors.EscrowCorrupt.With($"escrowed key {keyId} is truncated.");
        }

        try
        {
            return Sm4.GcmDecrypt(escrowKey, sealedKey.AsSpan(0, Sm4.GcmNonceSize), sealedKey.AsSpan(Sm4.GcmNonceSize), AssociatedData(masterKeyId, caId, keyId));
        }
        catch (CryptographicException e)
        {
            throw KmcErrors.EscrowCorrupt.With($"escrowed key {keyId} fails SM4-GCM authentication.", e);
        }
    }

    private static byte[] AssociatedData(string masterKeyId, string caId, string keyId) =>
        Encoding.UTF8.GetBytes($"gmpki-kmc-escrow-v1\0{masterKeyId}\0{caId}\0{keyId}");
}
