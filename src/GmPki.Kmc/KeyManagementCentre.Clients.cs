using System.Text.RegularExpressions;
using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using Microsoft.EntityFrameworkCore;

namespace GmPki.Kmc;

/// <summary>
/// KMC administration for a remote transport: binding a CA to the TLS client certificate it
/// authenticates with (docs/kmc.md "Remote KMC"), and finding the CA a certificate is bound to.
/// </summary>
public sealed partial class KeyManagementCentre
{
    /// <summary>
    /// Binds a registered CA to a TLS client certificate, replacing an earlier binding; audited
    /// <c>kmc.ca.client-bound</c>. One certificate authenticates one CA.
    /// </summary>
    /// <param name="caId">A CA registered with <c>RegisterCaAsync</c>.</param>
    /// <param name="certificateSha256">Lowercase hex SHA-256 of the certificate's DER (64 digits).</param>
    /// <param name="actor">The KMC administrator.</param>
    /// <param name="cancellationToken">Cancels the binding.</param>
    /// <exception cref="GmPkiException"><c>kmc-request-invalid</c> for a malformed hash; <c>kmc-ca-unknown</c>;
    /// <c>kmc-ca-exists</c> when the certificate is bound to another CA.</exception>
    public async Task BindClientCertificateAsync(string caId, string certificateSha256, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var target = "kmc-ca:" + caId;
        await GuardAsync(actor, "bind-client-certificate", target, async () =>
        {
            KmcRequests.RequireId(caId, "caId");
            await using var context = _database.CreateContext();
            await RequireUnboundAsync(context, certificateSha256, caId, cancellationToken);
            var authority = await context.Authorities.SingleOrDefaultAsync(a => a.CaId == caId, cancellationToken)
                ?? throw KmcErrors.CaUnknown.With($"CA '{caId}' is not registered with this KMC.");
            authority.ClientCertificateSha256 = certificateSha256;
            await context.SaveChangesAsync(cancellationToken);
            await _audit.WriteAsync(actor, "kmc.ca.client-bound", target, "success", new { clientCertificateSha256 = certificateSha256 }, cancellationToken);
            return true;
        }, cancellationToken);
    }

    /// <summary>
    /// Authenticates a remote CA: the request naming <paramref name="caId"/> came over a channel
    /// authenticated with the client certificate of SHA-256 <paramref name="certificateSha256"/>.
    /// Refusals are audited (<c>kmc.request-rejected</c>, operation <c>authenticate</c>).
    /// </summary>
    /// <exception cref="GmPkiException"><c>kmc-ca-unknown</c> (403) when the certificate is bound to no CA or to another CA than <paramref name="caId"/>.</exception>
    public async Task AuthenticateCaAsync(string certificateSha256, string? caId, CancellationToken cancellationToken)
    {
        await GuardAsync(KmcRequests.CaActor(caId, null), "authenticate", "kmc-ca:" + caId, async () =>
        {
            await using var context = _database.CreateContext();
            var bound = await CaBoundToAsync(context, certificateSha256, cancellationToken);
            return bound is null ? throw KmcErrors.CaUnknown.With($"client certificate (SHA-256 {certificateSha256}) is not bound to a CA at this KMC.")
                : bound != caId ? throw KmcErrors.CaUnknown.With($"client certificate (SHA-256 {certificateSha256}) is bound to CA '{bound}', not to '{caId}'.")
                : true;
        }, cancellationToken);
    }

    /// <exception cref="GmPkiException"><c>kmc-request-invalid</c> for a malformed hash; <c>kmc-ca-exists</c> when another CA than <paramref name="caId"/> has the certificate.</exception>
    private static async Task RequireUnboundAsync(Storage.KmcContext context, string certificateSha256, string caId, CancellationToken cancellationToken)
    {
        if (certificateSha256 is null || !Sha256Hex().IsMatch(certificateSha256))
        {
            throw KmcErrors.RequestInvalid.With("the client certificate's SHA-256 must be 64 lowercase hex digits.");
        }

        var holder = await CaBoundToAsync(context, certificateSha256, cancellationToken);
        if (holder is not null && holder != caId)
        {
            throw KmcErrors.CaExists.With($"the client certificate is already bound to CA '{holder}'.");
        }
    }

    /// <summary>The CA bound to the client certificate of SHA-256 <paramref name="certificateSha256"/>, or null.</summary>
    private static Task<string?> CaBoundToAsync(Storage.KmcContext context, string certificateSha256, CancellationToken cancellationToken) =>
        context.Authorities.AsNoTracking().Where(a => a.ClientCertificateSha256 == certificateSha256).Select(a => (string?)a.CaId).SingleOrDefaultAsync(cancellationToken);

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Hex();
}
