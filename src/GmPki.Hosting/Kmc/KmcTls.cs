using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace GmPki.Hosting.Kmc;

/// <summary>
/// The CA's side of the mutually authenticated TLS channel to a remote KMC: presents the CA's
/// client certificate and accepts only a server certificate that chains to the configured trusted
/// certificate (no system roots) and names the URL's host.
/// </summary>
internal static class KmcTls
{
    /// <summary>A handler for <paramref name="options"/>.</summary>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The PEM files cannot be read; <see cref="ArgumentException"/> when the key is not the certificate's (the configuration check GMPKI-KMC-003 reports both at start).</exception>
    public static SocketsHttpHandler Handler(RemoteKmcOptions options)
    {
        var client = X509Certificate2.CreateFromPemFile(options.ClientCertificate, options.ClientKey);
        var trusted = new X509Certificate2Collection();
        trusted.ImportFromPemFile(options.TrustedCertificate);
        return new SocketsHttpHandler
        {
            ConnectTimeout = options.Timeout,
            SslOptions = new SslClientAuthenticationOptions
            {
                LocalCertificateSelectionCallback = (_, _, _, _, _) => client,
                RemoteCertificateValidationCallback = (_, certificate, _, errors) => IsTrusted(certificate, errors, trusted),
            },
        };
    }

    /// <summary>Whether the server certificate names the host and chains to one of <paramref name="trusted"/>.</summary>
    private static bool IsTrusted(X509Certificate? presented, SslPolicyErrors errors, X509Certificate2Collection trusted)
    {
        if (presented is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }

        using var leaf = X509CertificateLoader.LoadCertificate(presented.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(trusted);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(leaf);
    }
}
