using Org.BouncyCastle.Crypto.Digests;

namespace GmPki.Cryptography.Sm;

/// <summary>SM3 cryptographic hash (GB/T 32905, GM/T 0004): 32-byte digests.</summary>
public static class Sm3
{
    /// <summary>Digest length in bytes.</summary>
    public const int HashSize = 32;

    /// <summary>Hashes <paramref name="data"/>.</summary>
    /// <returns>The 32-byte digest.</returns>
    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        var digest = new SM3Digest();
        digest.BlockUpdate(data.ToArray(), 0, data.Length);
        var result = new byte[HashSize];
        digest.DoFinal(result, 0);
        return result;
    }

    /// <summary>Hashes <paramref name="data"/> and returns the digest as lowercase hex (64 characters).</summary>
    public static string HashHex(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(Hash(data));

    /// <summary>Hashes a stream from its current position to its end, 80 KiB at a time (files of any size).</summary>
    /// <returns>The digest as lowercase hex (64 characters).</returns>
    public static async Task<string> HashHexAsync(Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var digest = new SM3Digest();
        var buffer = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            digest.BlockUpdate(buffer, 0, read);
        }

        var result = new byte[HashSize];
        digest.DoFinal(result, 0);
        return Convert.ToHexStringLower(result);
    }

    /// <summary>HMAC-SM3 (RFC 2104 with SM3, GM/T 0042 usage) of <paramref name="data"/> under <paramref name="key"/>.</summary>
    /// <returns>The 32-byte MAC.</returns>
    public static byte[] Hmac(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data)
    {
        var mac = new Org.BouncyCastle.Crypto.Macs.HMac(new SM3Digest());
        mac.Init(new Org.BouncyCastle.Crypto.Parameters.KeyParameter(key.ToArray()));
        mac.BlockUpdate(data.ToArray(), 0, data.Length);
        var result = new byte[HashSize];
        mac.DoFinal(result, 0);
        return result;
    }
}
