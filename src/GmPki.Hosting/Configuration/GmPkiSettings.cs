using GmPki.Enrollment.Acme;
using GmPki.Issuance.Profiles;

namespace GmPki.Hosting.Configuration;

/// <summary>
/// The configuration of an installation, bound from <c>gmpki.json</c> in the data directory and
/// from environment variables prefixed <c>GMPKI_</c> (<c>GMPKI_Database__Provider=postgresql</c>).
/// Reference: <c>docs/configuration.md</c>.
/// </summary>
public sealed class GmPkiSettings
{
    /// <summary>Ledger database.</summary>
    public DatabaseSettings Database { get; set; } = new();

    /// <summary>URLs written into certificates.</summary>
    public PublicUrlSettings PublicUrls { get; set; } = new();

    /// <summary>Issuance cycle settings.</summary>
    public IssuanceCycleSettings Issuance { get; set; } = new();

    /// <summary>Audit chain checkpoints.</summary>
    public AuditSettings Audit { get; set; } = new();

    /// <summary>HTTPS and client-certificate authentication.</summary>
    public ServerSettings Server { get; set; } = new();

    /// <summary>Registration authority switches.</summary>
    public RegistrationSettings Registration { get; set; } = new();

    /// <summary>The timestamp authority (RFC 3161).</summary>
    public TimestampingSettings Timestamping { get; set; } = new();

    /// <summary>CRL and OCSP schedules.</summary>
    public StatusSettings Status { get; set; } = new();

    /// <summary>Publication to directories (LDAP).</summary>
    public DirectorySettings Directory { get; set; } = new();

    /// <summary>Section <c>Kmc</c>: the embedded key management centre.</summary>
    public KmcSettings Kmc { get; set; } = new();

    /// <summary>The ACME server's challenge validation (docs/protocols.md).</summary>
    public AcmeSettings Acme { get; set; } = new();

    /// <summary>Certificate profiles by name.</summary>
    public Dictionary<string, ProfileOptions> Profiles { get; set; } = [];
}

/// <summary>Section <c>Database</c>.</summary>
public sealed class DatabaseSettings
{
    /// <summary><c>sqlite</c> (default) or <c>postgresql</c>.</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>ADO.NET connection string; a relative SQLite <c>Data Source</c> is resolved inside the data directory.</summary>
    public string ConnectionString { get; set; } = "Data Source=gmpki.db";
}

/// <summary>Section <c>PublicUrls</c>.</summary>
public sealed class PublicUrlSettings
{
    /// <summary>Public base URL of the CA's HTTP services, without a trailing slash.</summary>
    public string BaseUrl { get; set; } = "http://127.0.0.1:8080";

    /// <summary>CRL shards per issuing CA (1–256).</summary>
    public int CrlShards { get; set; } = 4;
}

/// <summary>Section <c>Issuance</c>.</summary>
public sealed class IssuanceCycleSettings
{
    /// <summary>Minutes notBefore is set before the moment of issuance (0–60).</summary>
    public int BackdateMinutes { get; set; } = 5;
}
