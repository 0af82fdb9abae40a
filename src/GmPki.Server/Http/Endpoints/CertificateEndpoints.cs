using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Core.Profiles;
using GmPki.Core.Issuance;
using GmPki.Issuance.Formats;
using GmPki.Issuance.Identity;
using GmPki.Server.Installation;
using Microsoft.AspNetCore.Mvc;

namespace GmPki.Server.Http.Endpoints;

/// <summary>
/// <c>/api/v1/certificates</c>: issue (operators with role registrar or ca-administrator), fetch
/// one (public: certificates are public documents), list (operators).
/// </summary>
internal static partial class CertificateEndpoints
{
    /// <summary>Largest accepted request body: 256 KiB (a CSR is limited to 64 KiB).</summary>
    public const long MaxBody = 256 * 1024;

    private const string Pkcs10MediaType = "application/pkcs10";

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/certificates").WithTags("Certificates");
        group.MapPost("/", IssueAsync)
            .RequireAuthorization(Policies.Issue)
            .WithMetadata(new RequestSizeLimitAttribute(MaxBody))
            .AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
            {
                // Documented here rather than with Accepts(), which would make routing answer 415 itself,
                // bypassing the audited problem document the endpoint gives for a wrong Content-Type.
                var json = await context.GetOrCreateSchemaAsync(typeof(IssueCertificateRequest), null, cancellationToken);
                operation.RequestBody = new Microsoft.OpenApi.OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, Microsoft.OpenApi.OpenApiMediaType>
                    {
                        ["application/json"] = new() { Schema = json },
                        [Pkcs10MediaType] = new() { Schema = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.String, Format = "binary" } },
                    },
                };
            })
            .Produces<IssuedCertificateResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Issue a certificate from a PKCS#10 request")
            .WithDescription("JSON {profile, csr, identityExtensions} or a raw application/pkcs10 body (PEM or DER) with ?profile=NAME.");
        group.MapGet("/{serial}", GetAsync)
            .Produces<CertificateSummary>()
            .Produces<byte[]>(StatusCodes.Status200OK, CertificateEncodings.DerMediaType, CertificateEncodings.PemMediaType, CertificateEncodings.Pkcs7MediaType)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Fetch an issued certificate")
            .WithDescription("?format=json (default), pem, der or p7c (certificate and its CA chain); or by Accept header.");
        group.MapGet("/", ListAsync)
            .RequireAuthorization(Policies.Read)
            .Produces<CertificatePage>()
            .WithSummary("List certificates, newest first")
            .WithDescription("?state=reserved|intended|issued|failed&page=1&pageSize=50");
    }

    private static async Task<IResult> IssueAsync(HttpContext context, AuthorityDirectory authorities, CancellationToken cancellationToken)
    {
        var request = await ReadIssueRequestAsync(context.Request, cancellationToken);
        var issuer = await authorities.IssuerAsync();
        var issued = await issuer.IssueAsync(request, RequestAudit.ActorOf(context), cancellationToken);
        var location = "/api/v1/certificates/" + issued.SerialHex;
        return Results.Created(location, new IssuedCertificateResponse(issued.SerialHex, issued.Profile, issued.Subject, issued.NotBefore, issued.NotAfter,
            CertificateEncodings.ToPem([issued.CertificateDer]), CertificateEncodings.ToPem(issued.Chain)));
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

    private static async Task<IssuanceRequest> ReadIssueRequestAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.HasJsonContentType())
        {
            IssueCertificateRequest? body;
            try
            {
                body = await request.ReadFromJsonAsync<IssueCertificateRequest>(cancellationToken);
            }
            catch (JsonException e)
            {
                throw Errors.RequestInvalid.With("the body is not valid JSON: " + e.Message);
            }

            if (body is null || string.IsNullOrWhiteSpace(body.Profile) || string.IsNullOrWhiteSpace(body.Csr))
            {
                throw Errors.RequestInvalid.With("the body needs 'profile' and 'csr'.");
            }

            var csr = body.Csr.TrimStart().StartsWith("-----", StringComparison.Ordinal) ? Encoding.ASCII.GetBytes(body.Csr) : FromBase64(body.Csr);
            return new IssuanceRequest(body.Profile, csr, IdentityValuesOf(body.IdentityExtensions));
        }

        if (request.ContentType?.StartsWith(Pkcs10MediaType, StringComparison.OrdinalIgnoreCase) == true)
        {
            var profile = request.Query["profile"].ToString();
            if (profile.Length == 0)
            {
                throw Errors.RequestInvalid.With("an application/pkcs10 body needs the ?profile= parameter.");
            }

            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, cancellationToken);
            return new IssuanceRequest(profile, buffer.ToArray());
        }

        throw Errors.RequestInvalid.With($"Content-Type must be application/json or {Pkcs10MediaType}, not '{request.ContentType}'.");
    }

    private static Dictionary<IdentityExtensionType, string>? IdentityValuesOf(Dictionary<string, string>? values)
        => values?.ToDictionary(
            pair => IdentityExtensions.Parse(pair.Key) ?? throw Errors.IdentityExtensionRejected.With($"'{pair.Key}' is not a GM/T 0015 identity extension."),
            pair => pair.Value);

    private static byte[] FromBase64(string value)
    {
        try
        {
            return Convert.FromBase64String(value);
        }
        catch (FormatException)
        {
            throw Errors.CsrMalformed.With("'csr' is neither PEM nor base64 DER.");
        }
    }

    private static string NormalizeSerial(string serial)
    {
        var hex = serial.Replace(":", string.Empty, StringComparison.Ordinal).ToLowerInvariant().TrimStart('0');
        return SerialPattern().IsMatch(hex) ? hex : throw Errors.RequestInvalid.With($"'{serial}' is not a hexadecimal serial number.");
    }

    private static CertificateSummary Summary(CertificateRecord record)
    {
        var reservation = record.Reservation;
        return new CertificateSummary(reservation.SerialHex, reservation.IssuerLabel, record.State.ToString().ToLowerInvariant(), reservation.Profile,
            reservation.SubjectDn, Core.Keys.KeyAlgorithms.ToName(reservation.KeyAlgorithm), reservation.NotBefore, reservation.NotAfter, reservation.CrlShard,
            record.IssuedAt, record.CertificateDer is null ? null : Convert.ToHexStringLower(SHA256.HashData(record.CertificateDer)));
    }

    [GeneratedRegex("^[0-9a-f]{1,40}$")]
    private static partial Regex SerialPattern();
}
