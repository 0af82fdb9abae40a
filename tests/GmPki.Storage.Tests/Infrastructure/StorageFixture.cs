using GmPki.Core.Keys;
using GmPki.Cryptography.Keys;
using GmPki.Storage.Context;
using GmPki.Storage.Tests.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GmPki.Storage.Tests.Infrastructure;

/// <summary>
/// One migrated ledger database per test class, on one provider. Tests empty it first
/// (<see cref="ResetAsync"/>) instead of creating a database each. When the provider's server is
/// not available, <see cref="SkipReason"/> says why and the tests skip.
/// </summary>
public abstract class StorageFixture : IAsyncLifetime
{
    private readonly List<Func<ValueTask>> cleanup = [];
    private ServiceProvider? services;

    /// <summary>The personal data key of the fixture's ledgers.</summary>
    public static readonly byte[] DataKey = System.Security.Cryptography.RandomNumberGenerator.GetBytes(16);

    /// <summary>Why the provider cannot be tested here, or null.</summary>
    public string? SkipReason { get; protected set; }

    /// <summary>Where the fixture's ledger is (null when the provider is unavailable).</summary>
    public StorageOptions? Options { get; private set; }

    /// <summary>The migrated ledger's services.</summary>
    public IServiceProvider Services => services ?? throw new InvalidOperationException($"No database: {SkipReason}");

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public async Task InitializeAsync()
    {
        if (await CreateDatabaseAsync(GetType().Name) is not { } options)
        {
            return;
        }

        Options = options;
        services = BuildServices(options);
        await GmPkiStorage.MigrateAsync(services, CancellationToken.None);
    }

    /// <summary>A new empty database (not migrated), deleted with the fixture; null when the provider is unavailable.</summary>
    public abstract Task<StorageOptions?> CreateDatabaseAsync(string purpose);

    /// <summary>Reads the schema of the database at <paramref name="options"/>.</summary>
    public abstract Task<DatabaseSchema> ReadSchemaAsync(StorageOptions options);

    /// <summary>Deletes every row of the ledger.</summary>
    public abstract Task ResetAsync();

    /// <summary>Services for another database, disposed with the fixture.</summary>
    public ServiceProvider BuildServices(StorageOptions options)
    {
        var provider = new ServiceCollection()
            .AddSingleton<IPersonalDataProtector>(new Sm4GcmDataProtector(() => DataKey))
            .AddGmPkiStorage(options)
            .BuildServiceProvider();
        cleanup.Add(provider.DisposeAsync);
        return provider;
    }

    public async Task DisposeAsync()
    {
        cleanup.Reverse();
        foreach (var step in cleanup)
        {
            await step();
        }
    }

    internal static LedgerContext CreateContext(IServiceProvider provider) =>
        provider.GetRequiredService<IDbContextFactory<LedgerContext>>().CreateDbContext();

    internal LedgerContext CreateContext() => CreateContext(Services);

    /// <summary>Runs <paramref name="step"/> when the fixture is disposed, after the steps registered later.</summary>
    protected void DisposeLater(Func<ValueTask> step) => cleanup.Add(step);
}
