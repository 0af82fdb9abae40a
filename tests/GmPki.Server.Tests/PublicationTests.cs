using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GmPki.Server.Http.Endpoints;
using GmPki.Testing;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Asn1.X509;

namespace GmPki.Server.Tests;

/// <summary>
/// What the CA publishes anonymously, over HTTP as a relying party meets it: the CPS at the URI in
/// every certificate, the old certificate's status after a renewal (更新), and a directory that
/// lists and serves no certificate carrying an identity number.
/// </summary>
[Collection(DirectoryServer.Name)]
public class PublicationTests(Sm2ServerFixture fixture)
{
    /// <summary>GM/T 0015 identityCode.</summary>
    private const string IdentityCodeOid = "1.2.156.10260.4.1.1";

    private RunningServer Server => fixture.Server;

    [SkippableFact]
    public async Task Cps_Curl_InForceAndEachVersion_TextOrJson_UnknownVersion404WithCode()
    {
        Curl.RequireInstalled();
        using var peer = new DirectoryPeer(Server);
        var issued = await peer.IssueAsync("业务规则读者");
        using var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(issued.Der);
        var policies = CertificatePolicies.GetInstance(certificate.Extensions["2.5.29.32"]!.RawData);
        var cpsUri = PolicyQualifierInfo.GetInstance(policies.GetPolicyInformation()[0].PolicyQualifiers[0]).Qualifier.ToString()!;

        var inForce = Curl.Run("-D", "-", cpsUri);
        var first = Curl.Run("-D", "-", cpsUri + "/1");
        var json = Curl.Run("-H", "Accept: application/json", cpsUri);
        var unknown = Curl.Run(cpsUri + "/99");
        var notAVersion = Curl.Run(cpsUri + "/latest");

        cpsUri.ShouldBe(Server.BaseUrl + "/cps");
        inForce.Status.ShouldBe(200, inForce.Output);
        inForce.Output.ShouldContain("Content-Type: text/plain; charset=utf-8", Case.Insensitive);
        inForce.Output.ShouldContain("电子认证业务规则");
        inForce.Output.ShouldContain("[scope]");
        first.Status.ShouldBe(200, first.Output);
        first.Output.ShouldContain("Version 1");
        first.Output.ShouldContain("immutable");
        json.Status.ShouldBe(200, json.Output);
        var document = JsonSerializer.Deserialize<JsonElement>(json.Output);
        document.GetProperty("title").GetString()!.ShouldContain("电子认证业务规则");
        document.GetProperty("sm3").GetString()!.Length.ShouldBe(64);
        foreach (var missing in new[] { unknown, notAVersion })
        {
            missing.Status.ShouldBe(404, missing.Output);
            missing.Output.ShouldContain("document-not-found");
        }
    }

