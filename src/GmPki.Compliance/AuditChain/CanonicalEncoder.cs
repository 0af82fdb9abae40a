using System.Buffers.Binary;
using System.Text;

namespace GmPki.Compliance.AuditChain;

/// <summary>
/// Writes the canonical byte encodings of the audit chain (<c>docs/audit.md</c>) into a buffer of
/// known size: big-endian integers, length-prefixed UTF-8 text, raw hashes.
/// </summary>
internal sealed class CanonicalEncoder
{
    /// <summary>The length prefix that marks a null text field (distinct from the empty text, prefix 0).</summary>
    public const uint NullLength = uint.MaxValue;

    private readonly byte[] _buffer;
    private int _position;

    public CanonicalEncoder(int size) => _buffer = new byte[size];

    /// <summary>Bytes <see cref="Text"/> writes for <paramref name="value"/>.</summary>
    public static int TextSize(string? value) => 4 + (value is null ? 0 : Encoding.UTF8.GetByteCount(value));

    /// <summary>Bytes <see cref="Hash"/> writes.</summary>
    public const int HashSize = 32;

    /// <summary>Bytes <see cref="Int64"/> writes.</summary>
    public const int Int64Size = 8;

    /// <summary>A signed 64-bit big-endian integer.</summary>
    public CanonicalEncoder Int64(long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(_buffer.AsSpan(_position), value);
        _position += Int64Size;
        return this;
    }

    /// <summary>A 32-bit big-endian byte count, then the UTF-8 bytes; null is the count <see cref="NullLength"/> alone.</summary>
    public CanonicalEncoder Text(string? value)
    {
        if (value is null)
        {
            BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(_position), NullLength);
            _position += 4;
            return this;
        }

        var length = Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_position + 4));
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(_position), (uint)length);
        _position += 4 + length;
        return this;
    }

    /// <summary>The 32 raw bytes of a lowercase hex SM3 hash.</summary>
    /// <exception cref="ArgumentException"><paramref name="hex"/> is not 64 lowercase hex digits.</exception>
    public CanonicalEncoder Hash(string hex)
    {
        if (!IsHash(hex))
        {
            throw new ArgumentException($"'{hex}' is not a lowercase hex SM3 hash (64 digits).", nameof(hex));
        }

        Convert.FromHexString(hex, _buffer.AsSpan(_position, HashSize), out _, out _);
        _position += HashSize;
        return this;
    }

    /// <summary>The encoding; every byte of the buffer must have been written.</summary>
    public byte[] ToArray() => _position == _buffer.Length
        ? _buffer
        : throw new InvalidOperationException($"Canonical encoding wrote {_position} of {_buffer.Length} bytes.");

    /// <summary>Whether <paramref name="hex"/> is 64 lowercase hex digits.</summary>
    public static bool IsHash(string? hex) => hex is { Length: HashSize * 2 } && hex.All(char.IsAsciiHexDigitLower);
}
