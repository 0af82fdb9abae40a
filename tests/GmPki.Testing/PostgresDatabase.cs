using Npgsql;

namespace GmPki.Testing;

/// <summary>A uniquely named, initially empty database on a <see cref="PostgresServer"/>; dropped on dispose.</summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private readonly string adminConnectionString;

    internal PostgresDatabase(string adminConnectionString, string name)
    {
        this.adminConnectionString = adminConnectionString;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>The database name, <c>gmpki_{purpose}_{random}</c>.</summary>
    public string Name { get; }

    /// <summary>Npgsql connection string of this database, with the server's credentials.</summary>
    public string ConnectionString { get; }

    /// <summary>Closes pooled connections and drops the database (<c>WITH (FORCE)</c>, PostgreSQL 13+).</summary>
    public async ValueTask DisposeAsync()
    {
        await using (var pooled = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await using var admin = new NpgsqlConnection(adminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
