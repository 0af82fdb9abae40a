using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using GmPki.Server.Http.Endpoints;
using GmPki.Testing;

namespace GmPki.Server.Tests;

/// <summary>The authenticity check (D §19(2)): genuine, altered, never issued, foreign and revoked certificates, and malformed input.</summary>
[Collection(DirectoryServer.Name)]
public class AuthenticityApiTests(Sm2ServerFixture fixture)
{
    private RunningServer Server => fixture.Server;

    [SkippableFact]
    public async Task Genuine_IssuedHereWithStatusAndChain()
    {
        using var peer = new DirectoryPeer(Server);
        var issued = await peer.IssueAsync("真实证书人");

        var answer = await CheckAsync(peer, issued.Pem);

        (answer.Verdict, answer.IssuedHere, answer.Issuer, answer.Serial, answer.Status).ShouldBe(("genuine", true, "issuing", issued.Serial, "good"));
        answer.Subject.ShouldBe("CN=真实证书人");
        answer.Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(issued.Der)));
        (answer.Reason, answer.StatusChangedAt, answer.IssuedSha256).ShouldBe((null, null, null));
        var chain = answer.Chain!.Split("-----END CERTIFICATE-----", StringSplitOptions.TrimEntries).Where(p => p.Length > 0).ToList();
        chain.Count.ShouldBe(3);
        DirectoryPeer.Der(chain[0] + "\n-----END CERTIFICATE-----\n").ShouldBe(issued.Der);
        (await CheckAsync(peer, Convert.ToBase64String(issued.Der))).Verdict.ShouldBe("genuine", "base64 DER works as PEM does");
    }

    [SkippableFact]
    public async Task SignatureByteFlipped_DifferentBytes_NotIssuedHere()
    {
        using var peer = new DirectoryPeer(Server);
        var issued = await peer.IssueAsync("篡改证书人");
        var tampered = (byte[])issued.Der.Clone();
        tampered[^1] ^= 0x01;

        var answer = await CheckAsync(peer, Convert.ToBase64String(tampered));

        (answer.Verdict, answer.IssuedHere, answer.Issuer, answer.Serial).ShouldBe(("different-bytes", false, "issuing", issued.Serial));
        answer.IssuedSha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(issued.Der)));
        (answer.Status, answer.Chain).ShouldBe((null, null));
    }

    [SkippableFact]
    public async Task SerialAltered_OurIssuerButNeverIssued()
    {
        using var peer = new DirectoryPeer(Server);
        var issued = await peer.IssueAsync("序号篡改人");
        var serial = Convert.FromHexString(issued.Serial);
        var altered = (byte[])issued.Der.Clone();
        altered[issued.Der.AsSpan().IndexOf(serial) + serial.Length - 1] ^= 0x01;

        var answer = await CheckAsync(peer, Convert.ToBase64String(altered));

        (answer.Verdict, answer.IssuedHere, answer.Issuer).ShouldBe(("not-issued", false, "issuing"));
        answer.Serial.ShouldNotBe(issued.Serial);
    }

    [SkippableFact]
    public async Task OpenSslSelfSigned_ForeignIssuer_OrNotIssuedWhenItBorrowsOurCaName()
    {
        OpenSsl.RequireInstalled();
        using var peer = new DirectoryPeer(Server);
        using var work = new TempDirectory("gmpki-foreign-");
        string SelfSigned(string name, string subject)
        {
            OpenSsl.MustRun(work.Path, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", name + ".key",
                "-subj", subject, "-utf8", "-days", "1", "-out", name + ".pem");
            return File.ReadAllText(Path.Combine(work.Path, name + ".pem"));
        }

        var foreign = await CheckAsync(peer, SelfSigned("foreign", "/C=CN/O=别的电子认证服务机构/CN=别的CA"));
        var lookalike = await CheckAsync(peer, SelfSigned("lookalike", "/C=CN/O=测试电子认证服务机构/CN=测试签发CA"));

        (foreign.Verdict, foreign.IssuedHere, foreign.Issuer, foreign.Chain).ShouldBe(("foreign-issuer", false, null, null));
        foreign.IssuerName.ShouldBe("CN=别的CA,O=别的电子认证服务机构,C=CN", "RFC 4514 order, most specific RDN first");
        (lookalike.Verdict, lookalike.IssuedHere, lookalike.Issuer, lookalike.Chain).ShouldBe(("not-issued", false, "issuing", null));
    }

    [SkippableFact]
    public async Task Revoked_GenuineAndRevokedWithReasonAndTime()
    {
        using var peer = new DirectoryPeer(Server);
        var issued = await peer.IssueAsync("撤销核验人");
        await peer.RevokeAsync(issued, "keyCompromise");

        var answer = await CheckAsync(peer, issued.Pem);

        (answer.Verdict, answer.IssuedHere, answer.Status, answer.Reason).ShouldBe(("genuine", true, "revoked", "keyCompromise"));
        answer.StatusChangedAt.ShouldNotBeNull().Kind.ShouldBe(DateTimeKind.Utc);
    }

    [SkippableFact]
    public async Task IssuingCaCertificate_GenuineIssuedByTheRoot()
    {
        using var peer = new DirectoryPeer(Server);
        var chain = await peer.Anonymous.GetStringAsync("/api/v1/ca/chain");

        var answer = await CheckAsync(peer, chain.Split("-----END CERTIFICATE-----")[0] + "-----END CERTIFICATE-----\n");

        (answer.Verdict, answer.Issuer, answer.Status).ShouldBe(("genuine", "root", "good"));
    }

    [SkippableTheory]
    [InlineData("{\"certificate\":\"bm90IGEgY2VydGlmaWNhdGU=\"}", "certificate-malformed")]
    [InlineData("{\"certificate\":\"MAA=\"}", "certificate-malformed")]
    [InlineData("{\"certificate\":null}", "certificate-malformed")]
    [InlineData("{\"certificate\":\"MA4wAwIBATADBgEAAwIAAA==\"}", "certificate-malformed")]
    [InlineData("{\"certificate\":", "request-invalid")]
    public async Task Malformed_400WithItsCodeAndAudited(string body, string code)
    {
        using var peer = new DirectoryPeer(Server);

        using var response = await peer.Anonymous.PostAsync("/api/v1/directory/authenticity", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var raw = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, raw);
        raw.ShouldContain($"\"code\":\"{code}\"");
        (await Server.RecentAuditAsync(40)).ShouldContain(e => e.Action == "request.rejected" && e.Details!.Contains(code) && e.Details.Contains("/api/v1/directory/authenticity"));
    }

    /// <summary>Issue 15 item 1: a bad GeneralizedTime or a truncated certificate of this CA's issuer and serial was a 500.</summary>
    [SkippableFact]
    public async Task BadGeneralizedTimeOrTruncated_400CertificateMalformed()
    {
        using var peer = new DirectoryPeer(Server);
        var issued = await peer.IssueAsync("时间畸形人");

        foreach (var der in new[] { MalformedCertificates.WithBadGeneralizedTime(issued.Der), issued.Der[..(issued.Der.Length / 2)] })
        {
            using var response = await peer.Anonymous.PostAsJsonAsync("/api/v1/directory/authenticity", new AuthenticityBody(Convert.ToBase64String(der)), Counter.Web);
            var raw = await response.Content.ReadAsStringAsync();

            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, raw);
            raw.ShouldContain("\"code\":\"certificate-malformed\"");
        }
    }

    private static async Task<AuthenticityResponse> CheckAsync(DirectoryPeer peer, string certificate)
    {
        using var response = await peer.Anonymous.PostAsJsonAsync("/api/v1/directory/authenticity", new AuthenticityBody(certificate), Counter.Web);
        var raw = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, raw);
        return System.Text.Json.JsonSerializer.Deserialize<AuthenticityResponse>(raw, Counter.Web)!;
    }
}