    [SkippableFact]
    public async Task Renewal_ThroughTheCounter_OldCertificateRevokedSupersededInOcspAndDirectory()
    {
        using var peer = new DirectoryPeer(Server);
        var original = await peer.IssueAsync("更新撤旧人");

        var renewed = await peer.ReplaceAsync("renew", original);

        renewed.Serial.ShouldNotBe(original.Serial);
        var single = await OcspAsync(original.Serial);
        for (var wait = 0; wait < 60 && single.CertStatus.TagNo != 1; wait++)
        {
            await Task.Delay(500);
            single = await OcspAsync(original.Serial);
        }

        single.CertStatus.TagNo.ShouldBe(1, "revoked (RFC 6960 §4.2.1) within the responder's poll interval");
        RevokedInfo.GetInstance(single.CertStatus.Status).RevocationReason.Value.IntValueExact.ShouldBe(CrlReason.Superseded);
        (await OcspAsync(renewed.Serial)).CertStatus.TagNo.ShouldBe(0, "the new certificate is good");
        var entry = (await peer.Anonymous.GetFromJsonAsync<DirectoryCertificate>($"/api/v1/directory/certificates/{original.Serial}", Counter.Web))!;
        (entry.Status, entry.Reason).ShouldBe(("revoked", "superseded"));
        (await Server.RecentAuditAsync(80)).ShouldContain(e => e.Action == "application.step-recorded"
            && e.Details!.Contains("\"resultSerial\":\"" + renewed.Serial + "\"", StringComparison.Ordinal)
            && e.Details.Contains("\"superseded\":\"" + original.Serial + "\"", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Directory_BulkListing_HoldsNoCertificateCarryingAnIdentityNumber()
    {
        using var peer = new DirectoryPeer(Server);
        var personal = await peer.IssueAsync("目录隐私人");
        var organization = await peer.IssueListedAsync("目录公开人", "目录公开单位");
        ContainsIdentityCode(personal.Der).ShouldBeTrue("the personal profile writes identityCode");

        var page = (await peer.Anonymous.GetFromJsonAsync<DirectoryPage>("/api/v1/directory/certificates?pageSize=500", Counter.Web))!;
        var listed = page.Items.Select(i => i.Serial).ToList();

        listed.ShouldContain(organization.Serial);
        listed.ShouldNotContain(personal.Serial);
        foreach (var item in page.Items)
        {
            ContainsIdentityCode(await peer.Anonymous.GetByteArrayAsync(item.Links!.Der)).ShouldBeFalse(item.Serial);
        }

        (await peer.GetJsonAsync($"/api/v1/directory/certificates?holder={Uri.EscapeDataString("目录隐私人")}")).Json.GetProperty("total").GetInt32().ShouldBe(0);
    }

    [SkippableFact]
    public async Task Directory_ExactSerialOfAPersonalCertificate_StatusEntryOnly_SerialNumberMasked_Downloads403()
    {
        using var peer = new DirectoryPeer(Server);
        var person = Counter.Person("目录状态人");
        var result = await Counter.IssueAsync(Server.Registrar, Counter.New(person, "personal",
            Csrs.Pem(Csrs.Der(Core.Keys.KeyAlgorithm.Sm2, $"CN={person.Name},SERIALNUMBER={person.IdentityNumber}"))));
        var serial = result.Application.ResultSerial!;

        var entry = await peer.GetJsonAsync($"/api/v1/directory/certificates/{serial}");
        var download = await peer.GetJsonAsync($"/api/v1/directory/certificates/{serial}?format=der");
        await peer.RevokeAsync(new Issued(serial, [], result.Certificate!, result.Application.SubscriberId, person), "cessationOfOperation");
        var announcements = await peer.GetJsonAsync("/api/v1/announcements?pageSize=20");
        var atom = await peer.Anonymous.GetStringAsync("/api/v1/announcements.atom?pageSize=20");

        entry.Status.ShouldBe(HttpStatusCode.OK, entry.Raw);
        entry.Json.GetProperty("status").GetString().ShouldBe("good");
        entry.Json.GetProperty("links").ValueKind.ShouldBe(JsonValueKind.Null);
        entry.Json.GetProperty("subject").GetString()!.ShouldContain("SERIALNUMBER=" + person.IdentityNumber[..2] + "**************" + person.IdentityNumber[^2..]);
        download.Status.ShouldBe(HttpStatusCode.Forbidden, download.Raw);
        download.Json.GetProperty("code").GetString().ShouldBe("directory-certificate-withheld");
        announcements.Raw.ShouldContain(serial);
        foreach (var text in new[] { entry.Raw, download.Raw, announcements.Raw, atom })
        {
            text.ShouldNotContain(person.IdentityNumber);
        }
    }

    private async Task<SingleResponse> OcspAsync(string serial)
    {
        using var work = new TempDirectory("gmpki-publication-");
        var chain = await Server.Client.GetStringAsync("/api/v1/ca/chain");
        var issuer = work.File("issuing.pem");
        await File.WriteAllTextAsync(issuer, chain.Split("-----END CERTIFICATE-----")[0] + "-----END CERTIFICATE-----\n");
        using var anonymous = Server.Authorized(null);
        using var content = new ByteArrayContent(StatusRequests.Build(issuer, serial, "1.2.156.10197.1.401"));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/ocsp-request");
        using var response = await anonymous.PostAsync("/ocsp", content);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return StatusRequests.Single(await response.Content.ReadAsByteArrayAsync());
    }

    private static bool ContainsIdentityCode(byte[] der)
        => X509CertificateStructure.GetInstance(der).TbsCertificate.Extensions?.GetExtension(new Org.BouncyCastle.Asn1.DerObjectIdentifier(IdentityCodeOid)) is not null;
}
