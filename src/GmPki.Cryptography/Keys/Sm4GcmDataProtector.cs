using System.Security.Cryptography;
using System.Text;
using GmPki.Core.Keys;
using GmPki.Cryptography.Sm;

namespace GmPki.Cryptography.Keys;

/// <summary>
/// <see cref="IPersonalDataProtector"/> with SM4-GCM (RFC 8998) under one data key. Layout of a
/// protected value: version byte <c>0x01</c> ‖ 12-byte random nonce ‖ ciphertext ‖ 16-byte tag;
/// the purpose (UTF-8) is the associated data.
/// </summary>
public sealed class Sm4GcmDataProtector : IPersonalDataProtector
{
    private const byte Version = 1;
    private readonly Lazy<byte[]> _key;

    /// <summary>Creates the protector; <paramref name="key"/> supplies the 16-byte data key on first use.</summary>
    public Sm4GcmDataProtector(Func<byte[]> key) => _key = new Lazy<byte[]>(key, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <inheritdoc/>
    public byte[] Protect(ReadOnlySpan<byte> plaintext, string purpose)
    {
        var nonce = RandomNumberGenerator.GetBytes(Sm4.GcmNonceSize);
        var sealedData = Sm4.GcmEncrypt(_key.Value, nonce, plaintext, Encoding.UTF8.GetBytes(purpose));
        return [Version, .. nonce, .. sealedData];
    }

    /// <inheritdoc/>
    public byte[] Unprotect(ReadOnlySpan<byte> protectedData, string purpose)
    {
        if (protectedData.Length < 1 + Sm4.GcmNonceSize + Sm4.GcmTagSize || protectedData[0] != Version)
        {
            throw new CryptographicException("Not a protected value of version 1.");
        }

        return Sm4.GcmDecrypt(_key.Value, protectedData.Slice(1, Sm4.GcmNonceSize), protectedData[(1 + Sm4.GcmNonceSize)..], Encoding.UTF8.GetBytes(purpose));
    }

    /// <inheritdoc/>
    /// <remarks>HMAC-SM3 over <c>purpose || 0x00 || value</c> (UTF-8) under HMAC-SM3(data key, "gmpki blind index v1").</remarks>
    public string BlindIndex(string value, string purpose)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(purpose);
        var indexKey = Sm3.Hmac(_key.Value, "gmpki blind index v1"u8);
        return Convert.ToHexStringLower(Sm3.Hmac(indexKey, Encoding.UTF8.GetBytes(purpose + "\0" + value)));
    }
}
