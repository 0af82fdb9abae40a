using GmPki.Server.Http.Endpoints;
using Microsoft.AspNetCore.Authentication;

namespace GmPki.Server.Http;

/// <summary>How to run the server.</summary>
/// <param name="Data">An initialised data directory.</param>
/// <param name="Urls">Kestrel listen URLs, semicolon-separated, for example <c>http://127.0.0.1:8080</c>.</param>
/// <param name="Passphrase">Supplies the key store passphrase (asked once at start-up).</param>
/// <param name="Clock">Time source; the system clock when null.</param>
/// <param name="Services">Registers services before the defaults (for tests: a fake <see cref="GmPki.Enrollment.Acme.IDnsTxtResolver"/>), or null.</param>
/// <param name="Passphrases">The passphrase of each key duty (<c>docs/cryptography.md</c>, "Keys per duty"); null: <paramref name="Passphrase"/> for every key.</param>
public sealed record ServerOptions(
    DataDirectory Data, string Urls, Func<string> Passphrase, TimeProvider? Clock = null, Action<IServiceCollection>? Services = null, Cryptography.Keys.KeyPassphrases? Passphrases = null);

/// <summary>
/// Builds the ASP.NET Core application: validated configuration, migrated ledger, CA, OCSP
/// responder and TSA keys opened in parallel before the first request (so a wrong passphrase stops start-up), API key
/// authentication, RFC 9457 problem details, the REST API and its OpenAPI document
/// (<c>/openapi/v1.json</c>), audit checkpoints signed in the background. Endpoint reference: <c>docs/api.md</c>.
/// </summary>
public static class ServerHost
{
    /// <summary>Largest request body Kestrel accepts on any endpoint: 1 MiB.</summary>
    public const long MaxRequestBody = 1024 * 1024;

    /// <summary>Builds the application, ready to <c>RunAsync</c>.</summary>
    /// <exception cref="Core.Errors.ConfigurationException">The configuration is invalid.</exception>
    /// <exception cref="Core.Errors.GmPkiException">The issuing CA cannot be opened.</exception>
    public static async Task<WebApplication> BuildAsync(ServerOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = InstallationConfiguration.Load(options.Data);
        var configuration = InstallationConfiguration.Validate(settings, options.Data);
        var tightened = DataDirectoryPermissions.Secure(options.Data, configuration);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = "GmPki", ContentRootPath = options.Data.Path });
        builder.WebHost.UseUrls(options.Urls);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = MaxRequestBody;
            kestrel.ConfigureHttpsDefaults(https => ClientCertificates.ConfigureHttps(https, settings.Server.Https, options.Data));
        });
        ClientCertificates.AddForwarding(builder.Services, settings.Server.ClientCertificates);
        options.Services?.Invoke(builder.Services);
        builder.Services.AddGmPkiInstallation(options.Data, configuration, options.Passphrases ?? new Cryptography.Keys.KeyPassphrases(options.Passphrase), options.Clock ?? TimeProvider.System);
        Hosting.Enrollment.EnrollmentServices.Add(builder.Services, settings.Acme);
        builder.Services.AddGmPkiBackgroundServices(configuration);

        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<GmPkiExceptionHandler>();
        builder.Services.AddAuthentication(ApiKeyAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        builder.Services.AddAuthorization(Policies.Add);
        builder.Services.ConfigureHttpJsonOptions(json => ServerJson.Configure(json.SerializerOptions));
        OpenApi.ApiDocumentation.Add(builder.Services);

        var app = builder.Build();
        var startLog = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("GmPki.Server");
        foreach (var entry in tightened)
        {
            startLog.DataDirectoryTightened(entry);
        }

        await Hosting.Keys.StartupKeys.OpenAsync(app.Services, cancellationToken);
        await app.Services.GetRequiredService<Hosting.Enrollment.CmpProtectionKeys>().EnsureAsync(cancellationToken);

        app.UseExceptionHandler();
        app.Use(async (context, next) =>
        {
            context.Response.Headers["X-Request-Id"] = context.TraceIdentifier;
            await next(context);
        });
        ClientCertificates.UseForwarding(app, settings.Server.ClientCertificates);
        app.UseAuthentication();
        app.UseAuthorization();
        OpenApi.ApiDocumentation.Map(app);
        CertificateEndpoints.Map(app);
        RegistrationEndpoints.Map(app);
        RevocationEndpoints.Map(app);
        KmcServiceEndpoints.Map(app);
        ProtocolAccountEndpoints.Map(app);
        OperatorEndpoints.Map(app);
        AgencyEndpoints.Map(app);
        AuthorityEndpoints.Map(app);
        ServiceEndpoints.Map(app);
        ValidationEndpoints.Map(app);
        VerificationEndpoints.Map(app);
        TimestampEndpoints.Map(app);
        StatusEndpoints.Map(app, configuration.Issuance.Urls);
        CpsEndpoints.Map(app, configuration.Issuance.Urls);
        Est.EstEndpoints.Map(app);
        Acme.AcmeEndpoints.Map(app);
        Cmp.CmpEndpoints.Map(app);
        DirectoryEndpoints.Map(app);
        AnnouncementEndpoints.Map(app);
        AuthenticityEndpoints.Map(app);
        Kmc.KmcEndpoints.Map(app);
        Kmc.KmcServiceApi.Map(app);
        return app;
    }
}
