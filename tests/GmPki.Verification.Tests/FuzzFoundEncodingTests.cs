using GmPki.Verification.Certificates;
using GmPki.Verification.Signatures;

namespace GmPki.Verification.Tests;

/// <summary>Encodings refused as malformed (FormatException) rather than escaping as other exceptions (HTTP 500 at the signature and path validation endpoints): inputs AFL++ found (fuzz/run.sh cms) and the shapes issue 15 reported.</summary>
public class FuzzFoundEncodingTests
{
    /// <summary>openssl cms -sign output whose SignerInfo sid is re-tagged APPLICATION: BouncyCastle decoded the sid only when the signer's certificate was looked up, and threw ArgumentException.</summary>
    [Fact]
    public void CmsParse_SignerIdentifierMalformed_FormatException()
        => Should.Throw<FormatException>(() => CmsSignedData.Parse(Convert.FromBase64String("MIICWwYJKoZIhvcNAQcCoIICTDCCAkgCAQExDTALBglghkgBZQMEAgEwCwYJKoZIhvcNAQcBoIIBjjCCAYowggEvoAMCAQICFAqvMPbsICQtWtHOJYKJRQWYDGRfMAoGCCqGSM49BAMCMBIxEDAOBgNVBAMMB0Z1enogQ0EwHhcNMjYAAIAAMjM1NTE0WhcNMjcwMTA2MjM1NTE0WjASMRAwDgYDVQQDDAdGdXp6IENBMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEN6rsywbQwNyLjZpLZZ3N1CjVoMg6oQdp7u7i3oUdtoYB0XXc4LBlCy/qZou9SGJNnZnhpcKjneib9PbDHwp8paNjMGEwHQYDVR0OBBYEFJt0JgBVdUTm+oJ9vG7Yb7cWsZ9aMB8GA1UdIwQYMBaAFJt0JgBVdUTm+oJ9vG7Yb7cWsZ9aMA8GA1UdEwEB/wQFMAMBAf8wDgYDVR0PAQH/BAQDAgEGMAoGCCqGSM49BAMCA0kAMEYCIQCoyFYFjuQSDibQju7kt0yVEDTtmeQSuFEAmYUt9wXD7wIhALfTYUY7VkvWXqugTqWhbCtFSyjPeUAo8BTUDBhjWlTWMYGUMIGRAgEBMCowEjEQbg4GA1UEAwwHRnV6eiBDQQIUCq8w9uwgJC1a0c4lgolFBZgMZF8wCwYJYIZIAWUDBAIBMAoGCCqGSM49BAMCBEcwRQIgfAmG8iyJH8QtvteeC2Cek2sQWrcy8rIvcEzpw16x9+UCIQC91wTLqMJDaTpIiv01ia2zzRx1HthnFwZNy8p7HYmvMA==")));

    /// <summary>A certificate whose notBefore is a GeneralizedTime with month 13.</summary>
    [Fact]
    public void CertificateParse_BadGeneralizedTime_FormatException()
    {
        var der = Convert.FromBase64String("MIIBujCCAWGgAwIBAgIBBzAKBggqhkjOPQQDAjASMRAwDgYDVQQDDAdGdXp6IENBMB4XDTI2MTIwNzIzNTUxNFoXDTI2MTIxNzIzNTUxNFowDzENMAsGA1UEAwwEbGVhZjBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABDeq7MsG0MDci42aS2WdzdQo1aDIOqEHae7u4t6FHbaGAdF13OCwZQsv6maLvUhiTZ2Z4aXCo53om/T2wx8KfKWjgaowgacwFwYDVR0RBBAwDoIMbGVhZi5leGFtcGxlMCYGA1UdHwQfMB0wG6AZoBeGFWh0dHA6Ly9jYS5leGFtcGxlL2NybDAyBggrBgEFBQcBAQQmMCQwIgYIKwYBBQUHMAGGFmh0dHA6Ly9jYS5leGFtcGxlL29jc3AwEQYDVR0gBAowCDAGBgRVHSAAMB0GA1UdDgQWBBSbdCYAVXVE5vqCfbxu2G+3FrGfWjAKBggqhkjOPQQDAgNHADBEAiAe25VAeU/e3P1yo46baDBzEjL3FHdrzTb5GDVby/QG+QIgL27k+ma980Ei88If8ESaDUsdJZy37HG5pbExTwxEgks=");
        var at = der.AsSpan().IndexOf((ReadOnlySpan<byte>)[0x17, 0x0D]);
        byte[] bad = [.. der[..at], 0x18, 0x0D, .. "2613990000Z00"u8, .. der[(at + 15)..]];

        Should.Throw<FormatException>(() => ParsedCertificate.Parse(bad));
    }

    /// <summary>A Certificate whose TBSCertificate holds only a serial number.</summary>
    [Fact]
    public void CertificateParse_ShortTbsCertificate_FormatException()
        => Should.Throw<FormatException>(() => ParsedCertificate.Parse([0x30, 0x0E, 0x30, 0x03, 0x02, 0x01, 0x01, 0x30, 0x03, 0x06, 0x01, 0x00, 0x03, 0x02, 0x00, 0x00]));
}
