using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using GmPki.Core.Keys;
using GmPki.Core.Ledger;
using GmPki.Core.Security;
using GmPki.Hosting;
using GmPki.Hosting.Configuration;
using GmPki.Hosting.Kmc;
using GmPki.Issuance.Authorities;
using GmPki.Registration.Operators;
using GmPki.Server.Http;
using GmPki.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace GmPki.Server.Tests;

/// <summary>
/// A real GmPki server on 127.0.0.1 (Kestrel, a free port), over a fresh installation made by
/// <see cref="Initializer"/> in a temporary directory.
/// </summary>
public class RunningServer : IAsyncDisposable
{
    public const string Passphrase = "test passphrase, long enough";

    private readonly TempDirectory _directory;
    private readonly ServerOptions _options;
    private WebApplication _app;

    private RunningServer(TempDirectory directory, WebApplication app, ServerOptions options, string baseUrl, string adminKey, string registrarKey, string reviewerKey)
    {
        _directory = directory;
        _app = app;
        _options = options;
        BaseUrl = baseUrl;
        AdminKey = adminKey;
        Client = Authorized(adminKey);
        Registrar = Authorized(registrarKey);
        Reviewer = Authorized(reviewerKey);
    }

    public string BaseUrl { get; }

    public string AdminKey { get; }

    /// <summary>A client authenticated as the administrator.</summary>
    public HttpClient Client { get; }

    /// <summary>A client authenticated as operator <c>registrar</c> (role registrar).</summary>
    public HttpClient Registrar { get; }

    /// <summary>A client authenticated as operator <c>reviewer</c> (role reviewer), the second person of the two-person rule.</summary>
    public HttpClient Reviewer { get; }

    public string WorkDirectory => _directory.Path;

    public IServiceProvider Services => _app.Services;

    /// <param name="algorithm">Key algorithm of the CAs.</param>
    /// <param name="database">Ledger database; SQLite in the data directory when null.</param>
    /// <param name="configure">Changes <c>gmpki.json</c> (as a JSON tree, with the data directory) before the server starts.</param>
    /// <param name="scheme"><c>http</c>, or <c>https</c> when <paramref name="configure"/> sets up <c>Server:Https</c>.</param>
    /// <param name="prepare">Works on the initialised installation before the server starts (for example the KMC's key ceremony).</param>
    /// <param name="services">Registers services before the server's own (fakes), or null.</param>
    public static async Task<RunningServer> StartAsync(
        KeyAlgorithm algorithm = KeyAlgorithm.Sm2, DatabaseSettings? database = null, Action<JsonNode, DataDirectory>? configure = null, string scheme = "http",
        Func<Installation, Task>? prepare = null, Action<IServiceCollection>? services = null)
    {
        var directory = new TempDirectory("gmpki-server-");
        var port = LoopbackPort.Free();
        var baseUrl = $"{scheme}://127.0.0.1:{port}";
        var data = DataDirectory.At(Path.Combine(directory.Path, "data"));
        var init = await Initializer.InitializeAsync(data,
            new InitOptions(new HierarchyOptions(algorithm, "测试电子认证服务机构", "CN", "测试根CA", "测试签发CA"), baseUrl, "admin", database),
            Passphrase, Actor.System, TimeProvider.System, CancellationToken.None);
        if (prepare is not null)
        {
            await using var installation = await Installation.OpenAsync(data, () => Passphrase, TimeProvider.System, CancellationToken.None);
            await prepare(installation);
        }

        if (configure is not null)
        {
            var configuration = JsonNode.Parse(File.ReadAllText(data.ConfigurationFile))!;
            configure(configuration, data);
            File.WriteAllText(data.ConfigurationFile, configuration.ToJsonString());
        }

        var options = new ServerOptions(data, baseUrl, () => Passphrase, Services: services);
        var app = await ServerHost.BuildAsync(options, CancellationToken.None);
        await app.StartAsync();
        var accounts = app.Services.GetRequiredService<OperatorAccounts>();
        var registrar = await accounts.CreateAsync("registrar", OperatorRole.Registrar, Actor.System, CancellationToken.None);
        var reviewer = await accounts.CreateAsync("reviewer", OperatorRole.Reviewer, Actor.System, CancellationToken.None);
        return new RunningServer(directory, app, options, baseUrl, init.AdministratorApiKey, registrar, reviewer);
    }

