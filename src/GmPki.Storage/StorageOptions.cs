namespace GmPki.Storage;

/// <summary>
/// Where the ledger lives. Bound from the configuration section <c>Database</c>
/// (<c>Database:Provider</c>, <c>Database:ConnectionString</c>); see <c>docs/storage.md</c>.
/// </summary>
/// <param name="Provider"><see cref="SqliteProvider"/> (the default of the hosts) or
/// <see cref="PostgreSqlProvider"/>; compared case-insensitively.</param>
/// <param name="ConnectionString">An ADO.NET connection string for the provider, for example
/// <c>Data Source=gmpki-data/ledger.db</c> or <c>Host=db;Database=gmpki;Username=gmpki</c>.</param>
public sealed record StorageOptions(string Provider, string ConnectionString)
{
    /// <summary>
    /// Whether issued certificates and stored CRLs are queued in the directory outbox, in the
    /// same write, for LDAP publication (set by the host when <c>Directory:Ldap</c> is configured;
    /// <c>docs/status-services.md</c>, "LDAP publication"). Off by default, so the outbox does not
    /// grow without a directory to drain it.
    /// </summary>
    public bool DirectoryOutbox { get; init; }

    /// <summary>Provider name of SQLite (a single file, WAL mode).</summary>
    public const string SqliteProvider = "sqlite";

    /// <summary>Provider name of PostgreSQL.</summary>
    public const string PostgreSqlProvider = "postgresql";
}
