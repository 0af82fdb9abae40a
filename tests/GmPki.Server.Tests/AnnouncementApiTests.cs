using System.Net;
using System.Xml.Linq;

namespace GmPki.Server.Tests;

/// <summary>The announcements of renewals and revocations (公告, D §20(4)): the JSON feed and the Atom feed (RFC 4287), read by an XML parser.</summary>
[Collection(DirectoryServer.Name)]
public class AnnouncementApiTests(Sm2ServerFixture fixture)
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private RunningServer Server => fixture.Server;

    [SkippableFact]
    public async Task RenewalExtensionRevocation_JsonAndAtom_NewestFirstStableIdsNoPersonalData()
    {
        using var peer = new DirectoryPeer(Server);
        var since = Uri.EscapeDataString(DateTime.UtcNow.AddSeconds(-1).ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", System.Globalization.CultureInfo.InvariantCulture));
        var original = await peer.IssueAsync("公告更新人");
        var renewed = await peer.ReplaceAsync("renew", original);
        var extended = await peer.ReplaceAsync("extend", renewed);
        var revoked = await peer.IssueAsync("公告撤销人");
        await peer.RevokeAsync(revoked, "affiliationChanged");
        string[] mine = [renewed.Serial, extended.Serial, revoked.Serial];

        var json = await peer.GetJsonAsync($"/api/v1/announcements?since={since}");
        using var atomResponse = await peer.Anonymous.GetAsync($"/api/v1/announcements.atom?since={since}");
        var atomBytes = await atomResponse.Content.ReadAsByteArrayAsync();
        var atomText = System.Text.Encoding.UTF8.GetString(atomBytes);

        json.Status.ShouldBe(HttpStatusCode.OK, json.Raw);
        var items = json.Json.GetProperty("items").EnumerateArray().Where(i => mine.Contains(i.GetProperty("serial").GetString())).ToList();
        items.Select(i => (i.GetProperty("kind").GetString(), i.GetProperty("serial").GetString(), i.GetProperty("replaces").GetString(), i.GetProperty("reason").GetString()))
            .ShouldBe([("revocation", revoked.Serial, null, "affiliationChanged"), ("extension", extended.Serial, renewed.Serial, null), ("renewal", renewed.Serial, original.Serial, null)]);
        items[0].GetProperty("id").GetString().ShouldBe($"urn:gmpki:announcement:revocation:issuing:{revoked.Serial}");
        items[0].GetProperty("subject").GetString().ShouldBe("CN=公告撤销人");
        var all = json.Json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("at").GetDateTime()).ToList();
        all.ShouldBe(all.OrderByDescending(t => t));

        atomResponse.StatusCode.ShouldBe(HttpStatusCode.OK, atomText);
        atomResponse.Content.Headers.ContentType!.MediaType.ShouldBe("application/atom+xml");
        var feed = XDocument.Parse(atomText).Root!;
        feed.Name.ShouldBe(Atom + "feed");
        feed.Element(Atom + "id")!.Value.ShouldBe(Server.BaseUrl + "/api/v1/announcements.atom");
        feed.Element(Atom + "updated").ShouldNotBeNull();
        feed.Element(Atom + "author")!.Element(Atom + "name")!.Value.ShouldBe("测试电子认证服务机构");
        var entries = feed.Elements(Atom + "entry").ToList();
        entries.Select(e => e.Element(Atom + "id")!.Value).ShouldBe(json.Json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        entries.ShouldAllBe(e => e.Element(Atom + "title") != null && e.Element(Atom + "updated") != null && e.Element(Atom + "content") != null);
        var revocation = entries.Single(e => e.Element(Atom + "id")!.Value.EndsWith(":" + revoked.Serial, StringComparison.Ordinal));
        revocation.Element(Atom + "category")!.Attribute("term")!.Value.ShouldBe("revocation");
        var facts = revocation.Element(XNamespace.Get("urn:gmpki:announcement") + "certificate")!;
        (facts.Attribute("serial")!.Value, facts.Attribute("reason")!.Value, facts.Attribute("subject")!.Value).ShouldBe((revoked.Serial, "affiliationChanged", "CN=公告撤销人"));
        DateTimeOffset.Parse(revocation.Element(Atom + "updated")!.Value, System.Globalization.CultureInfo.InvariantCulture).ShouldBe(items[0].GetProperty("at").GetDateTimeOffset());
        foreach (var person in new[] { original, revoked })
        {
            json.Raw.ShouldNotContain(person.Person.IdentityNumber);
            atomText.ShouldNotContain(person.Person.IdentityNumber);
            atomText.ShouldNotContain(person.Person.IdentityNumber[^4..] + "<");
            atomText.ShouldNotContain(person.Subscriber.ToString());
        }
    }

    [SkippableFact]
    public async Task Atom_Paged_NextLinkUntilTheLastPage()
    {
        using var peer = new DirectoryPeer(Server);
        var first = await peer.IssueAsync("公告分页甲");
        await peer.RevokeAsync(first, "cessationOfOperation");
        var second = await peer.IssueAsync("公告分页乙");
        await peer.RevokeAsync(second, "cessationOfOperation");

        var page1 = XDocument.Parse(await peer.Anonymous.GetStringAsync("/api/v1/announcements.atom?pageSize=1")).Root!;
        var next = page1.Elements(Atom + "link").Single(l => l.Attribute("rel")!.Value == "next").Attribute("href")!.Value;
        var page2 = XDocument.Parse(await peer.Anonymous.GetStringAsync(next)).Root!;

        page1.Elements(Atom + "entry").ShouldHaveSingleItem().Element(Atom + "id")!.Value.ShouldEndWith(":" + second.Serial);
        page2.Elements(Atom + "entry").ShouldHaveSingleItem().Element(Atom + "id")!.Value.ShouldEndWith(":" + first.Serial);
        page2.Elements(Atom + "link").ShouldContain(l => l.Attribute("rel")!.Value == "previous");
    }

    [SkippableFact]
    public async Task BadSince_400DirectoryQueryInvalid()
    {
        using var peer = new DirectoryPeer(Server);

        var (status, json, raw) = await peer.GetJsonAsync("/api/v1/announcements.atom?since=last-week");

        status.ShouldBe(HttpStatusCode.BadRequest, raw);
        json.GetProperty("code").GetString().ShouldBe("directory-query-invalid");
    }
}
