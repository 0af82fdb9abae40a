using System.Text.Encodings.Web;
using System.Text.Json;
using GmPki.Compliance.Checkpoints;
using GmPki.Core.Errors;
using GmPki.Core.Profiles;
using GmPki.Hosting.Kmc;
using GmPki.Issuance;
using GmPki.Issuance.Authorities;
using GmPki.Issuance.Profiles;
using GmPki.Registration.Agencies;
using GmPki.Registration.Retention;
using GmPki.Status;
using GmPki.Status.Ldap;
using GmPki.Storage;
using GmPki.Timestamping;
using Microsoft.Data.Sqlite;

namespace GmPki.Hosting.Configuration;

/// <summary>
/// Reads, validates and writes an installation's configuration. Validation reports every
/// problem at once with numbered IDs (<c>GMPKI-CONFIG-nnn</c>, <c>GMPKI-URL-nnn</c>,
/// <c>GMPKI-AUDIT-nnn</c>, <c>GMPKI-KMC-nnn</c>, <c>GMPKI-TSA-nnn</c>, <c>GMPKI-STATUS-nnn</c>, <c>GMPKI-LDAP-nnn</c>, <c>GMPKI-PROFILE-nnn</c>; see <c>docs/configuration.md</c>).
/// </summary>
public static class InstallationConfiguration
{
    /// <summary>Prefix of environment variables that override <c>gmpki.json</c>.</summary>
    public const string EnvironmentPrefix = "GMPKI_";

    private static readonly JsonSerializerOptions WriteOptions = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Loads <c>gmpki.json</c> plus environment overrides.</summary>
    /// <exception cref="ConfigurationException">The file is missing or cannot be read (GMPKI-CONFIG-000).</exception>
    public static GmPkiSettings Load(DataDirectory data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!data.IsInitialized)
        {
            throw new ConfigurationException([$"GMPKI-CONFIG-000: {data.ConfigurationFile} does not exist; run 'gmpki init --data {data.Path}' first."]);
        }

