using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace GmPki.Cryptography.Asn1;

/// <summary>
/// ASN.1 times of untrusted input (certificates, CRLs, OCSP responses, timestamp tokens, CRMF
/// templates) read safely. BouncyCastle 1.8's <c>DerGeneralizedTime.ToDateTime</c> recurses
/// without end (a stack overflow, which no handler can catch) on a GeneralizedTime with no
/// <c>Z</c> whose <c>+</c> or <c>-</c> is not a time-zone offset (e.g. <c>2026-1208120000</c>):
/// such a value is refused here first.
/// </summary>
public static class Asn1Times
{
    /// <summary>The instant <paramref name="time"/> names (its kind as BouncyCastle gives it).</summary>
    /// <param name="time">A UTCTime or GeneralizedTime (RFC 5280 §4.1.2.5).</param>
    /// <exception cref="FormatException">A GeneralizedTime with a sign that is not an offset <c>±hhmm</c> or <c>±hh</c> at its end, or a time that does not parse (malformed input, <see cref="Asn1Failure.IsMalformedInput"/>).</exception>
    public static DateTime ToDateTime(Time time)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (time.ToAsn1Object() is DerGeneralizedTime generalized)
        {
            return ToDateTime(generalized);
        }

        return time.ToDateTime();
    }

    /// <inheritdoc cref="ToDateTime(Time)"/>
    public static DateTime ToDateTime(DerGeneralizedTime time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var text = time.TimeString;
        var sign = text.IndexOfAny(['+', '-']);
        if (!text.EndsWith('Z') && sign >= 0 && sign != text.Length - 5 && sign != text.Length - 3)
        {
            throw new FormatException($"GeneralizedTime '{text}' is neither Zulu nor an offset time (RFC 5280 §4.1.2.5.2).");
        }

        return time.ToDateTime();
    }
}
