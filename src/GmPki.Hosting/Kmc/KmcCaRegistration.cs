using GmPki.Core.Keys;
using GmPki.Core.Ledger;
using GmPki.Registration.Operators;

namespace GmPki.Hosting.Kmc;

/// <summary>
/// Registers a further CA with this installation's KMC, bound to the TLS client certificate it
/// reaches the KMC with over <c>/kmc/v1</c> (<c>gmpki kmc register-ca</c>; docs/kmc.md "Remote KMC").
/// </summary>
public static class KmcCaRegistration
{
    /// <summary>Registers and binds in one write.</summary>
    /// <param name="installation">The opened installation hosting the KMC.</param>
    /// <param name="caId">The CA's ID (its <c>Kmc:CaId</c>), 1–128 characters.</param>
    /// <param name="name">The CA's name, for people.</param>
    /// <param name="algorithms">Encryption key algorithms the CA may ask for.</param>
    /// <param name="clientCertificateDer">The CA's TLS client certificate, DER.</param>
    /// <param name="actor">The KMC administrator.</param>
    /// <param name="cancellationToken">Cancels before the write.</param>
    /// <returns>The certificate's SHA-256 (lowercase hex) as bound.</returns>
    /// <exception cref="Core.Errors.GmPkiException"><c>request-invalid</c> (not a certificate), <c>kmc-request-invalid</c>, <c>kmc-ca-exists</c> (the CA, or a CA with this certificate).</exception>
    public static async Task<string> RunAsync(
        Installation installation, string caId, string name, IReadOnlyCollection<KeyAlgorithm> algorithms, byte[] clientCertificateDer, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(installation);
        var hash = OperatorAccounts.CertificateHash(clientCertificateDer);
        var kmc = installation.Get<EmbeddedKmc>();
        await kmc.OpenAsync(cancellationToken);
        await kmc.Centre.RegisterCaAsync(caId, name, algorithms, hash, actor, cancellationToken);
        return hash;
    }
}