    /// <summary>
    /// Starts a server whose embedded KMC had its key ceremony (custodians a, b, c; 2 of 3; share
    /// files in <c>shares/</c> of the data directory, the first two listed in <c>Kmc:ShareFiles</c>
    /// so it unseals itself), ready for dual certificates.
    /// </summary>
    public static Task<RunningServer> StartWithKmcAsync()
        => StartAsync(prepare: installation => KmcCeremony.RunAsync(installation, ["custodian-a", "custodian-b", "custodian-c"], 2,
            installation.Data.Combine("shares"), unattended: true, Actor.System, CancellationToken.None));

    /// <summary>
    /// Starts an HTTPS server whose TLS certificate (ECDSA P-256, for 127.0.0.1) openssl makes as
    /// <c>server.pem</c>/<c>server.key</c> in <paramref name="tlsDirectory"/>; it asks for client
    /// certificates and believes the <c>X-Client-Cert</c> header from 127.0.0.1 (a TLCP proxy's).
    /// <paramref name="configure"/>, <paramref name="services"/>, <paramref name="algorithm"/> (of the CAs) and <paramref name="prepare"/> as for <see cref="StartAsync"/>.
    /// </summary>
    public static Task<RunningServer> StartHttpsAsync(
        string tlsDirectory, Action<JsonNode, DataDirectory>? configure = null, Action<IServiceCollection>? services = null, KeyAlgorithm algorithm = KeyAlgorithm.Sm2,
        Func<Installation, Task>? prepare = null)
    {
        OpenSsl.MustRun(tlsDirectory, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "server.key", "-out", "server.pem",
            "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1");
        return StartAsync(algorithm, scheme: "https", configure: (json, data) =>
        {
            File.Copy(Path.Combine(tlsDirectory, "server.pem"), data.Combine("tls.pem"));
            File.Copy(Path.Combine(tlsDirectory, "server.key"), data.Combine("tls.key"));
            json["Server"] = new JsonObject
            {
                ["Https"] = new JsonObject { ["CertificateFile"] = "tls.pem", ["KeyFile"] = "tls.key" },
                ["ClientCertificates"] = new JsonObject { ["ForwardedHeader"] = "X-Client-Cert", ["TrustedProxies"] = new JsonArray("127.0.0.1") },
            };
            configure?.Invoke(json, data);
        }, prepare: prepare, services: services);
    }

    /// <summary>A client sending <paramref name="apiKey"/> as a bearer token (or none when null).</summary>
    public HttpClient Authorized(string? apiKey)
    {
        // HTTPS test servers use a throwaway self-signed certificate.
        var client = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator })
        {
            BaseAddress = new Uri(BaseUrl),
        };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }

    public Task<string> CreateOperatorAsync(string name, OperatorRole role)
        => CreateOperatorAsync(new NewOperator(name, role));

    public Task<string> CreateOperatorAsync(NewOperator request)
        => Services.GetRequiredService<OperatorAccounts>().CreateAsync(request, Actor.System, CancellationToken.None);

    public async Task<IReadOnlyList<AuditEvent>> RecentAuditAsync(int count = 20)
        => await Services.GetRequiredService<IAuditLog>().RecentAsync(count, CancellationToken.None);

    /// <summary>Stops the server and starts a new one on the same installation and address (nothing kept in memory survives).</summary>
    public async Task RestartAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _app = await ServerHost.BuildAsync(_options, CancellationToken.None);
        await _app.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Registrar.Dispose();
        Reviewer.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
        GC.SuppressFinalize(this);
    }

}

/// <summary>One SM2 server shared by the tests of a class.</summary>
public sealed class Sm2ServerFixture : IAsyncLifetime
{
    public RunningServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await RunningServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>One SM2 server with its KMC set up (<see cref="RunningServer.StartWithKmcAsync"/>), shared by the tests of a class.</summary>
public sealed class KmcServerFixture : IAsyncLifetime
{
    public RunningServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await RunningServer.StartWithKmcAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
