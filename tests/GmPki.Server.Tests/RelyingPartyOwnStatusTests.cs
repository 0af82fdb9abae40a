using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GmPki.Testing;

namespace GmPki.Server.Tests;

/// <summary>
/// Path validation and signature verification consult this CA's own status for certificates it
/// issued (issue 15 item 8): a certificate revoked through the API is invalid with its reason and
/// date although the caller sends no CRL.
/// </summary>
[Collection(DirectoryServer.Name)]
public class RelyingPartyOwnStatusTests(Sm2ServerFixture fixture)
{
    private RunningServer Server => fixture.Server;

    [SkippableFact]
    public async Task ValidatePath_RevokedThroughApi_InvalidWithReasonAndDateWithoutCrls()
    {
        using var peer = new DirectoryPeer(Server);
        var issued = await peer.IssueAsync("路径撤销人");

        var before = await PostAsync(peer.Anonymous, "/api/v1/validation/path", new { certificate = issued.Pem });
        await peer.RevokeAsync(issued, "keyCompromise");
        var after = await PostAsync(peer.Anonymous, "/api/v1/validation/path", new { certificate = issued.Pem });

        before.GetProperty("valid").GetBoolean().ShouldBeTrue(before.ToString());
        before.GetProperty("path")[0].GetProperty("revocation").GetString().ShouldBe("good", "this CA's own records say good");
        before.GetProperty("revocationReason").ValueKind.ShouldBe(JsonValueKind.Null);
        after.GetProperty("valid").GetBoolean().ShouldBeFalse(after.ToString());
        after.GetProperty("failure").GetString().ShouldBe("revoked");
        after.GetProperty("revocationReason").GetString().ShouldBe("keyCompromise");
        var revokedAt = after.GetProperty("revokedAt").GetDateTime();
        revokedAt.ShouldBeInRange(DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow.AddMinutes(1));
        after.GetProperty("reason").GetString().ShouldNotBeNull().ShouldContain("keyCompromise");
        after.GetProperty("path")[0].GetProperty("serial").GetString()!.PadLeft(issued.Serial.Length, '0').ShouldBe(issued.Serial);
        after.GetProperty("path")[0].GetProperty("revocation").GetString().ShouldBe("revoked");
        after.GetProperty("policies").GetArrayLength().ShouldBe(0);
    }

    [SkippableFact]
    public async Task VerifySignature_SignerRevokedThroughApi_CertificateInvalidWithReason()
    {
        OpenSsl.RequireInstalled();
        using var peer = new DirectoryPeer(Server);
        using var work = new TempDirectory("gmpki-own-status-");
        OpenSsl.MustRun(work.Path, "genpkey", "-algorithm", "SM2", "-out", "signer.key");
        OpenSsl.MustRun(work.Path, "req", "-new", "-utf8", "-key", "signer.key", "-subj", "/CN=签名撤销人", "-sm3", "-sigopt", "distid:1234567812345678", "-out", "signer.csr");
        var person = Counter.Person("签名撤销人");
        var result = await Counter.IssueAsync(Server.Registrar, Counter.New(person, "personal", File.ReadAllText(work.File("signer.csr"))));
        var issued = new Issued(result.Application.ResultSerial!, DirectoryPeer.Der(result.Certificate!), result.Certificate!, result.Application.SubscriberId, person);
        File.WriteAllText(work.File("message"), "申请材料");
        OpenSsl.MustRun(work.Path, "pkeyutl", "-sign", "-rawin", "-digest", "sm3", "-pkeyopt", "distid:1234567812345678", "-inkey", "signer.key", "-in", "message", "-out", "message.sig");
        var body = new
        {
            format = "raw",
            signature = Convert.ToBase64String(File.ReadAllBytes(work.File("message.sig"))),
            content = Convert.ToBase64String(File.ReadAllBytes(work.File("message"))),
            signerCertificate = issued.Pem,
        };

        var before = await PostAsync(peer.Anonymous, "/api/v1/verification/signature", body);
        await peer.RevokeAsync(issued, "affiliationChanged");
        var after = await PostAsync(peer.Anonymous, "/api/v1/verification/signature", body);

        before.GetProperty("valid").GetBoolean().ShouldBeTrue(before.ToString());
        after.GetProperty("valid").GetBoolean().ShouldBeFalse(after.ToString());
        after.GetProperty("failure").GetString().ShouldBe("certificate-invalid");
        var certificate = after.GetProperty("signers")[0].GetProperty("certificate");
        (certificate.GetProperty("valid").GetBoolean(), certificate.GetProperty("failure").GetString(), certificate.GetProperty("revocationReason").GetString())
            .ShouldBe((false, "revoked", "affiliationChanged"));
    }

    [SkippableFact]
    public async Task ValidatePath_TruncatedOrBadTimeCertificate_400CertificateMalformed()
    {
        using var peer = new DirectoryPeer(Server);
        var issued = await peer.IssueAsync("路径畸形人");

        foreach (var der in new[] { MalformedCertificates.ShortTbs, MalformedCertificates.WithBadGeneralizedTime(issued.Der), issued.Der[..(issued.Der.Length / 2)] })
        {
            using var response = await peer.Anonymous.PostAsJsonAsync("/api/v1/validation/path", new { certificate = Convert.ToBase64String(der) });
            var raw = await response.Content.ReadAsStringAsync();

            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, raw);
            raw.ShouldContain("\"code\":\"certificate-malformed\"");
        }
    }

    [SkippableFact]
    public async Task ValidatePath_AnchorWithNonCriticalBasicConstraints_WarningByDefaultRefusedWhenStrict()
    {
        using var pki = new OpenSslPki("sm2");
        using var peer = new DirectoryPeer(Server);
        pki.Issue("lax", "/C=CN/O=某电子认证服务机构/CN=Lax CA", "root", extensions: ["basicConstraints = CA:TRUE", "keyUsage = critical, keyCertSign, cRLSign"]);
        pki.Issue("leaf", "/C=CN/CN=leaf.example.cn", "lax", extensions: ["subjectAltName = DNS:leaf.example.cn"]);
        string Text(string name) => File.ReadAllText(pki.PathOf(name));
        object Body(string? profile) => new { certificate = Text("leaf.pem"), trustAnchors = new[] { Text("lax.pem") }, profile };

        var relaxed = await PostAsync(peer.Anonymous, "/api/v1/validation/path", Body(null));
        var strict = await PostAsync(peer.Anonymous, "/api/v1/validation/path", Body("strict"));

        relaxed.GetProperty("valid").GetBoolean().ShouldBeTrue(relaxed.ToString());
        relaxed.GetProperty("warnings").EnumerateArray().ShouldHaveSingleItem().GetString().ShouldNotBeNull().ShouldContain("basicConstraints");
        strict.GetProperty("valid").GetBoolean().ShouldBeFalse(strict.ToString());
        strict.GetProperty("failure").GetString().ShouldBe("not-a-ca");
    }

    private static async Task<JsonElement> PostAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
