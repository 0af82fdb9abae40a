using System.Net;

namespace GmPki.Hosting.Configuration;

/// <summary>Section <c>Server</c>: how the HTTP server authenticates at the transport level.</summary>
public sealed class ServerSettings
{
    /// <summary>HTTPS for <c>https://</c> listen URLs.</summary>
    public HttpsSettings Https { get; set; } = new();

    /// <summary>Operator authentication by TLS client certificate.</summary>
    public ClientCertificateSettings ClientCertificates { get; set; } = new();

    /// <summary>Problems with these settings (GMPKI-SRV-001 … 003), paths resolved in <paramref name="data"/>.</summary>
    public IEnumerable<string> Validate(DataDirectory data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (Https.CertificateFile is not null || Https.KeyFile is not null)
        {
            foreach (var (name, path) in new[] { ("CertificateFile", Https.CertificateFile), ("KeyFile", Https.KeyFile) })
            {
                if (path is null || !File.Exists(data.Combine(path)))
                {
                    yield return $"GMPKI-SRV-001: Server:Https:{name} '{path}' does not exist (both CertificateFile and KeyFile, PEM, are needed).";
                }
            }
        }

        foreach (var proxy in ClientCertificates.TrustedProxies.Where(p => !IPAddress.TryParse(p, out _)))
        {
            yield return $"GMPKI-SRV-002: Server:ClientCertificates:TrustedProxies entry '{proxy}' is not an IP address.";
        }

        if (ClientCertificates.TrustedProxies.Count > 0 && string.IsNullOrWhiteSpace(ClientCertificates.ForwardedHeader))
        {
            yield return "GMPKI-SRV-003: Server:ClientCertificates:TrustedProxies is set but ForwardedHeader is empty.";
        }
    }
}

/// <summary>Section <c>Server:Https</c>: the server's TLS certificate (ECDSA or RSA; .NET's TLS stack does not offer SM2/TLCP).</summary>
public sealed class HttpsSettings
{
    /// <summary>PEM certificate (chain) file, relative to the data directory or absolute; null for no HTTPS.</summary>
    public string? CertificateFile { get; set; }

    /// <summary>PEM private key file of <see cref="CertificateFile"/>.</summary>
    public string? KeyFile { get; set; }
}

/// <summary>
/// Section <c>Server:ClientCertificates</c>. Operators bound to a certificate
/// (<c>gmpki operator add --client-certificate</c>) may authenticate with it instead of an API
/// key: directly to an HTTPS endpoint (ECDSA or RSA certificates), or — for SM2 certificates on
/// TLCP (GM/T 0024), which a TLCP-capable proxy terminates — forwarded by a trusted proxy in a header.
/// </summary>
public sealed class ClientCertificateSettings
{
    /// <summary>Header carrying the client certificate from the proxy: URL-encoded PEM (nginx <c>$ssl_client_escaped_cert</c>) or base64 DER.</summary>
    public string ForwardedHeader { get; set; } = "X-Client-Cert";

    /// <summary>IP addresses of the proxies whose header is believed; empty (the default) ignores the header from everyone.</summary>
    public List<string> TrustedProxies { get; set; } = [];
}
