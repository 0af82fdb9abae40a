using System.Security.Cryptography;
using GmPki.Core.Errors;
using GmPki.Core.Keys;
using GmPki.Core.Ledger;
using GmPki.Cryptography.Sm;
using GmPki.Issuance.Authorities;
using GmPki.Issuance.Formats;

namespace GmPki.Hosting.Keys;

/// <summary>
/// The installation's TSA key (<c>docs/relying-party.md</c>): the issuing CA's algorithm (SM2 with
/// signer ID <c>1234567812345678</c>, ECDSA or RSA), label <see cref="Label"/> in the key store
/// (<c>keys/tsa.key.pem</c>), certified by the issuing CA with the critical extKeyUsage
/// id-kp-timeStamping only (RFC 3161 §2.3); its certificate is <see cref="DataDirectory.TimestampCertificateFile"/>.
/// </summary>
/// <param name="data">The data directory.</param>
/// <param name="keys">The key store.</param>
/// <param name="registry">The CAs (to open the issuing CA for an existing installation).</param>
/// <param name="ledger">Where the TSA certificate is recorded.</param>
/// <param name="clock">Time source.</param>
public sealed class TimestampKeys(DataDirectory data, IKeyStore keys, IAuthorityRegistry registry, IIssuanceLedger ledger, TimeProvider clock)
{
    /// <summary>Key store label of the TSA key.</summary>
    public const string Label = "tsa";

    /// <summary>Whether the installation has a TSA key (its certificate file exists).</summary>
    public bool Exists => File.Exists(data.TimestampCertificateFile);

    /// <summary>Generates the TSA key and has <paramref name="issuing"/> certify it (three audit events: serial reserved, signing, issued).</summary>
    /// <param name="issuing">The issuing CA, opened.</param>
    /// <param name="actor">Who asked.</param>
    /// <param name="cancellationToken">Cancels before the certificate is recorded.</param>
    /// <returns>The DER TSA certificate.</returns>
    /// <exception cref="GmPkiException"><c>already-initialized</c> when the TSA key exists.</exception>
    public async Task<byte[]> CreateAsync(CertificateAuthority issuing, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(issuing);
        if (Exists)
        {
            throw Errors.AlreadyInitialized.With($"this installation already has a TSA key ({data.TimestampCertificateFile}).");
        }

        var (key, _) = keys.Generate(Label, issuing.KeyAlgorithm, Sm2UserId.Default);
        var certificate = await ServiceKeyCertificate.IssueAsync(issuing, ServiceKeyProfile.Timestamping, key.SubjectPublicKeyInfo, ledger, clock, actor, cancellationToken);
        await File.WriteAllTextAsync(data.TimestampCertificateFile, CertificateEncodings.ToPem([certificate]), CancellationToken.None);
        return certificate;
    }

    /// <summary>Creates the TSA key of an existing installation, certified by its issuing CA (opened with the passphrase).</summary>
    /// <param name="actor">Who asked.</param>
    /// <param name="cancellationToken">Cancels before the certificate is recorded.</param>
    /// <returns>The DER TSA certificate.</returns>
    /// <exception cref="GmPkiException"><c>already-initialized</c>, <c>issuer-unavailable</c>, or a key store error.</exception>
    public async Task<byte[]> CreateAsync(Actor actor, CancellationToken cancellationToken)
    {
        var issuing = (await registry.ListAsync(cancellationToken)).LastOrDefault(a => a.Kind == AuthorityKind.Issuing)
            ?? throw Errors.IssuerUnavailable.With("this installation has no issuing CA to certify a TSA key; run 'gmpki init'.");
        return await CreateAsync(CertificateAuthority.Open(issuing, keys), actor, cancellationToken);
    }

    /// <summary>Opens the TSA key and reads its certificate (the key store may ask for its passphrase).</summary>
    /// <returns>The key and the DER certificate.</returns>
    /// <exception cref="GmPkiException"><c>key-not-found</c> when the installation has no TSA key
    /// (run <c>gmpki tsa create-key</c>), or <c>key-unlock-failed</c>.</exception>
    public (ISigningKey Key, byte[] Certificate) Open()
    {
        if (!Exists)
        {
            throw Errors.KeyNotFound.With($"this installation has no TSA key ({data.TimestampCertificateFile}); run 'gmpki tsa create-key --data {data.Path}'.");
        }

        var pem = File.ReadAllText(data.TimestampCertificateFile);
        return (keys.Open("software:" + Label, Sm2UserId.Default), Convert.FromBase64String(pem[PemEncoding.Find(pem).Base64Data]));
    }
}