        try
        {
            return new ConfigurationBuilder()
                .AddJsonFile(data.ConfigurationFile, optional: false, reloadOnChange: false)
                .AddEnvironmentVariables(EnvironmentPrefix)
                .Build()
                .Get<GmPkiSettings>() ?? new GmPkiSettings();
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or InvalidDataException or JsonException)
        {
            throw new ConfigurationException([$"GMPKI-CONFIG-000: {data.ConfigurationFile} cannot be read: {e.Message}"]);
        }
    }

    /// <summary>The validated, immutable parts of the configuration the services need.</summary>
    /// <param name="Storage">Database provider and absolute connection string.</param>
    /// <param name="Issuance">URLs and backdating.</param>
    /// <param name="Profiles">Profiles by name.</param>
    /// <param name="Audit">When audit checkpoints are due.</param>
    /// <param name="Delegation">Whether registration may be delegated to agencies.</param>
    /// <param name="Retention">How long registration records are kept.</param>
    /// <param name="Timestamping">The TSA's policy OID, accuracy and ordering.</param>
    /// <param name="Status">When CRLs and OCSP responses are published.</param>
    /// <param name="Ldap">LDAP publication, or null when off (then <see cref="StorageOptions.DirectoryOutbox"/> is off too).</param>
    /// <param name="Kmc">Where the embedded KMC keeps its tables, its share files, and the remote KMC this CA uses instead, if any.</param>
    public sealed record Validated(StorageOptions Storage, IssuanceSettings Issuance, IReadOnlyDictionary<string, CertificateProfile> Profiles, CheckpointPolicy Audit,
        DelegationPolicy Delegation, RetentionPolicy Retention, TimestampPolicy Timestamping, StatusPolicy Status, LdapPublication? Ldap, KmcOptions Kmc);

    /// <summary>Validates <paramref name="settings"/>.</summary>
    /// <exception cref="ConfigurationException">Lists every problem found.</exception>
    public static Validated Validate(GmPkiSettings settings, DataDirectory data)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(data);
        var problems = new List<string>();
        var provider = settings.Database.Provider?.ToLowerInvariant();
        if (provider is not (StorageOptions.SqliteProvider or StorageOptions.PostgreSqlProvider))
        {
            problems.Add($"GMPKI-CONFIG-001: Database:Provider '{settings.Database.Provider}' must be sqlite or postgresql.");
        }

        if (string.IsNullOrWhiteSpace(settings.Database.ConnectionString))
        {
            problems.Add("GMPKI-CONFIG-002: Database:ConnectionString is empty.");
        }

        if (settings.Issuance.BackdateMinutes is < 0 or > 60)
        {
            problems.Add($"GMPKI-CONFIG-003: Issuance:BackdateMinutes {settings.Issuance.BackdateMinutes} must be between 0 and 60.");
        }

        var audit = settings.Audit;
        if (audit.CheckpointEvents is < AuditSettings.MinEvents or > AuditSettings.MaxEvents)
        {
            problems.Add($"GMPKI-AUDIT-001: Audit:CheckpointEvents {audit.CheckpointEvents} must be between {AuditSettings.MinEvents} and {AuditSettings.MaxEvents}.");
        }

        if (audit.CheckpointMinutes is < AuditSettings.MinMinutes or > AuditSettings.MaxMinutes)
        {
            problems.Add($"GMPKI-AUDIT-002: Audit:CheckpointMinutes {audit.CheckpointMinutes} must be between {AuditSettings.MinMinutes} and {AuditSettings.MaxMinutes}.");
        }

        var registration = settings.Registration;
        if (registration.RetentionYears is < RetentionPolicy.MinimumYears or > 100)
        {
            problems.Add($"GMPKI-REG-001: Registration:RetentionYears {registration.RetentionYears} must be between {RetentionPolicy.MinimumYears} (M09 §24) and 100.");
        }

        if (registration.GovernmentRetentionYears is < RetentionPolicy.MinimumGovernmentYears or > 100)
        {
            problems.Add($"GMPKI-REG-002: Registration:GovernmentRetentionYears {registration.GovernmentRetentionYears} must be between {RetentionPolicy.MinimumGovernmentYears} (M09 §24) and 100.");
        }

        problems.AddRange(settings.Server.Validate(data));
        problems.AddRange(settings.Kmc.Validate(data));

        var (timestamping, timestampingProblems) = settings.Timestamping.Validate();
        problems.AddRange(timestampingProblems);
        var urls = new PublicationUrls(settings.PublicUrls.BaseUrl, settings.PublicUrls.CrlShards);
        problems.AddRange(urls.Validate());
        problems.AddRange(settings.Status.Validate());
        var (ldap, ldapProblems) = settings.Directory.Ldap.Validate(data);
        problems.AddRange(ldapProblems);
        IReadOnlyDictionary<string, CertificateProfile>? profiles = null;
        try
        {
            profiles = ProfileLoader.Load(settings.Profiles);
        }
        catch (ConfigurationException e)
        {
            problems.AddRange(e.Problems);
        }

        if (problems.Count > 0)
        {
            throw new ConfigurationException(problems);
        }

        var connection = provider == StorageOptions.SqliteProvider ? ResolveSqlite(settings.Database.ConnectionString, data) : settings.Database.ConnectionString;
        return new Validated(
            new StorageOptions(provider!, connection) { DirectoryOutbox = ldap is not null },
            new IssuanceSettings(urls, TimeSpan.FromMinutes(settings.Issuance.BackdateMinutes)),
            profiles!,
            new CheckpointPolicy(audit.CheckpointEvents, TimeSpan.FromMinutes(audit.CheckpointMinutes)),
            new DelegationPolicy(registration.DelegationEnabled),
            new RetentionPolicy(registration.RetentionYears, registration.GovernmentRetentionYears) { GovernmentProfiles = registration.GovernmentProfiles.ToHashSet(StringComparer.Ordinal) },
            timestamping!,
            settings.Status.ToPolicy(),
            ldap,
            new KmcOptions(
                provider!,
                provider == StorageOptions.SqliteProvider ? ResolveSqlite("Data Source=kmc.db", data) : connection,
                settings.Kmc.CaId,
                [.. settings.Kmc.ShareFiles.Select(data.Combine)],
                settings.Kmc.ToRemote(data)));
    }

    /// <summary>Changes <c>gmpki.json</c> in place (keeping what <paramref name="change"/> does not touch).</summary>
    /// <param name="data">An initialised data directory.</param>
    /// <param name="change">Edits the parsed JSON object.</param>
    public static void Update(DataDirectory data, Action<System.Text.Json.Nodes.JsonObject> change)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(change);
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(data.ConfigurationFile))!.AsObject();
        change(json);
        File.WriteAllText(data.ConfigurationFile, json.ToJsonString(WriteOptions) + "\n");
    }

    /// <summary>Writes a new <c>gmpki.json</c> with the given database and base URL and the default profiles.</summary>
    /// <param name="data">Data directory (created when missing).</param>
    /// <param name="baseUrl">Public base URL, without a trailing slash.</param>
    /// <param name="database">Ledger database settings.</param>
    /// <returns>The settings written.</returns>
    public static GmPkiSettings WriteDefault(DataDirectory data, string baseUrl, DatabaseSettings database)
    {
        ArgumentNullException.ThrowIfNull(data);
        var profiles = ProfileLoader.DefaultOptions();
        foreach (var profile in profiles.Values)
        {
            profile.CpsUri = baseUrl + "/cps";
        }

        var settings = new GmPkiSettings { Database = database, PublicUrls = new PublicUrlSettings { BaseUrl = baseUrl }, Profiles = profiles };
        Directory.CreateDirectory(data.Path);
        File.WriteAllText(data.ConfigurationFile, JsonSerializer.Serialize(settings, WriteOptions) + "\n");
        return settings;
    }

    private static string ResolveSqlite(string connectionString, DataDirectory data)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (!Path.IsPathRooted(builder.DataSource) && builder.DataSource != ":memory:")
        {
            builder.DataSource = data.Combine(builder.DataSource);
        }

        return builder.ConnectionString;
    }
}
