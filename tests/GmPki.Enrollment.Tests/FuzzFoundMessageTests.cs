using System.Text;
using GmPki.Core.Errors;
using GmPki.Enrollment.Acme;
using GmPki.Enrollment.Cmp;

namespace GmPki.Enrollment.Tests;

/// <summary>Inputs AFL++ found (fuzz/run.sh cmp, acme-jws) that escaped the CMP and ACME readers as other exceptions (HTTP 500); each is refused with the protocol's malformed-request error.</summary>
public class FuzzFoundMessageTests
{
    /// <summary>openssl cmp's signature-protected ir with its protection certificate in extraCerts re-tagged as APPLICATION 9: BouncyCastle read it only when CmpProtection asked, and threw ArgumentException.</summary>
    [Fact]
    public void CmpParse_ExtraCertsNotACertificate_RequestInvalid()
    {
        var der = Convert.FromBase64String("MIIDqjCBjQIBAqQRMA8xDTALBgNVBAMMBGxlYWakFDASMRAwDgYDVQQDDAdGdXp6IENBoBEYDzIwMjYxMjA3MjM1NTMwWqEMMAoGCCqGSM49BAMCohYEFJt0JgBVdUTm+oJ9vG7Yb7cWsZ9apBIEENi0te5tvsgkKOdUPGlNUoGlEgQQSuzn4f58uVvk/ZUiQAVfZ6CCAQUwggEBMIH+MIGkAgEAMIGeoxQwEjEQMA4GA1UEAwwHRnV6eiBDQaUQMA4xDDAKBgNVBAMMA3NpZ6ZZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABDeq7MsG0MDci42aS2WdzdQo1aDIOqEHae7u4t6FHbaGAdF13OCwZQsv6maLvUhiTZ2Z4aXCo53om/T2wx8KfKWpGTAXBgNVHREEEDAOggxsZWFmLmV4YW1wbGWhVTAKBggqhkjOPQQDAgNHADBEAiAbxwHpO9PY5i6Jme45vmXshyRDa9UnI3QNL1M2J8P7vQIgTYJwlUGzaZV6Vofx+RgLDPNAl0xAlYOEab7r3pe/yW6gSQNHADBEAiAoD3c1gVZvUCG4oYzPD2ws5nYBaP5R08kmuvcfnSURlQIgdaEqA9ayFbJmgMnKkz3M+wbeYdQdiM4k4q3EW8cFCXihggHCMIIBvjCCAbowggFhoAMCAQICAQcwCgYIKoZIzj0EAwIwEjEQMA4GA1UEAwwHRnV6eiBDQTAeFw0yNjEyMDcyMzU1MTRaFw0yNjEyMTcyMzU1MTRaMA8xDTALBgNVBAMMBGxlYWYwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAQ3quzLBtDA3IuNmktlnc3UKNWgyDqhB2nu7uLehR22hgHRddzgsGULL+pmi71IYk2dmeGlwqOd6Jv09sMfCnylo4GqMIGnMBcGA1UdEQQQMA6CDGxlYWYuZXhhbXBsZTAmBgNVHR8EHzAdMBugGaAXhhVodHRwOi8vY2EuZXhhbXBsZS9jcmwwMgYIKwYBBQUHAQEEJjAkMCIGCCsGAQUFBzABhhZodHRwOi8vY2EuZXhhbXBsZS9vY3NwMBEGA1UdIAQKMAgwBgYEVR0gADAdBgNVHQ4EFgQUm3QmAFV1ROb6gn28bthvtxaxn1owCgYIKoZIzj0EAwJkRwAwRAIgHtuVQHlP3tz9cqOOm2gwcxIy9xR3a802+Rg1W8v0BvkCIC9u5PpmvfNBIvPCH/BEmg1LHSWc1uxxuaWxMU8MRIJL");

        var error = Should.Throw<GmPkiException>(() => CmpEngine.Parse(der));

        error.Error.ShouldBe(Errors.RequestInvalid);
    }

