using GmPki.Hosting.Configuration;
namespace GmPki.Hosting.Kmc;

/// <summary>A remote KMC's validated settings (<c>Kmc:Url</c> and its companions, <see cref="KmcSettings"/>).</summary>
/// <param name="Url">The KMC host's HTTPS base URL; requests go to <c>{Url}/kmc/v1/…</c>.</param>
/// <param name="ClientCertificate">Absolute path of this CA's PEM TLS client certificate, bound to <see cref="KmcOptions.CaId"/> at the KMC.</param>
/// <param name="ClientKey">Absolute path of its PEM private key.</param>
/// <param name="TrustedCertificate">Absolute path of the PEM certificate(s) the KMC's TLS server certificate must chain to (the server certificate itself, or its CA).</param>
/// <param name="Timeout">How long one request may take before the KMC counts as unreachable.</param>
public sealed record RemoteKmcOptions(Uri Url, string ClientCertificate, string ClientKey, string TrustedCertificate, TimeSpan Timeout);
