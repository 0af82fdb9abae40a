using System.Security.Cryptography;
using GmPki.Core.Errors;
using GmPki.Core.Keys;
using GmPki.Core.Ledger;
using GmPki.Cryptography.Sm;
using GmPki.Issuance.Authorities;
using GmPki.Issuance.Formats;

namespace GmPki.Hosting.Keys;

/// <summary>
/// A service key of the installation certified by its issuing CA (the audit key, the TSA key): SM2
/// signer ID <c>1234567812345678</c>, kept in the key store under its duty's label and passphrase
/// (<c>docs/cryptography.md</c>, "Keys per duty"), its certificate a PEM file of the data directory.
/// </summary>
/// <param name="duty">Which service key.</param>
/// <param name="data">The data directory.</param>
/// <param name="keys">The key store.</param>
/// <param name="registry">The CAs (to open the issuing CA for an existing installation).</param>
/// <param name="ledger">Where the key's certificate is recorded.</param>
/// <param name="clock">Time source.</param>
public abstract class CertifiedServiceKey(ServiceKeyDuty duty, DataDirectory data, IKeyStore keys, IAuthorityRegistry registry, IIssuanceLedger ledger, TimeProvider clock)
{
    private string CertificateFile => duty.CertificateFile(data);

    /// <summary>Whether the installation has the key (its certificate file exists).</summary>
    public bool Exists => File.Exists(CertificateFile);

    /// <summary>Generates the key and has <paramref name="issuing"/> certify it (three audit events: serial reserved, signing, issued).</summary>
    /// <param name="issuing">The issuing CA, opened.</param>
    /// <param name="actor">Who asked.</param>
    /// <param name="cancellationToken">Cancels before the certificate is recorded.</param>
    /// <returns>The key and its DER certificate.</returns>
    /// <exception cref="GmPkiException"><c>already-initialized</c> when the key exists.</exception>
    public async Task<(ISigningKey Key, byte[] Certificate)> CreateAsync(CertificateAuthority issuing, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(issuing);
        if (Exists)
        {
            throw Errors.AlreadyInitialized.With($"this installation already has a {duty.Name} key ({CertificateFile}).");
        }

        var (key, _) = keys.Generate(duty.Label, duty.IssuingAlgorithm ? issuing.KeyAlgorithm : KeyAlgorithm.Sm2, Sm2UserId.Default);
        var certificate = await ServiceKeyCertificate.IssueAsync(issuing, duty.Profile, key.SubjectPublicKeyInfo, ledger, clock, actor, cancellationToken);
        await File.WriteAllTextAsync(CertificateFile, CertificateEncodings.ToPem([certificate]), CancellationToken.None);
        return (key, certificate);
    }

    /// <summary>Creates the key of an existing installation, certified by its issuing CA (opened with the CA passphrase).</summary>
    /// <param name="actor">Who asked.</param>
    /// <param name="cancellationToken">Cancels before the certificate is recorded.</param>
    /// <returns>The key and its DER certificate.</returns>
    /// <exception cref="GmPkiException"><c>already-initialized</c>, <c>issuer-unavailable</c>, or a key store error.</exception>
    public async Task<(ISigningKey Key, byte[] Certificate)> CreateAsync(Actor actor, CancellationToken cancellationToken)
    {
        var issuing = (await registry.ListAsync(cancellationToken)).LastOrDefault(a => a.Kind == AuthorityKind.Issuing)
            ?? throw Errors.IssuerUnavailable.With($"this installation has no issuing CA to certify a {duty.Name} key; run 'gmpki init'.");
        return await CreateAsync(CertificateAuthority.Open(issuing, keys), actor, cancellationToken);
    }

    /// <summary>Opens the key (the key store may ask for its duty's passphrase) and reads its certificate.</summary>
    /// <returns>The key and its DER certificate.</returns>
    /// <exception cref="GmPkiException"><c>key-not-found</c> when the installation has no such key (the message names
    /// the <c>create-key</c> command), or <c>key-unlock-failed</c>.</exception>
    public (ISigningKey Key, byte[] Certificate) Open()
    {
        if (!Exists)
        {
            throw Errors.KeyNotFound.With($"this installation has no {duty.Name} key ({CertificateFile}); run 'gmpki {duty.CreateCommand} --data {data.Path}'.");
        }

        var pem = File.ReadAllText(CertificateFile);
        return (keys.Open("software:" + duty.Label, Sm2UserId.Default), Convert.FromBase64String(pem[PemEncoding.Find(pem).Base64Data]));
    }
}
