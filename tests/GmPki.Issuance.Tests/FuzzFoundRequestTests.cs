using GmPki.Core.Errors;
using GmPki.Issuance.Requests;

namespace GmPki.Issuance.Tests;

/// <summary>Inputs AFL++ found (fuzz/run.sh csr) that escaped the request parser as other exceptions (HTTP 500 at the counter, EST and CMP p10cr); each is refused as csr-malformed.</summary>
public class FuzzFoundRequestTests
{
    [Theory]
    // A PKCS#10 whose subjectAltName OCTET STRING claims more bytes than its SEQUENCE holds: InvalidOperationException from the CertReqMsg shape test.
    [InlineData("MIIBITCBxwIBADA3MQswCQYDVQQGEwJDTjETMBEGA1UECgwKR21Qa2kgRnV6ejETMBEGA1UEAwwKZWMuZXhhbXBsZTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABDeq7MsG0MDci42aS2WdzdQo1aDIOqEHae7u4t6FHbaGAdF13OCwZQsv6maLvUhiTZ2Z4aXCo53om/T2wx8KfKWgLjAsBgkqhkiG9w0BCQ4xHzAZMBsGA1UdEQQUMBKCCmVjLmV4YW1wbGWHBH8AAAEwCgYIKoZIzj0EAwIDSQAwRgIhAPeNPuK3tbLzCObMRaRb5p84yMCi8Y876uu0n474AiEA/lTyelNjBDPUrSZR9I/BWaCyuIhMpduLmQKWBhAQwAA=")]
    // An EXTERNAL with an invalid encoding choice: InvalidOperationException from the strict DER decoder.
    [InlineData("MAAogKMAAAAH")]
    // A constructed tagged object that ends before its indefinite-length contents: Asn1ParsingException.
    [InlineData("vxKAEA==")]
    // A CertReqMsg whose CertRequest is an empty SEQUENCE: IndexOutOfRangeException in BouncyCastle's CertRequest.
    [InlineData("MIIBITAAgAIBADA3MQswCQYDVQQGEwJDTjETMBEGA1UECgwKR21Qa2kgRnV6ejETMBEGA1UEAwwKZWMuZXhhbXBsZTBZMBMGByqHSM49AgEGCCqGSM49AwEHA0IABDeq7MsG0MDci42aS2WdzdQo1aDIOqEgae7u4t6FHbaGAdF13OAAAACAAICLQkhiTZ2Z4aXCo53om/T2wx8KbGWgLh4sBgkqhkiG9w0BCQ4xHzAdMBsGA1UdER4UMOK3tbLzCObMRaRb5p84yMRwwgEwCgYIKoZIzj0EAwIDSQAwRgIhAPeNPhKCCmVjLmV4YW1wbGWHBH8AAGii8Y876uu0vo74AiER/lTyelNjBDPUrSZR9I/BWaCyuHkNAQkOMR8wHRAQwAA=")]
    // A PKCS#10 whose signature BIT STRING declares 4 unused bits: InvalidOperationException from BitString.GetOctets (found by the CI run of fuzz/ci.sh).
    [InlineData("MIIBITCBxwIBADA3MQswCQYDVQQGEwJDTjETMBEGA1UECgwKR21Qa2kgRnV6ejETMBEGA1UEAwwKZWMuZXhhbXBsZTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABDeq7MsG0MDci42aS2WdzdQo1aDIOqEHae7u4t6FHbaGAdF13OCwZQsv6maLvUhiTZ2Z4aXCo53om/T2wx8KfKWgLjAsBgkqhkiG9w0BCQ4xHzAdMBsGA1UdEQQUMBKCCmVjLmV4YW1wbGWHBH8AAAEwCgYIKoZIzj0EAwIDSQQwRgIhAPeNPuK3tbLzCObMRaRb5p84yMBwwmii8Y876uu0vo7WAiEA/lTyelNjBDPUrSZR9I/BWaCyuHlMpduLmQKWBhAQwAA=")]
    public void Parse_InputFoundByFuzzing_CsrMalformed(string base64)
    {
        var error = Should.Throw<GmPkiException>(() => CertificationRequestParser.Parse(Convert.FromBase64String(base64)));

        error.Error.Code.ShouldBe("csr-malformed");
    }

    /// <summary>A PKCS#10 whose subjectPublicKey BIT STRING declares unused bits: InvalidOperationException from BitString.GetOctets in PublicKey.Parse (fuzz/run.sh csr).</summary>
    [Fact]
    public void Parse_KeyBitStringWithUnusedBits_UnsupportedKey()
    {
        var error = Should.Throw<GmPkiException>(() => CertificationRequestParser.Parse(Convert.FromBase64String("MIIBITCBxwIBADA3MQswCQYDVQQGEwJDTjETMBEGA1UECgwKR21Ua2kgRnV6ejETMBEGA1UEAwwKZWMuZXhhbXBsZTBZMBMGByqGSM49AgEGCCqGSM49Ax0HA0ICBDeq7MsG0MDci42aSwbQwNyLjZpLZZ0Hae7u4t6FHbaGAdF13OCwZQsv6maLvUhiTZ2Z4aXCo4bom/T2wx8KgACgLjAsBgkqhkiG9w0BCQ4xHzAdMBsGA1UdEQQUMBKCCmVjLmV4YW1wbGWHBH8AAAEwCgYIKoZIzj0EAwIDSQAwRgIhAPeNPuK3tbLzCObMRaRb5p84yMBwwmii8Y876uu0vo74AiEA/lTyelNjBDO0rSZR9I/BWaCyuHlMpduLmQKWBhAQwAA=")));

        error.Error.Code.ShouldBe("csr-unsupported-key");
    }
}
