namespace GmPki.Server.Tests;

/// <summary>Certificates broken in the ways issue 15 found HTTP 500s with (item 1): a short TBSCertificate and a bad GeneralizedTime.</summary>
internal static class MalformedCertificates
{
    /// <summary>A Certificate whose TBSCertificate holds only a serial number.</summary>
    public static byte[] ShortTbs { get; } = [0x30, 0x0E, 0x30, 0x03, 0x02, 0x01, 0x01, 0x30, 0x03, 0x06, 0x01, 0x00, 0x03, 0x02, 0x00, 0x00];

    /// <summary><paramref name="der"/> with its first UTCTime (notBefore) replaced by a GeneralizedTime of month 13, same length.</summary>
    public static byte[] WithBadGeneralizedTime(byte[] der)
    {
        var at = der.AsSpan().IndexOf((ReadOnlySpan<byte>)[0x17, 0x0D]);
        at.ShouldBeGreaterThan(0, "the certificate has a UTCTime");
        return [.. der[..at], 0x18, 0x0D, .. "2613990000Z00"u8, .. der[(at + 15)..]];
    }
}
