using GmPki.Testing;

namespace GmPki.Kmc.Tests.Infrastructure;

/// <summary>Hands out fresh, unmigrated KMC databases of one provider.</summary>
public abstract class KmcDatabaseFixture : IAsyncDisposable
{
    private readonly List<Func<ValueTask>> _cleanups = [];

    /// <summary>Why the provider is unavailable (a skip message), or null.</summary>
    public string? SkipReason { get; protected set; }

    /// <summary>A fresh empty database, or null when the provider is unavailable.</summary>
    public abstract Task<(string Provider, string ConnectionString)?> CreateAsync(string purpose);

    protected void DisposeLater(Func<ValueTask> cleanup) => _cleanups.Add(cleanup);

    public async ValueTask DisposeAsync()
    {
        foreach (var cleanup in _cleanups)
        {
            await cleanup();
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>SQLite files in a temporary directory.</summary>
public sealed class SqliteKmcFixture : KmcDatabaseFixture
{
    private readonly TempDirectory _directory = new("gmpki-kmc-");

    public SqliteKmcFixture() => DisposeLater(() =>
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
        return ValueTask.CompletedTask;
    });

    public override Task<(string Provider, string ConnectionString)?> CreateAsync(string purpose) =>
        Task.FromResult<(string, string)?>((KmcDatabase.SqliteProvider, $"Data Source={_directory.File($"{purpose}-{Guid.NewGuid():N}.db")}"));
}

/// <summary>Databases on the collection's PostgreSQL server (a throwaway cluster from GmPki.Testing).</summary>
public sealed class PostgresKmcFixture(PostgresServer server) : KmcDatabaseFixture
{
    public override async Task<(string Provider, string ConnectionString)?> CreateAsync(string purpose)
    {
        if (!server.IsAvailable)
        {
            SkipReason = server.UnavailableReason;
            return null;
        }

        var database = await server.CreateDatabaseAsync("kmc_" + purpose);
        DisposeLater(database.DisposeAsync);
        return (KmcDatabase.PostgreSqlProvider, database.ConnectionString);
    }
}

[CollectionDefinition(Name)]
public sealed class KmcPostgresDefinition : ICollectionFixture<PostgresServer>
{
    public const string Name = "kmc-postgres";
}
