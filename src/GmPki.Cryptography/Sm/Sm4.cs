using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace GmPki.Cryptography.Sm;

/// <summary>
/// SM4 block cipher (GB/T 32907, GM/T 0002): 128-bit key, 128-bit block. Offers the raw block
/// transform (for known-answer tests and key wrapping) and SM4-GCM (RFC 8998 §3.1, the AEAD used
/// for data at rest).
/// </summary>
public static class Sm4
{
    /// <summary>Key and block size in bytes.</summary>
    public const int KeySize = 16;

    /// <summary>GCM nonce size in bytes (96 bits, as RFC 8998 requires).</summary>
    public const int GcmNonceSize = 12;

    /// <summary>GCM tag size in bytes.</summary>
    public const int GcmTagSize = 16;

    /// <summary>Encrypts one 16-byte block (ECB, no padding).</summary>
    /// <exception cref="ArgumentException">Key or block is not 16 bytes.</exception>
    public static byte[] EncryptBlock(ReadOnlySpan<byte> key, ReadOnlySpan<byte> block) => TransformBlock(true, key, block);

    /// <summary>Decrypts one 16-byte block (ECB, no padding).</summary>
    /// <exception cref="ArgumentException">Key or block is not 16 bytes.</exception>
    public static byte[] DecryptBlock(ReadOnlySpan<byte> key, ReadOnlySpan<byte> block) => TransformBlock(false, key, block);

    /// <summary>
    /// SM4-GCM encryption. Output layout: ciphertext (same length as the plaintext) followed by
    /// the 16-byte tag.
    /// </summary>
    /// <param name="key">16-byte key.</param>
    /// <param name="nonce">12-byte nonce; never reuse one with the same key.</param>
    /// <param name="plaintext">Data to encrypt.</param>
    /// <param name="associatedData">Authenticated but unencrypted data (may be empty).</param>
    /// <exception cref="ArgumentException">Key or nonce has the wrong length.</exception>
    public static byte[] GcmEncrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
        => Gcm(true, key, nonce, plaintext, associatedData);

    /// <summary>SM4-GCM decryption of <c>ciphertext ‖ tag</c> as produced by <see cref="GcmEncrypt"/>.</summary>
    /// <exception cref="ArgumentException">Key or nonce has the wrong length.</exception>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The tag does not verify.</exception>
    public static byte[] GcmDecrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertextAndTag, ReadOnlySpan<byte> associatedData)
    {
        try
        {
            return Gcm(false, key, nonce, ciphertextAndTag, associatedData);
        }
        catch (InvalidCipherTextException e)
        {
            throw new System.Security.Cryptography.CryptographicException("SM4-GCM authentication tag does not verify.", e);
        }
    }

    private static byte[] TransformBlock(bool encrypt, ReadOnlySpan<byte> key, ReadOnlySpan<byte> block)
    {
        RequireLength(key, KeySize, nameof(key));
        RequireLength(block, KeySize, nameof(block));
        var engine = new SM4Engine();
        engine.Init(encrypt, new KeyParameter(key.ToArray()));
        var output = new byte[KeySize];
        engine.ProcessBlock(block.ToArray(), 0, output, 0);
        return output;
    }

    private static byte[] Gcm(bool encrypt, ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> input, ReadOnlySpan<byte> associatedData)
    {
        RequireLength(key, KeySize, nameof(key));
        RequireLength(nonce, GcmNonceSize, nameof(nonce));
        var cipher = new GcmBlockCipher(new SM4Engine());
        cipher.Init(encrypt, new AeadParameters(new KeyParameter(key.ToArray()), GcmTagSize * 8, nonce.ToArray(), associatedData.ToArray()));
        var output = new byte[cipher.GetOutputSize(input.Length)];
        var written = cipher.ProcessBytes(input.ToArray(), 0, input.Length, output, 0);
        written += cipher.DoFinal(output, written);
        return written == output.Length ? output : output[..written];
    }

    private static void RequireLength(ReadOnlySpan<byte> value, int length, string name)
    {
        if (value.Length != length)
        {
            throw new ArgumentException($"{name} must be {length} bytes, got {value.Length}.", name);
        }
    }
}
