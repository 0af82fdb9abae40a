using System.Security.Cryptography;
using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Issuance.Authorities;
using GmPki.Issuance.Formats;
using GmPki.Server.OpenApi;

namespace GmPki.Server.Http.Endpoints;

/// <summary>
/// Public CA information: the CAs, the chain (PEM or PKCS#7) and each CA certificate in DER at
/// the caIssuers URL written into certificates (<c>/ca/{label}.crt</c>, RFC 5280 §4.2.2.1).
/// </summary>
internal static class AuthorityEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/authorities", ListAsync).WithTags("Authorities").Produces<IReadOnlyList<AuthoritySummary>>()
            .Operation("listAuthorities", "The CAs of this installation", "本系统的 CA：标识、类型、上级、主体、序列号、有效期、SHA-256 和证书 URL。The CAs with their certificates' data.");
        app.MapGet("/api/v1/ca/chain", ChainAsync).WithTags("Authorities")
            .Produces<byte[]>(StatusCodes.Status200OK, CertificateEncodings.PemMediaType, CertificateEncodings.Pkcs7MediaType)
            .Problems(400)
            .Operation("getCaChain", "The issuing CA and root certificates", "签发 CA 和根 CA 证书，签发 CA 在前：?format=pem（默认）或 p7c。The chain, issuing CA first: ?format=pem (default) or p7c.");
        app.MapGet("/ca/{label}.crt", CertificateAsync).WithTags("Authorities")
            .Produces<byte[]>(StatusCodes.Status200OK, CertificateEncodings.DerMediaType)
            .Problems(404)
            .Operation("getCaCertificate", "A CA certificate in DER (the caIssuers URL)", "DER 格式的 CA 证书，即证书中 caIssuers 的地址（RFC 5280 §4.2.2.1）。A CA certificate at its caIssuers URL.");
    }

    private static async Task<IReadOnlyList<AuthoritySummary>> ListAsync(AuthorityDirectory authorities, InstallationConfiguration.Validated configuration, CancellationToken cancellationToken)
        => [.. (await authorities.ListAsync(cancellationToken)).Select(a => Summary(a, configuration.Issuance.Urls))];

    private static async Task<IResult> ChainAsync(HttpRequest request, AuthorityDirectory authorities, CancellationToken cancellationToken)
    {
        var format = Downloads.FormatOf(request, Downloads.Pem);
        if (format is not (Downloads.Pem or Downloads.P7c))
        {
            throw Errors.RequestInvalid.With("the chain is served as pem or p7c.");
        }

        return Downloads.Certificates(format, await authorities.ChainAsync(cancellationToken), "ca-chain");
    }

    private static async Task<IResult> CertificateAsync(string label, AuthorityDirectory authorities, CancellationToken cancellationToken)
    {
        var authority = (await authorities.ListAsync(cancellationToken)).FirstOrDefault(a => a.Label == label)
            ?? throw Errors.AuthorityNotFound.With($"no CA labelled '{label}'.");
        return Results.File(authority.CertificateDer, CertificateEncodings.DerMediaType, label + ".crt");
    }

    private static AuthoritySummary Summary(AuthorityRecord authority, PublicationUrls urls)
    {
        var certificate = CertificateNames.Of(authority.CertificateDer);
        return new AuthoritySummary(authority.Label, authority.Kind.ToString().ToLowerInvariant(), authority.ParentLabel,
            certificate.Subject, certificate.SerialHex, certificate.NotBefore, certificate.NotAfter,
            Convert.ToHexStringLower(SHA256.HashData(authority.CertificateDer)), urls.CaIssuers(authority.Label));
    }
}
