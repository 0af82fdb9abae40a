using GmPki.Core.Ledger;
using GmPki.Core.Registration;
using GmPki.Issuance.Formats;
using GmPki.Server.OpenApi;

namespace GmPki.Server.Http.Endpoints;

/// <summary>
/// The announcements of renewals and revocations (公告, D §20(4), R22), anonymous:
/// <c>GET /api/v1/announcements</c> (JSON) and <c>GET /api/v1/announcements.atom</c> (Atom, RFC
/// 4287), newest first, with stable entry ids. Only what the certificates publish: serial, issuer,
/// subject DN, reason and time.
/// </summary>
internal static class AnnouncementEndpoints
{
    /// <summary>Path of the JSON feed.</summary>
    public const string JsonPath = "/api/v1/announcements";

    /// <summary>Path of the Atom feed.</summary>
    public const string AtomPath = "/api/v1/announcements.atom";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(JsonPath, ListAsync).WithTags("Directory").AllowAnonymous()
            .Produces<AnnouncementPage>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .Operation("listAnnouncements", "Announcements of revocations, renewals and extensions, newest first",
                "证书撤销、更新和延期的公告，按时间倒序：?since=2026-11-01T00:00:00Z&page=1&pageSize=50。Announcements (公告), newest first.");
        app.MapGet(AtomPath, AtomAsync).WithTags("Directory").AllowAnonymous()
            .Produces<byte[]>(StatusCodes.Status200OK, AtomFeed.MediaType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .Operation("getAnnouncementFeed", "The announcements as an Atom feed (RFC 4287)",
                "公告的 Atom 订阅源；?since=&page=&pageSize= 同 JSON，分页链接按 RFC 5005。As the JSON feed, paged with RFC 5005 first/previous/next links.");
    }

    /// <summary>The stable id of an announcement: <c>urn:gmpki:announcement:{kind}:{issuer}:{serial}</c> (a certificate is revoked, or issued by a renewal, once).</summary>
    public static string IdOf(Announcement announcement)
        => $"urn:gmpki:announcement:{KebabNames.Of(announcement.Kind)}:{announcement.IssuerLabel}:{announcement.SerialHex}";

    private static async Task<AnnouncementPage> ListAsync(HttpRequest request, IPublicDirectory directory, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var result = await ReadAsync(request, directory, page, pageSize, cancellationToken);
        return new AnnouncementPage([.. result.Items.Select(View)], result.Total, result.PageNumber, result.PageSize);
    }

    private static async Task<IResult> AtomAsync(
        HttpRequest request, IPublicDirectory directory, AuthorityDirectory authorities, InstallationConfiguration.Validated configuration, TimeProvider clock,
        int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var result = await ReadAsync(request, directory, page, pageSize, cancellationToken);
        var since = request.Query["since"].ToString();
        var xml = AtomFeed.Write(result, configuration.Issuance.Urls.BaseUrl, since.Length == 0 ? null : since,
            Institution(await authorities.ListAsync(cancellationToken)), clock.GetUtcNow().UtcDateTime);
        return Results.Bytes(xml, AtomFeed.MediaType + "; charset=utf-8");
    }

    private static Task<Page<Announcement>> ReadAsync(HttpRequest request, IPublicDirectory directory, int? page, int? pageSize, CancellationToken cancellationToken)
        => directory.AnnouncementsAsync(DirectoryParameters.Instant(request.Query["since"], "since"), page ?? 1, pageSize ?? 50, cancellationToken);

    /// <summary>The CA institution's name: the O of the root's subject (M24 §19), else the whole DN.</summary>
    private static string Institution(IReadOnlyList<AuthorityRecord> authorities)
    {
        var root = authorities.FirstOrDefault(a => a.ParentLabel is null) ?? authorities[0];
        var certificate = CertificateNames.Of(root.CertificateDer);
        return certificate.Organization ?? certificate.Subject;
    }

    private static AnnouncementView View(Announcement announcement) => new(
        IdOf(announcement), KebabNames.Of(announcement.Kind), announcement.At, announcement.IssuerLabel, announcement.SerialHex,
        announcement.SubjectDn, announcement.Reason, announcement.ReplacedSerialHex);
}
