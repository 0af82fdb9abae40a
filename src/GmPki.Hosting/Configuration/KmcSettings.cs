using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using GmPki.Hosting.Kmc;

namespace GmPki.Hosting.Configuration;

/// <summary>
/// Section <c>Kmc</c>: the installation's key management centre (密钥管理中心, docs/kmc.md). The
/// embedded KMC keeps its tables in <c>kmc.db</c> of the data directory on SQLite, and in the
/// ledger's database (own tables, own migration history) on PostgreSQL; it is set up by
/// <c>gmpki kmc init</c>. With <see cref="Url"/> set, this CA uses a remote KMC instead
/// (docs/kmc.md "Remote KMC").
/// </summary>
public sealed class KmcSettings
{
    /// <summary>Largest <see cref="TimeoutSeconds"/>.</summary>
    public const int MaxTimeoutSeconds = 300;

    /// <summary>The ID this CA is registered under at the KMC (GM/T 0014 <c>caName</c>). Default <c>gmpki</c>.</summary>
    public string CaId { get; set; } = "gmpki";

    /// <summary>
    /// Files holding custodian shares (the share text on the first line), relative to the data
    /// directory or absolute, with which the KMC unseals itself when first needed. Empty (the
    /// default): custodians unseal it through <c>POST /api/v1/kmc/unseal</c>. Listing M shares here
    /// hands the master key to whoever reads those files: only for demonstrations and tests, or
    /// for share files on custodians' removable media mounted at start.
    /// </summary>
    public List<string> ShareFiles { get; set; } = [];

    /// <summary>HTTPS base URL of the host serving the remote KMC (<c>/kmc/v1</c>); null (the default) for the embedded KMC.</summary>
    public string? Url { get; set; }

    /// <summary>PEM TLS client certificate of this CA at the remote KMC (bound there with <c>gmpki kmc register-ca</c>), relative to the data directory or absolute.</summary>
    public string? ClientCertificate { get; set; }

    /// <summary>PEM private key of <see cref="ClientCertificate"/>.</summary>
    public string? ClientKey { get; set; }

    /// <summary>PEM certificate(s) the remote KMC's TLS server certificate must chain to: that certificate itself, or the CA that issued it.</summary>
    public string? TrustedCertificate { get; set; }

    /// <summary>Seconds one request to the remote KMC may take (connect included) before it counts as unreachable; 1–300, default 30.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Problems with the remote KMC settings (GMPKI-KMC-001 … 004); none when <see cref="Url"/> is not set.</summary>
    public IEnumerable<string> Validate(DataDirectory data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (Url is null)
        {
            yield break;
        }

        if (!Uri.TryCreate(Url, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps)
        {
            yield return $"GMPKI-KMC-001: Kmc:Url '{Url}' must be an absolute https:// URL.";
        }

        var missing = new[] { ("ClientCertificate", ClientCertificate), ("ClientKey", ClientKey), ("TrustedCertificate", TrustedCertificate) }
            .Where(f => f.Item2 is null || !File.Exists(data.Combine(f.Item2))).ToList();
        foreach (var (name, path) in missing)
        {
            yield return $"GMPKI-KMC-002: Kmc:{name} '{path}' does not exist (a remote KMC needs ClientCertificate, ClientKey and TrustedCertificate, PEM).";
        }

        if (missing.Count == 0 && Unreadable(data) is { } reason)
        {
            yield return $"GMPKI-KMC-003: Kmc:ClientCertificate, ClientKey or TrustedCertificate cannot be read: {reason}";
        }

        if (TimeoutSeconds is < 1 or > MaxTimeoutSeconds)
        {
            yield return $"GMPKI-KMC-004: Kmc:TimeoutSeconds {TimeoutSeconds} must be between 1 and {MaxTimeoutSeconds}.";
        }
    }

    /// <summary>The remote KMC's options, or null for the embedded KMC; call after <see cref="Validate"/> found nothing.</summary>
    public RemoteKmcOptions? ToRemote(DataDirectory data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Url is null ? null
            : new RemoteKmcOptions(new Uri(Url), data.Combine(ClientCertificate!), data.Combine(ClientKey!), data.Combine(TrustedCertificate!), TimeSpan.FromSeconds(TimeoutSeconds));
    }

    private string? Unreadable(DataDirectory data)
    {
        try
        {
            using var client = X509Certificate2.CreateFromPemFile(data.Combine(ClientCertificate!), data.Combine(ClientKey!));
            var trusted = new X509Certificate2Collection();
            trusted.ImportFromPemFile(data.Combine(TrustedCertificate!));
            return trusted.Count == 0 ? "TrustedCertificate holds no certificate." : null;
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            return e.Message; // ArgumentException: the key does not match the certificate
        }
    }
}
