using System.Text.Json;
using GmPki.Core.Keys;
using GmPki.Core.Ledger;
using GmPki.Cryptography.Sm;
using GmPki.Hosting.Configuration;
using GmPki.Status;
using GmPki.Status.Responders;
using Org.BouncyCastle.Asn1.X509;

namespace GmPki.Hosting.Keys;

/// <summary>
/// The delegated OCSP responder key of each CA (<c>docs/status-services.md</c>, "Responder
/// certificates"): same algorithm as the CA, SM2 ID <c>1234567812345678</c>, key store label
/// <c>ocsp-{ca}-{yyyyMMddHHmmss}</c>, certified by the CA through the ledger; its key reference and
/// certificate are kept in <c>ocsp-responders/{ca}.json</c> of the data directory. Created at
/// start-up when missing, and replaced by a new key and certificate when a third or less of
/// the certificate's validity remains.
/// </summary>
/// <param name="data">The data directory.</param>
/// <param name="keys">The key store.</param>
/// <param name="ledger">Where responder certificates are recorded.</param>
/// <param name="configuration">The validated configuration (responder lifetime).</param>
/// <param name="clock">Time source.</param>
public sealed class ResponderKeys(DataDirectory data, IKeyStore keys, IIssuanceLedger ledger, InstallationConfiguration.Validated configuration, TimeProvider clock)
{
    /// <summary>The responder key and certificate of <paramref name="ca"/>, created or renewed first when needed.</summary>
    /// <param name="record">The CA's ledger record.</param>
    /// <param name="ca">The CA's identity.</param>
    /// <param name="caKey">The CA's opened key (certifies a new responder key).</param>
    /// <param name="cancellationToken">Cancels before a new certificate is recorded.</param>
    /// <exception cref="Core.Errors.GmPkiException">A key store error (<c>key-not-found</c>, <c>key-unlock-failed</c>).</exception>
    public async Task<(ISigningKey Key, byte[] Certificate)> EnsureAsync(AuthorityRecord record, IssuerIdentity ca, ISigningKey caKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(caKey);
        var file = data.Combine(Path.Combine("ocsp-responders", record.Label + ".json"));
        var now = clock.GetUtcNow().UtcDateTime;
        var lifetime = configuration.Status.ResponderLifetime;
        if (File.Exists(file) && JsonSerializer.Deserialize<StoredResponder>(await File.ReadAllTextAsync(file, cancellationToken)) is { } stored)
        {
            var certificate = Convert.FromBase64String(stored.Certificate);
            if (X509CertificateStructure.GetInstance(certificate).EndDate.ToDateTime().ToUniversalTime() - now > lifetime / 3)
            {
                return (keys.Open(stored.KeyReference, Sm2UserId.Default), certificate);
            }
        }

        var notBefore = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
        var caEnd = X509CertificateStructure.GetInstance(record.CertificateDer).EndDate.ToDateTime().ToUniversalTime();
        var notAfter = notBefore + lifetime < caEnd ? notBefore + lifetime : caEnd;
        var (key, reference) = keys.Generate($"ocsp-{record.Label}-{notBefore:yyyyMMddHHmmss}", caKey.Algorithm, Sm2UserId.Default);
        var issued = await ResponderCertificate.IssueAsync(ca, caKey, System.Text.Encoding.UTF8.GetBytes(record.Sm2UserId), key.SubjectPublicKeyInfo,
            (notBefore, notAfter), ledger, Actor.System, cancellationToken);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(new StoredResponder(reference, Convert.ToBase64String(issued))), CancellationToken.None);
        return (key, issued);
    }

    private sealed record StoredResponder(string KeyReference, string Certificate);
}
