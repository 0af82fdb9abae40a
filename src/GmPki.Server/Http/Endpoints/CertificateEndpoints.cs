using System.Security.Cryptography;
using System.Text.RegularExpressions;
using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Issuance.Formats;
using GmPki.Server.OpenApi;

namespace GmPki.Server.Http.Endpoints;

/// <summary>
/// <c>/api/v1/certificates</c>: fetch one (public: certificates are public documents), list
/// (operators). Certificates are issued only through the registration workflow
/// (<see cref="RegistrationEndpoints"/>).
/// </summary>
internal static partial class CertificateEndpoints
{
    /// <summary>Largest body of a request carrying a CSR: 256 KiB (a CSR is limited to 64 KiB).</summary>
    public const long MaxBody = 256 * 1024;

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/certificates").WithTags("Certificates");
        group.MapGet("/{serial}", GetAsync)
            .Produces<CertificateSummary>()
            .Produces<byte[]>(StatusCodes.Status200OK, CertificateEncodings.DerMediaType, CertificateEncodings.PemMediaType, CertificateEncodings.Pkcs7MediaType)
            .Problems(400, 404)
            .Operation("getCertificate", "Fetch an issued certificate",
                "按序列号取得已签发的证书：?format=json（默认）、pem、der 或 p7c（含 CA 证书链），或按 Accept 头。By serial: ?format=json (default), pem, der or p7c, or by Accept.");
        group.MapGet("/", ListAsync)
            .RequireAuthorization(Policies.Read)
            .Produces<CertificatePage>()
            .Problems(400)
            .Operation("listCertificates", "List certificates, newest first", "按时间倒序列出证书（操作员）：?state=reserved|intended|issued|failed&page=1&pageSize=50。Operators only.");
    }

    private static async Task<IResult> GetAsync(string serial, HttpRequest request, ICertificateDirectory directory, AuthorityDirectory authorities, CancellationToken cancellationToken)
    {
        var format = Downloads.FormatOf(request, Downloads.Json);
        var normalized = NormalizeSerial(serial);
        var record = await directory.FindAsync(normalized, cancellationToken);
        if (record is not { State: CertificateState.Issued, CertificateDer: { } der })
        {
            throw Errors.CertificateNotFound.With($"no issued certificate with serial {normalized}.");
        }

        return format == Downloads.Json
            ? Results.Ok(Summary(record))
            : Downloads.Certificates(format, format == Downloads.Der ? [der] : [der, .. await authorities.ChainAsync(cancellationToken)], normalized);
    }

    private static async Task<CertificatePage> ListAsync(ICertificateDirectory directory, string? state, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        CertificateState? filter = null;
        if (!string.IsNullOrEmpty(state))
        {
            filter = Enum.TryParse<CertificateState>(state, ignoreCase: true, out var parsed)
                ? parsed
                : throw Errors.RequestInvalid.With($"state '{state}' is not one of reserved, intended, issued, failed.");
        }

        var result = await directory.ListAsync(filter, page ?? 1, pageSize ?? 50, cancellationToken);
        return new CertificatePage([.. result.Items.Select(Summary)], result.Total, result.PageNumber, result.PageSize);
    }

    private static string NormalizeSerial(string serial)
    {
        var hex = SerialText.Normalize(serial);
        return SerialPattern().IsMatch(hex) ? hex : throw Errors.RequestInvalid.With($"'{serial}' is not a hexadecimal serial number.");
    }

    private static CertificateSummary Summary(CertificateRecord record)
    {
        var reservation = record.Reservation;
        return new CertificateSummary(reservation.SerialHex, reservation.IssuerLabel, record.State.ToString().ToLowerInvariant(),
            Core.Registration.KebabNames.Of(record.Status), reservation.Profile,
            reservation.SubjectDn, Core.Keys.KeyAlgorithms.ToName(reservation.KeyAlgorithm), reservation.NotBefore, reservation.NotAfter, reservation.CrlShard,
            record.IssuedAt, record.CertificateDer is null ? null : Convert.ToHexStringLower(SHA256.HashData(record.CertificateDer)));
    }

    [GeneratedRegex("^[0-9a-f]{1,40}$")]
    private static partial Regex SerialPattern();
}
