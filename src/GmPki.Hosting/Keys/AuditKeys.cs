using System.Security.Cryptography;
using GmPki.Compliance.Checkpoints;
using GmPki.Core.Errors;
using GmPki.Core.Keys;
using GmPki.Core.Ledger;
using GmPki.Cryptography.Sm;
using GmPki.Issuance.Authorities;
using GmPki.Issuance.Formats;

namespace GmPki.Hosting.Keys;

/// <summary>
/// The installation's audit key (<c>docs/audit.md</c>, "Checkpoints"): SM2, label
/// <see cref="Label"/> in the key store (<c>keys/audit.key.pem</c>), signer ID
/// <c>1234567812345678</c>, certified by the issuing CA; its certificate is
/// <see cref="DataDirectory.AuditCertificateFile"/>.
/// </summary>
/// <param name="data">The data directory.</param>
/// <param name="keys">The key store.</param>
/// <param name="registry">The CAs (to open the issuing CA for an existing installation).</param>
/// <param name="ledger">Where the audit key's certificate is recorded.</param>
/// <param name="clock">Time source.</param>
public sealed class AuditKeys(DataDirectory data, IKeyStore keys, IAuthorityRegistry registry, IIssuanceLedger ledger, TimeProvider clock)
{
    /// <summary>Key store label of the audit key.</summary>
    public const string Label = "audit";

    private const string Reference = "software:" + Label;

    /// <summary>Whether the installation has an audit key (its certificate file exists).</summary>
    public bool Exists => File.Exists(data.AuditCertificateFile);

    /// <summary>Generates the audit key and has <paramref name="issuing"/> certify it.</summary>
    /// <param name="issuing">The issuing CA, opened.</param>
    /// <param name="actor">Who asked.</param>
    /// <param name="cancellationToken">Cancels before the certificate is recorded.</param>
    /// <exception cref="GmPkiException"><c>already-initialized</c> when the audit key exists.</exception>
    public async Task<AuditSigner> CreateAsync(CertificateAuthority issuing, Actor actor, CancellationToken cancellationToken)
    {
        if (Exists)
        {
            throw Errors.AlreadyInitialized.With($"this installation already has an audit key ({data.AuditCertificateFile}).");
        }

        var (key, _) = keys.Generate(Label, KeyAlgorithm.Sm2, Sm2UserId.Default);
        var certificate = await ServiceKeyCertificate.IssueAsync(issuing, ServiceKeyProfile.Audit, key.SubjectPublicKeyInfo, ledger, clock, actor, cancellationToken);
        await File.WriteAllTextAsync(data.AuditCertificateFile, CertificateEncodings.ToPem([certificate]), CancellationToken.None);
        return new AuditSigner(key, certificate);
    }

    /// <summary>Creates the audit key of an existing installation, certified by its issuing CA (opened with the passphrase).</summary>
    /// <exception cref="GmPkiException"><c>already-initialized</c>, <c>issuer-unavailable</c>, or a key store error.</exception>
    public async Task<AuditSigner> CreateAsync(Actor actor, CancellationToken cancellationToken)
    {
        var issuing = (await registry.ListAsync(cancellationToken)).LastOrDefault(a => a.Kind == AuthorityKind.Issuing)
            ?? throw Errors.IssuerUnavailable.With("this installation has no issuing CA to certify an audit key; run 'gmpki init'.");
        return await CreateAsync(CertificateAuthority.Open(issuing, keys), actor, cancellationToken);
    }

    /// <summary>Opens the audit key (the key store may ask for its passphrase).</summary>
    /// <exception cref="GmPkiException"><c>key-not-found</c> when the installation has no audit key
    /// (run <c>gmpki audit create-key</c>), or <c>key-unlock-failed</c>.</exception>
    public AuditSigner Open()
    {
        if (!Exists)
        {
            throw Errors.KeyNotFound.With($"this installation has no audit key ({data.AuditCertificateFile}); run 'gmpki audit create-key --data {data.Path}'.");
        }

        var pem = File.ReadAllText(data.AuditCertificateFile);
        var certificate = Convert.FromBase64String(pem[PemEncoding.Find(pem).Base64Data]);
        return new AuditSigner(keys.Open(Reference, Sm2UserId.Default), certificate);
    }
}
