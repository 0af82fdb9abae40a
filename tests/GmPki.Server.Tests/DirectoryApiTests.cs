using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using GmPki.Server.Http.Endpoints;
using GmPki.Testing;

namespace GmPki.Server.Tests;

/// <summary>
/// The public directory (目录信息查询): anonymous search by every criterion, paging, downloads
/// fetched with the real curl and read back with the real openssl.
/// </summary>
[Collection(DirectoryServer.Name)]
public class DirectoryApiTests(Sm2ServerFixture fixture)
{
    private RunningServer Server => fixture.Server;

    [SkippableFact]
    public async Task Search_EachCriterionAndPaging_OnlyWhatCertificatesPublish()
    {
        using var peer = new DirectoryPeer(Server);
        var organization = "目录检索单位" + Counter.NextResidentId()[^6..];
        var first = await peer.IssueListedAsync("目录甲", organization);
        var second = await peer.IssueListedAsync("目录乙", organization);
        var third = await peer.IssueListedAsync("目录甲乙", organization);
        await peer.RevokeAsync(second, "keyCompromise");
        var o = Uri.EscapeDataString(organization);

        async Task<string[]> SerialsAsync(string query)
        {
            var page = (await peer.Anonymous.GetFromJsonAsync<DirectoryPage>("/api/v1/directory/certificates?" + query, Counter.Web))!;
            return [.. page.Items.Select(c => c.Serial)];
        }

        (await SerialsAsync($"organization={o}")).ShouldBe([third.Serial, second.Serial, first.Serial]);
        (await SerialsAsync($"organization={o}&holder={Uri.EscapeDataString("目录甲")}")).ShouldBe([first.Serial]);
        (await SerialsAsync($"organization={o}&subject={Uri.EscapeDataString("目录甲")}")).ShouldBe([third.Serial, first.Serial]);
        (await SerialsAsync($"serial={string.Join(':', Convert.FromHexString(first.Serial).Select(b => b.ToString("X2")))}")).ShouldBe([first.Serial]);
        (await SerialsAsync($"organization={o}&status=revoked")).ShouldBe([second.Serial]);
        (await SerialsAsync($"organization={o}&status=good")).ShouldBe([third.Serial, first.Serial]);
        (await SerialsAsync($"organization={o}&validAt={DateTime.UtcNow.AddMinutes(1):yyyy-MM-ddTHH:mm:ssZ}")).Length.ShouldBe(3);
        (await SerialsAsync($"organization={o}&validAt=2000-01-01T00:00:00Z")).ShouldBeEmpty();
        (await SerialsAsync($"organization={o}&issuer=issuing")).Length.ShouldBe(3);
        (await SerialsAsync($"organization={o}&issuer=root")).ShouldBeEmpty();

        var page1 = await peer.GetJsonAsync($"/api/v1/directory/certificates?organization={o}&pageSize=2");
        var page2 = (await peer.Anonymous.GetFromJsonAsync<DirectoryPage>($"/api/v1/directory/certificates?organization={o}&pageSize=2&page=2", Counter.Web))!;
        page1.Status.ShouldBe(HttpStatusCode.OK, page1.Raw);
        page1.Json.GetProperty("total").GetInt32().ShouldBe(3);
        page1.Json.GetProperty("items").GetArrayLength().ShouldBe(2);
        page2.Items.ShouldHaveSingleItem().Serial.ShouldBe(first.Serial);
        var revoked = page1.Json.GetProperty("items")[1];
        revoked.GetProperty("status").GetString().ShouldBe("revoked");
        revoked.GetProperty("reason").GetString().ShouldBe("keyCompromise");
        revoked.GetProperty("statusChangedAt").GetString()!.ShouldEndWith("Z");
        revoked.GetProperty("notAfter").GetString()!.ShouldEndWith("Z");
        revoked.GetProperty("subject").GetString().ShouldBe($"CN=目录乙,O={organization}");
        revoked.GetProperty("sha256").GetString().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(second.Der)));
        page1.Json.GetProperty("items")[0].GetProperty("reason").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        foreach (var person in new[] { first, second, third })
        {
            page1.Raw.ShouldNotContain(person.Person.IdentityNumber);
            page1.Raw.ShouldNotContain(person.Subscriber.ToString());
        }
    }

    [SkippableTheory]
    [InlineData("status=lost", "directory-query-invalid")]
    [InlineData("validAt=yesterday", "directory-query-invalid")]
    [InlineData("serial=xyz", "directory-query-invalid")]
    [InlineData("issuer=Issuing%20CA", "directory-query-invalid")]
    [InlineData("holder=%20%20", "directory-query-invalid")]
    [InlineData("pageSize=501", "request-invalid")]
    public async Task Search_BadParameter_400WithItsCodeAndAudited(string query, string code)
    {
        using var peer = new DirectoryPeer(Server);

        var (status, json, raw) = await peer.GetJsonAsync("/api/v1/directory/certificates?" + query);

        status.ShouldBe(HttpStatusCode.BadRequest, raw);
        json.GetProperty("code").GetString().ShouldBe(code);
        (await Server.RecentAuditAsync(40)).ShouldContain(e => e.Action == "request.rejected" && e.Actor == "anonymous"
            && e.Details!.Contains(code) && e.Details.Contains("/api/v1/directory/certificates"));
    }

    [SkippableFact]
    public async Task Download_Curl_PemDerP7c_OpenSslReadsTheIssuedBytes()
    {
        OpenSsl.RequireInstalled();
        Curl.RequireInstalled();
        using var peer = new DirectoryPeer(Server);
        using var work = new TempDirectory("gmpki-directory-");
        var issued = await peer.IssueListedAsync("目录下载人", "目录下载单位");
        var chain = (await peer.Anonymous.GetStringAsync("/api/v1/ca/chain")).Split("-----END CERTIFICATE-----", StringSplitOptions.TrimEntries)
            .Where(p => p.Length > 0).Select(p => DirectoryPeer.Der(p + "\n-----END CERTIFICATE-----\n")).ToList();
        var url = $"{Server.BaseUrl}/api/v1/directory/certificates/{issued.Serial}";
        string File(string name) => Path.Combine(work.Path, name);

        var der = Download(url + "?format=der", File("leaf.der"));
        var negotiated = Download(url, File("accept.der"), "-H", "Accept: application/pkix-cert");
        var pem = Download(url + "?format=pem", File("chain.pem"));
        var p7c = Download(url + "?format=p7c", File("chain.p7c"));
        var missing = Download($"{Server.BaseUrl}/api/v1/directory/certificates/7fffffffffffffffffffffffffffffff?format=der", File("missing.json"));

        (der.Status, der.ContentType).ShouldBe((200, "application/pkix-cert"));
        negotiated.Status.ShouldBe(200);
        pem.Status.ShouldBe(200);
        pem.ContentType.ShouldStartWith("application/x-pem-file");
        p7c.Status.ShouldBe(200);
        p7c.ContentType.ShouldBe("application/pkcs7-mime; smime-type=certs-only");
        missing.Status.ShouldBe(404);
        (await System.IO.File.ReadAllTextAsync(File("missing.json"))).ShouldContain("certificate-not-found");
        OpenSsl.MustRun(work.Path, "x509", "-inform", "DER", "-in", "leaf.der", "-outform", "DER", "-out", "leaf-openssl.der");
        OpenSsl.MustRun(work.Path, "x509", "-inform", "DER", "-in", "leaf.der", "-noout", "-serial").ShouldContain(issued.Serial.ToUpperInvariant());
        (await System.IO.File.ReadAllBytesAsync(File("leaf-openssl.der"))).ShouldBe(issued.Der);
        (await System.IO.File.ReadAllBytesAsync(File("accept.der"))).ShouldBe(issued.Der);
        OpenSsl.MustRun(work.Path, "x509", "-in", "chain.pem", "-outform", "DER", "-out", "pem-leaf.der");
        (await System.IO.File.ReadAllBytesAsync(File("pem-leaf.der"))).ShouldBe(issued.Der);
        OpenSsl.MustRun(work.Path, "pkcs7", "-inform", "DER", "-in", "chain.p7c", "-print_certs", "-out", "p7c.pem");
        var bundled = Blocks(await System.IO.File.ReadAllTextAsync(File("p7c.pem")));
        bundled.Count.ShouldBe(3);
        bundled.ShouldContain(c => c.SequenceEqual(issued.Der));
        chain.ShouldAllBe(ca => bundled.Any(c => c.SequenceEqual(ca)));
    }

    [SkippableFact]
    public async Task Get_Json_TheDirectoryEntryWithLinks_UnknownSerial404()
    {
        using var peer = new DirectoryPeer(Server);
        var issued = await peer.IssueListedAsync("目录条目人", "目录条目单位");

        var entry = (await peer.Anonymous.GetFromJsonAsync<DirectoryCertificate>($"/api/v1/directory/certificates/{issued.Serial}", Counter.Web))!;
        var wrongIssuer = await peer.GetJsonAsync($"/api/v1/directory/certificates/{issued.Serial}?issuer=root");

        (entry.Serial, entry.Issuer, entry.Subject, entry.Status).ShouldBe((issued.Serial, "issuing", "CN=目录条目人,O=目录条目单位", "good"));
        (await peer.Anonymous.GetByteArrayAsync(entry.Links!.Der)).ShouldBe(issued.Der);
        DirectoryPeer.Der(await peer.Anonymous.GetStringAsync(entry.Links.Pem)).ShouldBe(issued.Der);
        wrongIssuer.Status.ShouldBe(HttpStatusCode.NotFound);
        wrongIssuer.Json.GetProperty("code").GetString().ShouldBe("certificate-not-found");
    }

    /// <summary>curl GETs <paramref name="url"/> into <paramref name="file"/>, the headers to standard output; returns the status and the Content-Type.</summary>
    private static (int Status, string ContentType) Download(string url, string file, params string[] headers)
    {
        var (status, output) = Curl.Run(["-D", "-", "-o", file, .. headers, url]);
        var contentType = output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase));
        return (status, contentType?["Content-Type:".Length..].Trim() ?? string.Empty);
    }

    private static List<byte[]> Blocks(string pem)
    {
        var blocks = new List<byte[]>();
        var rest = pem.AsMemory();
        while (System.Security.Cryptography.PemEncoding.TryFind(rest.Span, out var fields))
        {
            blocks.Add(Convert.FromBase64String(rest.Span[fields.Base64Data].ToString()));
            rest = rest[fields.Location.End..];
        }

        return blocks;
    }
}
