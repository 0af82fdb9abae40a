namespace GmPki.Cryptography.Sm.P256;

/// <summary>
/// DER <c>SEQUENCE { r INTEGER, s INTEGER }</c> for SM2 signatures (GM/T 0009 §7.3). Decoding is
/// strict: only the canonical encoding of two non-negative integers below 2^256 is accepted
/// (range checks against n are the verifier's). Signatures are public data.
/// </summary>
internal static class Sm2SignatureDer
{
    /// <summary>Largest encoding: 2 + 2 × (2 + 33) bytes.</summary>
    public const int MaxLength = 72;

    /// <summary>Encodes r and s (32 big-endian bytes each).</summary>
    public static byte[] Encode(ReadOnlySpan<byte> r, ReadOnlySpan<byte> s)
    {
        Span<byte> buffer = stackalloc byte[MaxLength];
        var length = 2;
        length += WriteInteger(r, buffer[length..]);
        length += WriteInteger(s, buffer[length..]);
        buffer[0] = 0x30;
        buffer[1] = (byte)(length - 2);
        return buffer[..length].ToArray();
    }

    /// <summary>Decodes into 32-byte big-endian r and s; false unless <paramref name="der"/> is canonical.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> der, Span<byte> r, Span<byte> s)
    {
        if (der.Length < 2 || der[0] != 0x30 || der[1] >= 0x80 || der[1] != der.Length - 2)
        {
            return false;
        }

        var body = der[2..];
        if (!TryReadInteger(ref body, r) || !TryReadInteger(ref body, s))
        {
            return false;
        }

        return body.IsEmpty;
    }

    private static int WriteInteger(ReadOnlySpan<byte> value, Span<byte> output)
    {
        var start = 0;
        while (start < value.Length - 1 && value[start] == 0)
        {
            start++;
        }

        var digits = value[start..];
        var pad = (digits[0] & 0x80) != 0 ? 1 : 0;
        output[0] = 0x02;
        output[1] = (byte)(digits.Length + pad);
        output[2] = 0;
        digits.CopyTo(output[(2 + pad)..]);
        return 2 + pad + digits.Length;
    }

    private static bool TryReadInteger(ref ReadOnlySpan<byte> input, Span<byte> value)
    {
        if (input.Length < 3 || input[0] != 0x02 || input[1] == 0 || input[1] >= 0x80 || input[1] > input.Length - 2)
        {
            return false;
        }

        var content = input.Slice(2, input[1]);
        input = input[(2 + content.Length)..];
        if ((content[0] & 0x80) != 0)
        {
            return false; // negative
        }

        if (content.Length > 1 && content[0] == 0 && (content[1] & 0x80) == 0)
        {
            return false; // not minimal
        }

        if (content[0] == 0)
        {
            content = content[1..];
        }

        if (content.Length > 32)
        {
            return false;
        }

        value.Clear();
        content.CopyTo(value[(32 - content.Length)..]);
        return true;
    }
}
