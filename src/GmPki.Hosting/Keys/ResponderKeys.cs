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
    /// <param name="caKey">The CA's key being opened (awaited only to certify a new responder key, so both keys open in parallel).</param>
    /// <param name="cancellationToken">Cancels before a new certificate is recorded.</param>
    /// <exception cref="Core.Errors.GmPkiException">A key store error (<c>key-not-found</c>, <c>key-unlock-failed</c>).</exception>
    public async Task<(ISigningKey Key, byte[] Certificate)> EnsureAsync(AuthorityRecord record, IssuerIdentity ca, Task<ISigningKey> caKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(caKey);
        var file = Path.Combine(Directory, record.Label + ".json");
        var now = clock.GetUtcNow().UtcDateTime;
        var lifetime = configuration.Status.ResponderLifetime;
        if (await ReadAsync(file, cancellationToken) is { } stored)
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
        var signer = await caKey;
        var (key, reference) = keys.Generate($"ocsp-{record.Label}-{notBefore:yyyyMMddHHmmss}", signer.Algorithm, Sm2UserId.Default);
        var issued = await ResponderCertificate.IssueAsync(ca, signer, System.Text.Encoding.UTF8.GetBytes(record.Sm2UserId), key.SubjectPublicKeyInfo,
            (notBefore, notAfter), ledger, Actor.System, cancellationToken);
        System.IO.Directory.CreateDirectory(Directory);
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(new StoredResponder(reference, Convert.ToBase64String(issued))), CancellationToken.None);
        return (key, issued);
    }

    /// <summary>
    /// Opens the stored responder key of every CA in parallel, without reading the ledger, so their
    /// passphrase derivations overlap the ledger's migration at start-up; <see cref="EnsureAsync"/>
    /// then finds them decrypted (the key store derives each file once).
    /// </summary>
    /// <param name="cancellationToken">Cancels before a key is opened.</param>
    /// <exception cref="Core.Errors.GmPkiException">A key store error (<c>key-not-found</c>, <c>key-unlock-failed</c>).</exception>
    public Task OpenStoredAsync(CancellationToken cancellationToken)
        => !System.IO.Directory.Exists(Directory) ? Task.CompletedTask : Task.WhenAll(System.IO.Directory.EnumerateFiles(Directory, "*.json").Select(file => Task.Run(async () =>
        {
            if (await ReadAsync(file, cancellationToken) is { } stored)
            {
                keys.Open(stored.KeyReference, Sm2UserId.Default);
            }
        }, cancellationToken)));

    private string Directory => data.Combine("ocsp-responders");

    private static async Task<StoredResponder?> ReadAsync(string file, CancellationToken cancellationToken)
        => File.Exists(file) ? JsonSerializer.Deserialize<StoredResponder>(await File.ReadAllTextAsync(file, cancellationToken)) : null;

    private sealed record StoredResponder(string KeyReference, string Certificate);
}
