using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using GmPki.Verification.Encoding;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace GmPki.Server.Http;

/// <summary>
/// Wires TLS client certificates into Kestrel and the pipeline (<see cref="ClientCertificateSettings"/>):
/// HTTPS endpoints ask for (but do not require) a client certificate and accept any — the
/// binding to an operator account is the check; a trusted proxy's forwarded certificate header
/// becomes the connection's client certificate (ASP.NET Core certificate forwarding) only for
/// requests from the listed proxy addresses.
/// </summary>
internal static class ClientCertificates
{
    /// <summary>Configures HTTPS defaults when a server certificate is configured.</summary>
    /// <exception cref="CryptographicException">The PEM files cannot be read as a certificate and key.</exception>
    public static void ConfigureHttps(HttpsConnectionAdapterOptions https, HttpsSettings settings, DataDirectory data)
    {
        if (settings.CertificateFile is null || settings.KeyFile is null)
        {
            return;
        }

        https.ServerCertificate = X509Certificate2.CreateFromPemFile(data.Combine(settings.CertificateFile), data.Combine(settings.KeyFile));
        https.ClientCertificateMode = Microsoft.AspNetCore.Server.Kestrel.Https.ClientCertificateMode.AllowCertificate;
        https.AllowAnyClientCertificate();
    }

    /// <summary>Registers certificate forwarding from <see cref="ClientCertificateSettings.ForwardedHeader"/>.</summary>
    public static void AddForwarding(IServiceCollection services, ClientCertificateSettings settings)
        => services.AddCertificateForwarding(forwarding =>
        {
            forwarding.CertificateHeader = settings.ForwardedHeader;
            forwarding.HeaderConverter = value => Parse(value)!; // the middleware treats null as "no certificate"
        });

    /// <summary>Applies certificate forwarding to requests from the trusted proxies only.</summary>
    public static void UseForwarding(IApplicationBuilder app, ClientCertificateSettings settings)
    {
        var trusted = settings.TrustedProxies.Select(IPAddress.Parse).ToHashSet();
        if (trusted.Count > 0)
        {
            app.UseWhen(context => context.Connection.RemoteIpAddress is { } peer && trusted.Contains(peer.IsIPv4MappedToIPv6 ? peer.MapToIPv4() : peer),
                branch => branch.UseCertificateForwarding());
        }
    }

    /// <summary>The forwarded header's certificate: URL-encoded PEM or base64 DER; null when neither.</summary>
    private static X509Certificate2? Parse(string value)
    {
        try
        {
            return X509CertificateLoader.LoadCertificate(PkixEncoding.Decode(Uri.UnescapeDataString(value), PkixEncoding.Certificate)[0]);
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }
    }
}
