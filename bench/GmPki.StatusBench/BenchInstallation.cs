using GmPki.Core.Keys;
using GmPki.Core.Ledger;
using GmPki.Hosting;
using GmPki.Issuance.Authorities;
using GmPki.Server.Http;
using GmPki.Testing;
using Microsoft.AspNetCore.Builder;

namespace GmPki.StatusBench;

/// <summary>A fresh SM2 installation in a temporary directory and its server on a loopback port.</summary>
internal sealed class BenchInstallation : IAsyncDisposable
{
    public const string Passphrase = "status bench passphrase 0123";

    private readonly TempDirectory _work;

    private BenchInstallation(TempDirectory work, WebApplication app, string baseUrl)
    {
        _work = work;
        App = app;
        BaseUrl = baseUrl;
    }

    public WebApplication App { get; }

    public string BaseUrl { get; }

    public IServiceProvider Services => App.Services;

    public static async Task<BenchInstallation> StartAsync()
    {
        var work = new TempDirectory("gmpki-status-bench-");
        var baseUrl = $"http://127.0.0.1:{LoopbackPort.Free()}";
        var data = DataDirectory.At(Path.Combine(work.Path, "data"));
        await Initializer.InitializeAsync(data, new InitOptions(new HierarchyOptions(KeyAlgorithm.Sm2, "Bench CA", "CN", "Bench Root", "Bench Issuing"), baseUrl),
            Passphrase, Actor.System, TimeProvider.System, CancellationToken.None);
        var app = await ServerHost.BuildAsync(new ServerOptions(data, baseUrl, () => Passphrase), CancellationToken.None);
        await app.StartAsync();
        return new BenchInstallation(work, app, baseUrl);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _work.Dispose();
    }
}