    /// <summary>openssl cmp's MAC-protected ir with 3 unused bits declared in the protection BIT STRING: BitString.GetOctets threw InvalidOperationException in CmpProtection.</summary>
    [Fact]
    public void CmpParse_ProtectionWithUnusedBits_RequestInvalid()
    {
        var error = Should.Throw<GmPkiException>(() => CmpEngine.Parse(Convert.FromBase64String("MIIB4TCBrwIBAqQRMA8xDTALBgNVBAMMBGxlYWakFDASMRAwDgYDVQQDDAdGdXp6IENBoBEYDzIwMjYxMjA3MjM1NTMwWqE+MDwGCSqGSIb2fQdCDTAvBBB4CbwwgB6Mb7J0WQuriOi+MAsGCWCGSAFlAwQCAQICAfQwCgYIKwYBBQUIAQKiBgQEYWNjdKQSBBB2fedG/5jyu33V2lyGicXIpRIEEBxZkNc/MEgwG6S0JyyPZ7agggESMIIBDjCCAQowga8CAQAwgamjFDASMRAwDgYDVQQDDAdGdXp6IENBpRgwFjEUMBIGA1UEAwwLY21wLmV4YW1wbGWmWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAQ3quzLBtDA3IuNmktlnc3UKNWgyDqhB2nu7uLehR22hgHRddzgsGULL+pmi71IYk2dmeGlwqOd6Jv09sMfCnylqRwwGgYDVR0RBBMwEYYPRE5TOmNtcC5leGFtcGxloVYwCgYIKoZIzj0EAwIDSAAwRQIgJOD5jr+A+GamQBEtcY0usAtJnr5Gypu0edsHn7hOGVgCIQDXqSv6oNTJYgn1X+cYDOG0mZMThXUHYWoX0V8l2fpQ16AXAxUDDkQ/wGMZ85MpZFTXcrMufyjuXUc=")));

        error.Error.ShouldBe(Errors.RequestInvalid);
    }

    /// <summary>A MAC-protected PKIMessage whose PBMParameter has three elements (the iterationCount INTEGER swallowed the mac AlgorithmIdentifier): BouncyCastle's PbmParameter threw IndexOutOfRangeException.</summary>
    [Fact]
    public void CmpPasswordMacParametersOf_ShortPbmParameter_RequestInvalid()
    {
        var message = CmpEngine.Parse(Convert.FromBase64String("MIHAMIGgAgECpAIwAKQUMBIxEDAOBgNVBAMMB0Z1enogQ0GgERgPRTAyNjEyMDcyMzU1MjVaoT4wPAYJKoZIhvZ9B0INMC8EEFfxBR7wCEcHXmFfGFDDD44wCwYJYIZIAWUDBAIBAg4B9DAKBggrBgEFBQgBAqIGBARhY2N0pBIEEDMcVTAHMRDAtP4unr/nJWylEgQQezm2f/UqbrRaPg3tmhNaoLUCMACgFwMVAKFdFj5jcYclrRbmbiHiu29x7wVU"));

        var error = Should.Throw<GmPkiException>(() => CmpPasswordMac.ParametersOf(message.Header.ProtectionAlg));

        error.Error.ShouldBe(Errors.RequestInvalid);
    }

    /// <summary>
    /// An EST simplereenroll with an empty body (found by fuzz/GmPki.HttpFuzz, mutation empty-body):
    /// BouncyCastle decodes no bytes to no object, and RequestInfoOf threw NullReferenceException (HTTP 500).
    /// A SEQUENCE too short for a CertificationRequest is refused the same way.
    /// </summary>
    [Theory]
    [InlineData("")]
    [InlineData("MAA=")]
    [InlineData("MAMCAQA=")]
    public void EstRequestInfoOf_EmptyOrShortRequest_CsrMalformed(string base64)
    {
        var error = Should.Throw<GmPkiException>(() => GmPki.Enrollment.Est.EstMessages.RequestInfoOf(Convert.FromBase64String(base64), "re-enrollment"));

        error.Error.ShouldBe(Errors.CsrMalformed);
    }

    [Theory]
    // Invalid UTF-8 (0xFF) inside a JSON string: JsonElement.GetString threw InvalidOperationException.
    [InlineData(new byte[] { 0x7B, 0x22, 0x70, 0x72, 0x6F, 0x74, 0x65, 0x63, 0x74, 0x65, 0x64, 0x22, 0x3A, 0x22, 0xFF, 0x22, 0x7D })]
    // A lone surrogate escape, which has no UTF-8 form.
    [InlineData(new byte[] { 0x7B, 0x22, 0x61, 0x22, 0x3A, 0x5B, 0x22, 0x5C, 0x75, 0x64, 0x38, 0x30, 0x30, 0x22, 0x5D, 0x7D })]
    public void AcmeJsonParse_StringNotUtf8_Malformed(byte[] body)
    {
        var error = Should.Throw<GmPkiException>(() => AcmeJson.Parse(body, "body"));

        error.Error.ShouldBe(AcmeErrors.Malformed);
    }

    [Fact]
    public void AcmeJwsParse_ProtectedHeaderWithInvalidUtf8_Malformed()
    {
        var header = Base64Url([.. "{\"alg\":\""u8, 0xC3, 0x28, .. "\"}"u8]);
        var body = AcmeJson.Parse(Encoding.UTF8.GetBytes($"{{\"protected\":\"{header}\",\"payload\":\"\",\"signature\":\"AA\"}}"), "body");

        var error = Should.Throw<GmPkiException>(() => AcmeJws.Parse(body));

        error.Error.ShouldBe(AcmeErrors.Malformed);
    }

    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}
