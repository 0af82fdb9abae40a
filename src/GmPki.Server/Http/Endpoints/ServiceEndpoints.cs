using GmPki.Core.Errors;
using GmPki.Core.Keys;
using GmPki.Issuance.Identity;
using GmPki.Server.OpenApi;

namespace GmPki.Server.Http.Endpoints;

/// <summary>Service information: the published profiles and the health check.</summary>
internal static class ServiceEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/profiles", Profiles).WithTags("Service").Produces<IReadOnlyList<ProfileSummary>>()
            .Operation("listProfiles", "The certificate profiles this CA issues under", "本 CA 签发所依据的证书模板。The certificate profiles.");
        app.MapGet("/health", HealthAsync).WithTags("Service").Produces<HealthResponse>().Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable)
            .Operation("getHealth", "Database and issuing CA readiness", "健康检查：数据库和签发 CA 是否就绪；不就绪时 503。Database and issuing CA readiness; 503 when degraded.");
    }

    private static IReadOnlyList<ProfileSummary> Profiles(InstallationConfiguration.Validated configuration)
        => [.. configuration.Profiles.Values.OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => new ProfileSummary(
            p.Name, p.DisplayName, p.PolicyOid, p.CpsUri, p.Validity.TotalDays,
            [.. p.KeyAlgorithms.Select(a => a.ToName()).Order(StringComparer.Ordinal)], p.KeyUsage.ToString(), p.ExtendedKeyUsages,
            p.RequiredSubjectAttributes, [.. p.AllowedSubjectAttributes.Order(StringComparer.Ordinal)],
            [.. p.SubjectAltNames.Select(t => t.ToString().ToLowerInvariant()).Order(StringComparer.Ordinal)],
            p.IdentityExtensions.ToDictionary(i => i.Key.ToName(), i => i.Value), p.EncryptionProfile, p.KmcKeys))];

    private static async Task<IResult> HealthAsync(AuthorityDirectory authorities, ILogger<AuthorityDirectory> logger, CancellationToken cancellationToken)
    {
        var database = "ok";
        var issuer = "ready";
        try
        {
            await authorities.ListAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.HealthDatabaseUnavailable(e);
            database = "unavailable";
        }

        try
        {
            await authorities.IssuerAsync();
        }
        catch (GmPkiException e)
        {
            logger.HealthIssuerUnavailable(e.Message);
            issuer = "unavailable";
        }

        var healthy = database == "ok" && issuer == "ready";
        return Results.Json(new HealthResponse(healthy ? "ok" : "degraded", database, issuer), statusCode: healthy ? 200 : 503);
    }
}
