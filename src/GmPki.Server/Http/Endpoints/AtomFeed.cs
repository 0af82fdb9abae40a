using System.Text;
using System.Xml;
using System.Xml.Linq;
using GmPki.Core.Ledger;
using GmPki.Core.Registration;

namespace GmPki.Server.Http.Endpoints;

/// <summary>
/// The announcements (公告, D §20(4)) as an Atom feed document (RFC 4287), paged with
/// <c>first</c>/<c>previous</c>/<c>next</c> links (RFC 5005 §3). Each entry carries, beside the
/// Atom elements, one extension element <c>&lt;g:certificate&gt;</c> (namespace
/// <see cref="Extension"/>, RFC 4287 §6.4) with the facts as attributes: <c>kind</c>,
/// <c>issuer</c>, <c>serial</c>, <c>subject</c>, <c>at</c>, and <c>reason</c> or <c>replaces</c>.
/// </summary>
internal static class AtomFeed
{
    /// <summary>Media type of Atom feed documents (RFC 4287 §7).</summary>
    public const string MediaType = "application/atom+xml";

    /// <summary>The Atom namespace.</summary>
    public static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    /// <summary>Namespace of the <c>certificate</c> extension element.</summary>
    public static readonly XNamespace Extension = "urn:gmpki:announcement";

    /// <summary>Atom category scheme of the entries' kinds (revocation, renewal, extension).</summary>
    public const string KindScheme = "urn:gmpki:announcement-kind";

    /// <summary>UTF-8 XML of the feed page.</summary>
    /// <param name="page">The announcements of this page, newest first.</param>
    /// <param name="baseUrl">The public base URL (<c>PublicUrls:BaseUrl</c>), for the feed's id and links.</param>
    /// <param name="since">The <c>since</c> criterion, repeated in the paging links.</param>
    /// <param name="author">The CA institution's name (the feed's author, RFC 4287 §4.2.1).</param>
    /// <param name="now">Fallback for <c>updated</c> of a page without entries.</param>
    public static byte[] Write(Page<Announcement> page, string baseUrl, string? since, string author, DateTime now)
    {
        var self = baseUrl + AnnouncementEndpoints.AtomPath;
        string PageUrl(int number) => $"{self}?page={number}&pageSize={page.PageSize}{(since is null ? string.Empty : "&since=" + Uri.EscapeDataString(since))}";
        var last = Math.Max(1, (page.Total + page.PageSize - 1) / page.PageSize);
        var feed = new XElement(Atom + "feed",
            new XAttribute(XNamespace.Xml + "lang", "zh-CN"),
            new XAttribute(XNamespace.Xmlns + "g", Extension),
            new XElement(Atom + "id", self),
            new XElement(Atom + "title", "证书更新与撤销公告 (certificate renewals and revocations)"),
            new XElement(Atom + "updated", Time(page.Items.Count > 0 ? page.Items[0].At : now)),
            new XElement(Atom + "author", new XElement(Atom + "name", author)),
            Link("self", PageUrl(page.PageNumber), MediaType),
            Link("alternate", baseUrl + AnnouncementEndpoints.JsonPath, "application/json"),
            Link("first", PageUrl(1), MediaType),
            page.PageNumber > 1 ? Link("previous", PageUrl(Math.Min(page.PageNumber - 1, last)), MediaType) : null,
            page.PageNumber < last ? Link("next", PageUrl(page.PageNumber + 1), MediaType) : null,
            page.Items.Select(a => Entry(a, baseUrl)));

        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            new XDocument(new XDeclaration("1.0", "utf-8", null), feed).Save(writer);
        }

        return buffer.ToArray();
    }

    private static XElement Entry(Announcement announcement, string baseUrl)
    {
        var kind = KebabNames.Of(announcement.Kind);
        var (title, text) = announcement.Kind switch
        {
            AnnouncementKind.Revocation => ($"撤销 (revocation) {announcement.SerialHex}",
                $"证书 {announcement.SerialHex}（{announcement.SubjectDn}）于 {Time(announcement.At)} 撤销，原因 {announcement.Reason ?? "unspecified"}。"),
            AnnouncementKind.Renewal => ($"更新 (renewal) {announcement.ReplacedSerialHex} → {announcement.SerialHex}",
                $"证书 {announcement.ReplacedSerialHex} 已更新：新证书 {announcement.SerialHex}（{announcement.SubjectDn}）于 {Time(announcement.At)} 签发。"),
            _ => ($"延期 (extension) {announcement.ReplacedSerialHex} → {announcement.SerialHex}",
                $"证书 {announcement.ReplacedSerialHex} 已延期：新证书 {announcement.SerialHex}（{announcement.SubjectDn}）于 {Time(announcement.At)} 签发。"),
        };
        return new XElement(Atom + "entry",
            new XElement(Atom + "id", AnnouncementEndpoints.IdOf(announcement)),
            new XElement(Atom + "title", title),
            new XElement(Atom + "updated", Time(announcement.At)),
            new XElement(Atom + "published", Time(announcement.At)),
            new XElement(Atom + "category", new XAttribute("term", kind), new XAttribute("scheme", KindScheme)),
            Link("alternate", $"{baseUrl}{DirectoryEndpoints.Path}/{announcement.SerialHex}?issuer={announcement.IssuerLabel}", "application/json"),
            new XElement(Atom + "content", new XAttribute("type", "text"), text),
            new XElement(Extension + "certificate",
                new XAttribute("kind", kind),
                new XAttribute("issuer", announcement.IssuerLabel),
                new XAttribute("serial", announcement.SerialHex),
                new XAttribute("subject", announcement.SubjectDn),
                new XAttribute("at", Time(announcement.At)),
                announcement.Reason is null ? null : new XAttribute("reason", announcement.Reason),
                announcement.ReplacedSerialHex is null ? null : new XAttribute("replaces", announcement.ReplacedSerialHex)));
    }

    private static XElement Link(string relation, string href, string type)
        => new(Atom + "link", new XAttribute("rel", relation), new XAttribute("href", href), new XAttribute("type", type));

    /// <summary>RFC 3339 date-time in UTC (RFC 4287 §3.3).</summary>
    private static string Time(DateTime instant) => XmlConvert.ToString(instant, XmlDateTimeSerializationMode.Utc);
}
