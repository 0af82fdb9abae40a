using System.Security.Cryptography;
using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Core.Registration;
using GmPki.Issuance.Formats;
using GmPki.Server.OpenApi;

namespace GmPki.Server.Http.Endpoints;

/// <summary>
/// <c>/api/v1/directory/certificates</c>: the public directory of issued certificates
/// (目录信息查询, M24 §18(2), D §19), anonymous: search by serial, issuer,
/// subject, holder, organization, validity and status, and download as JSON, PEM, DER or PKCS #7.
/// Only what certificates publish is shown; subscribers' personal data never, and certificates
/// that carry an identity number are neither listed nor downloaded (<see cref="DirectoryDisclosure"/>).
/// </summary>
internal static class DirectoryEndpoints
{
    /// <summary>Path of the directory's certificates.</summary>
    public const string Path = "/api/v1/directory/certificates";

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path).WithTags("Directory").AllowAnonymous();
        group.MapGet("/", SearchAsync)
            .Produces<DirectoryPage>()
            .Problems(400)
            .Operation("searchDirectory", "Search issued certificates, newest first",
                "目录信息查询：按序列号、签发者、主体、持有人、机构、有效时间和状态查找已签发证书（?serial=&issuer=&subject=&holder=&organization=&validAt=&status=good|suspended|revoked&page=1&pageSize=50）；载有身份号码的证书不列出。"
                + "Searches the public directory; certificates carrying an identity number are not listed.");
        group.MapGet("/{serial}", GetAsync)
            .Produces<DirectoryCertificate>()
            .Produces<byte[]>(StatusCodes.Status200OK, CertificateEncodings.DerMediaType, CertificateEncodings.PemMediaType, CertificateEncodings.Pkcs7MediaType)
            .Problems(400, 403, 404)
            .Operation("getDirectoryCertificate", "One issued certificate: its directory entry or a download",
                "目录中的一张证书：?format=json（默认）、pem（含证书链）、der 或 p7c，或按 Accept；?issuer= 指定 CA；载有身份号码的证书只给状态条目（下载 403）。"
                + "Its directory entry or a download; a certificate carrying an identity number gives its entry only (downloads 403).");
    }

    /// <summary>The directory entry of <paramref name="entry"/> (links relative to the server); a withheld one with its subject serialNumber masked and no links.</summary>
    public static DirectoryCertificate View(DirectoryEntry entry, bool withheld)
    {
        var record = entry.Certificate;
        var reservation = record.Reservation;
        var good = record.Status == CertificateStatus.Good;
        var link = $"{Path}/{reservation.SerialHex}?issuer={reservation.IssuerLabel}&format=";
        return new DirectoryCertificate(reservation.SerialHex, reservation.IssuerLabel, withheld ? PersonalData.MaskSerialNumber(reservation.SubjectDn) : reservation.SubjectDn,
            reservation.NotBefore, reservation.NotAfter, KebabNames.Of(record.Status), good ? null : entry.Reason, good ? null : entry.StatusChangedAt,
            Convert.ToHexStringLower(SHA256.HashData(record.CertificateDer!)),
            withheld ? null : new DirectoryLinks(link + Downloads.Pem, link + Downloads.Der, link + Downloads.P7c));
    }

    private static async Task<DirectoryPage> SearchAsync(
        HttpRequest request, IPublicDirectory directory, InstallationConfiguration.Validated configuration, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var q = request.Query;
        var query = new DirectoryQuery(
            DirectoryParameters.Serial(q["serial"], "serial"),
            DirectoryParameters.Label(q["issuer"], "issuer"),
            DirectoryParameters.Text(q["subject"], "subject"),
            DirectoryParameters.Text(q["holder"], "holder"),
            DirectoryParameters.Text(q["organization"], "organization"),
            DirectoryParameters.Instant(q["validAt"], "validAt"),
            DirectoryParameters.Status(q["status"], "status"),
            new DirectoryDisclosure(configuration.Profiles).Listed);
        var result = await directory.SearchAsync(query, page ?? 1, pageSize ?? 50, cancellationToken);
        return new DirectoryPage([.. result.Items.Select(e => View(e, withheld: false))], result.Total, result.PageNumber, result.PageSize);
    }

    private static async Task<IResult> GetAsync(
        string serial, HttpRequest request, IPublicDirectory directory, AuthorityDirectory authorities, InstallationConfiguration.Validated configuration, CancellationToken cancellationToken)
    {
        var format = Downloads.FormatOf(request, Downloads.Json);
        var normalized = DirectoryParameters.Serial(serial, "serial")!;
        var issuer = DirectoryParameters.Label(request.Query["issuer"], "issuer");
        var entry = await directory.FindAsync(issuer, normalized, cancellationToken)
            ?? throw Errors.CertificateNotFound.With($"no issued certificate with serial {normalized}{(issuer is null ? string.Empty : " from CA " + issuer)}.");
        var withheld = new DirectoryDisclosure(configuration.Profiles).Withholds(entry.Certificate.Reservation.Profile);
        if (format == Downloads.Json)
        {
            return Results.Ok(View(entry, withheld));
        }

        if (withheld)
        {
            throw Errors.DirectoryCertificateWithheld.With($"certificate {normalized} carries a person's identity number; the directory gives its status (format=json), and its holder or a relying party that received it has the certificate itself.");
        }

        var der = entry.Certificate.CertificateDer!;
        var certificates = format == Downloads.Der
            ? [der]
            : (List<byte[]>)[der, .. AuthorityChains.From(await authorities.ListAsync(cancellationToken), entry.Certificate.Reservation.IssuerLabel)];
        return Downloads.Certificates(format, certificates, normalized);
    }
}
