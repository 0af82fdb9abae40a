using System.Text;
using Npgsql;

namespace GmPki.Testing;

/// <summary>
/// A real PostgreSQL server for tests; meant as an xunit collection fixture, so that one server
/// serves all the test classes of a collection and is stopped when they are done. When the
/// environment variable <see cref="EnvironmentVariable"/> holds a connection string (of a role
/// allowed to create databases), that server is used. Otherwise a throwaway cluster is created
/// from the local <c>initdb</c>/<c>pg_ctl</c> (on <c>PATH</c>, else in
/// <c>/usr/lib/postgresql/*/bin</c>), and stopped and deleted on <see cref="Dispose"/>. When
/// neither is possible the server is unavailable and <see cref="UnavailableReason"/> says why,
/// for a visible skip.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    /// <summary>Name of the environment variable with the connection string of an existing server.</summary>
    public const string EnvironmentVariable = "GMPKI_TEST_POSTGRES";

    private readonly string? adminConnectionString;
    private readonly PostgresCluster? cluster;

    /// <summary>Finds or starts the server (a throwaway cluster takes a few seconds).</summary>
    /// <exception cref="InvalidOperationException">PostgreSQL is installed but did not start (the message has its log).</exception>
    public PostgresServer()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } external)
        {
            adminConnectionString = external;
        }
        else if (PostgresBinaries.Locate() is not { } binaries)
        {
            UnavailableReason = "PostgreSQL not installed: no initdb/pg_ctl on PATH or in /usr/lib/postgresql/*/bin "
                + $"(apt-get install postgresql, or set {EnvironmentVariable} to a connection string)";
        }
        else if (PostgresCluster.CannotRunReason() is { } reason)
        {
            UnavailableReason = $"PostgreSQL cannot be started: {reason}";
        }
        else
        {
            cluster = PostgresCluster.Start(binaries);
            adminConnectionString = new NpgsqlConnectionStringBuilder
            {
                Host = "127.0.0.1",
                Port = cluster.Port,
                Username = "postgres",
                Database = "postgres",
            }.ConnectionString;
        }
    }

    /// <summary>False when no server could be found or started; see <see cref="UnavailableReason"/>.</summary>
    public bool IsAvailable => adminConnectionString is not null;

    /// <summary>Why there is no server (a skip message), or null when there is one.</summary>
    public string? UnavailableReason { get; }

    /// <summary>Creates an empty database named <c>gmpki_{purpose}_{random}</c>.</summary>
    /// <param name="purpose">A few words on what it is for (the test class); reduced to <c>[a-z0-9_]</c>.</param>
    /// <param name="cancellationToken">Cancels the creation.</param>
    /// <exception cref="InvalidOperationException">The server is not available.</exception>
    public async Task<PostgresDatabase> CreateDatabaseAsync(string purpose, CancellationToken cancellationToken = default)
    {
        var admin = adminConnectionString
            ?? throw new InvalidOperationException($"PostgreSQL is not available: {UnavailableReason}");
        var name = DatabaseName(purpose);
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync(cancellationToken);
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync(cancellationToken);
        return new PostgresDatabase(admin, name);
    }

    /// <summary>Stops and deletes the throwaway cluster, if one was started; an external server is left alone.</summary>
    public void Dispose()
    {
        if (adminConnectionString is not null)
        {
            NpgsqlConnection.ClearAllPools();
        }

        cluster?.Dispose();
    }

    private static string DatabaseName(string purpose)
    {
        var name = new StringBuilder("gmpki_");
        foreach (var c in purpose.ToLowerInvariant())
        {
            name.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        }

        // PostgreSQL identifiers are at most 63 bytes: keep room for the random suffix.
        return name.ToString()[..Math.Min(name.Length, 50)] + "_" + Guid.NewGuid().ToString("N")[..12];
    }
}
