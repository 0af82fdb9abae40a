using System.Text;
using GmPki.Cryptography.Asn1;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace GmPki.Cryptography.Tests;

/// <summary>
/// <see cref="Asn1Times"/>: a GeneralizedTime whose sign is not an offset is refused before
/// BouncyCastle's <c>ToDateTime</c> recurses into a stack overflow (found by the <c>crl</c> fuzz target).
/// </summary>
public class Asn1TimesTests
{
    private static DerGeneralizedTime Generalized(string text)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        return (DerGeneralizedTime)Asn1Object.FromByteArray([0x18, (byte)bytes.Length, .. bytes]);
    }

    [Theory]
    [InlineData("2026-1208120000")]
    [InlineData("20261208+20000")]
    [InlineData("-")]
    public void ToDateTime_SignThatIsNoOffset_FormatException(string text)
    {
        Should.Throw<FormatException>(() => Asn1Times.ToDateTime(new Time(Generalized(text))));
    }

    [Theory]
    [InlineData("20261208120000Z", "2026-12-08T12:00:00Z")]
    [InlineData("20261208120000+0800", "2026-12-08T04:00:00Z")]
    public void ToDateTime_ZuluOrOffset_TheInstant(string text, string expected)
    {
        Asn1Times.ToDateTime(new Time(Generalized(text))).ToUniversalTime().ShouldBe(DateTime.Parse(expected, null, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal));
    }
}
