namespace GmPki.Cryptography.Asn1;

/// <summary>
/// How BouncyCastle reports malformed ASN.1, in one place. Its decoder and the structures'
/// <c>GetInstance</c> constructors fail on bytes from outside with many exception types:
/// <see cref="IOException"/> (truncated input, over-long or bad lengths, <c>Asn1Exception</c>),
/// <see cref="InvalidOperationException"/> (<c>Asn1ParsingException</c>, a truncated element
/// inside a constructed one, a bad EXTERNAL), <see cref="ArgumentException"/> and
/// <see cref="InvalidCastException"/> (a wrong type or tag where a structure expects another),
/// <see cref="IndexOutOfRangeException"/> and <see cref="NullReferenceException"/> (a SEQUENCE
/// shorter than the structure), <see cref="FormatException"/> (a bad time or string) and
/// <see cref="ArithmeticException"/> (an INTEGER out of range). Every parser of input catches
/// exactly these around its BouncyCastle calls and refuses the input with its own error
/// (found by fuzzing, <c>docs/fuzzing.md</c>).
/// </summary>
public static class Asn1Failure
{
    /// <summary>Whether <paramref name="exception"/>, thrown by BouncyCastle while decoding or reading a structure, means the bytes are malformed.</summary>
    public static bool IsMalformedInput(Exception exception)
        => exception is IOException or InvalidOperationException or ArgumentException or InvalidCastException
            or IndexOutOfRangeException or NullReferenceException or FormatException or ArithmeticException;
}
