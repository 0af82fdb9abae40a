using GmPki.Core.Keys;
using GmPki.Core.Ledger;
using GmPki.Core.Security;
using GmPki.Hosting;
using GmPki.Hosting.Kmc;
using GmPki.Issuance.Authorities;
using GmPki.Registration.Operators;
using GmPki.Server.Http;
using GmPki.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GmPki.HttpFuzz;

/// <summary>
/// The real service on 127.0.0.1 (a free port) over a fresh SM2 installation in a temporary
/// directory, with its KMC's key ceremony done (2 of 3, unattended) and one operator per role.
/// </summary>
public sealed class FuzzService : IAsyncDisposable
{
    private const string Passphrase = "http fuzzing passphrase, long enough";

    private readonly TempDirectory _directory;
    private readonly WebApplication _app;

    private FuzzService(TempDirectory directory, WebApplication app, string baseUrl, IReadOnlyDictionary<string, string> apiKeys)
    {
        _directory = directory;
        _app = app;
        BaseUrl = baseUrl;
        ApiKeys = apiKeys;
    }

    /// <summary>The service's base URL, <c>http://127.0.0.1:PORT</c>.</summary>
    public string BaseUrl { get; }

    /// <summary>API keys by operator role: <c>admin</c>, <c>registrar</c>, <c>reviewer</c>.</summary>
    public IReadOnlyDictionary<string, string> ApiKeys { get; }

    /// <summary>A scratch directory for openssl's files.</summary>
    public string WorkDirectory => _directory.Path;

    /// <summary>Initialises an installation and starts the service on it.</summary>
    public static async Task<FuzzService> StartAsync()
    {
        var directory = new TempDirectory("gmpki-httpfuzz-");
        var baseUrl = $"http://127.0.0.1:{LoopbackPort.Free()}";
        var data = DataDirectory.At(Path.Combine(directory.Path, "data"));
        var init = await Initializer.InitializeAsync(data,
            new InitOptions(new HierarchyOptions(KeyAlgorithm.Sm2, "模糊测试电子认证服务机构", "CN", "模糊测试根CA", "模糊测试签发CA"), baseUrl, "admin", RegistrarName: "registrar"),
            Passphrase, Actor.System, TimeProvider.System, CancellationToken.None);
        await using (var installation = await Installation.OpenAsync(data, () => Passphrase, TimeProvider.System, CancellationToken.None))
        {
            await KmcCeremony.RunAsync(installation, ["custodian-a", "custodian-b", "custodian-c"], 2, data.Combine("shares"), unattended: true, Actor.System,
                CancellationToken.None);
        }

        // The service's own log at warning and above (a 500's stack trace stays): the fuzzer's report is the output.
        var app = await ServerHost.BuildAsync(new ServerOptions(data, baseUrl, () => Passphrase,
            Services: services => services.AddLogging(logging => logging.AddFilter("GmPki", LogLevel.Warning).AddFilter("Microsoft", LogLevel.Warning))), CancellationToken.None);
        await app.StartAsync();
        var reviewer = await app.Services.GetRequiredService<OperatorAccounts>().CreateAsync("reviewer", OperatorRole.Reviewer, Actor.System, CancellationToken.None);
        var keys = new Dictionary<string, string> { ["admin"] = init.AdministratorApiKey, ["registrar"] = init.RegistrarApiKey!, ["reviewer"] = reviewer };
        return new FuzzService(directory, app, baseUrl, keys);
    }

    /// <summary>Stops the service and deletes the installation.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}
