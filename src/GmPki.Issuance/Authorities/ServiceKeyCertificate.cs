using System.Text.Json;
using GmPki.Core.Ledger;
using GmPki.Core.Profiles;
using GmPki.Cryptography.Signing;
using GmPki.Cryptography.Sm;
using GmPki.Issuance.Building;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace GmPki.Issuance.Authorities;

/// <summary>
/// What a service key certificate says: the pseudo-profile recorded in the ledger, the common name,
/// and the one extended key usage (critical) when the service needs one.
/// </summary>
/// <param name="Profile">Profile name recorded for the certificate, for example <c>audit-key</c>.</param>
/// <param name="CommonName">Subject CN; the O is the issuing CA's organization.</param>
/// <param name="ExtendedKeyUsage">Dotted OID of the only, critical, extKeyUsage purpose, or null for none.</param>
public sealed record ServiceKeyProfile(string Profile, string CommonName, string? ExtendedKeyUsage)
{
    /// <summary>The audit key (<c>docs/audit.md</c>, "Checkpoints"): no extKeyUsage.</summary>
    public static readonly ServiceKeyProfile Audit = new("audit-key", "GmPki Audit Key", null);

    /// <summary>The timestamp authority (<c>docs/relying-party.md</c>): critical extKeyUsage id-kp-timeStamping only (RFC 3161 §2.3).</summary>
    public static readonly ServiceKeyProfile Timestamping = new("tsa-key", "GmPki Timestamp Authority", "1.3.6.1.5.5.7.3.8");

    /// <summary>The CMP protection key (<c>docs/protocols.md</c>, CMP): the key whose signature protects the CA's CMP answers (RFC 9483 §3.1); critical extKeyUsage id-kp-cmcCA only (RFC 6402 §2.10).</summary>
    public static readonly ServiceKeyProfile CmpProtection = new("cmp-protection-key", "GmPki CMP Protection", "1.3.6.1.5.5.7.3.27");
}

/// <summary>
/// Certifies a key of the installation's own services — the audit key, the TSA key, the CMP protection key: an end-entity
/// certificate from the issuing CA with subject <c>CN={profile's common name},O={the CA's organization}</c>,
/// keyUsage digitalSignature (critical), the profile's critical extKeyUsage if any,
/// basicConstraints cA=false, valid from now to the issuing CA's end. It goes through the ledger
/// like every certificate (reserved, intended, issued, each audited) under the profile's
/// pseudo-profile name.
/// </summary>
public static class ServiceKeyCertificate
{
    /// <summary>Issues and records the certificate.</summary>
    /// <param name="issuing">The issuing CA, opened.</param>
    /// <param name="profile">Which service key.</param>
    /// <param name="keyInfo">DER SubjectPublicKeyInfo of the service key (SM2, ECDSA or RSA).</param>
    /// <param name="ledger">Where the serial and certificate are recorded.</param>
    /// <param name="clock">Time source.</param>
    /// <param name="actor">Who asked (the initialising operator).</param>
    /// <param name="cancellationToken">Cancels before anything is recorded.</param>
    /// <returns>The DER certificate.</returns>
    /// <exception cref="Core.Errors.GmPkiException"><c>csr-unsupported-key</c> when the key is not a valid public key.</exception>
    /// <exception cref="InvalidOperationException">The signed certificate does not verify under the issuing CA's key (recorded as failed).</exception>
    public static async Task<byte[]> IssueAsync(
        CertificateAuthority issuing, ServiceKeyProfile profile, ReadOnlyMemory<byte> keyInfo, IIssuanceLedger ledger, TimeProvider clock, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(issuing);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(actor);
        var key = PublicKey.Parse(keyInfo.Span);
        var now = TbsBuilder.WholeSeconds(clock.GetUtcNow().UtcDateTime);
        var subject = new X509Name(
            new List<DerObjectIdentifier> { X509Name.O, X509Name.CN },
            new List<string> { issuing.Certificate.Subject.GetValueList(X509Name.O).Cast<string>().FirstOrDefault() ?? "GmPki", profile.CommonName },
            new X509DefaultEntryConverter());
        var serial = SerialNumbers.Next();
        var serialHex = Core.Ledger.SerialText.FromOctets(serial);
        var subjectText = subject.ToString(true, X509Name.DefaultSymbols);
        var reservation = new SerialReservation(issuing.Label, serialHex, profile.Profile, subjectText, key.Algorithm, now, issuing.NotAfter, 0, actor.Name, now);
        if (!await ledger.TryReserveAsync(reservation, Event(now, "certificate.serial-reserved", actor, issuing, serialHex, new { profile = profile.Profile, subject = subjectText }), cancellationToken))
        {
            throw new InvalidOperationException($"Serial {serialHex} is taken; 126 random bits should never collide.");
        }

        var extensions = new X509ExtensionsGenerator();
        extensions.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(false));
        extensions.AddExtension(X509Extensions.KeyUsage, true, CertificateExtensions.KeyUsage(KeyUsages.DigitalSignature));
        if (profile.ExtendedKeyUsage is { } purpose)
        {
            extensions.AddExtension(X509Extensions.ExtendedKeyUsage, true, CertificateExtensions.ExtendedKeyUsage([purpose]));
        }

        extensions.AddExtension(X509Extensions.SubjectKeyIdentifier, false, new SubjectKeyIdentifier(key.KeyIdentifier()));
        extensions.AddExtension(X509Extensions.AuthorityKeyIdentifier, false, new AuthorityKeyIdentifier(issuing.KeyIdentifier));
        var tbs = TbsBuilder.Build(serial, issuing.Key.SignatureAlgorithm, issuing.Certificate.Subject, now, issuing.NotAfter, subject, keyInfo, extensions.Generate());
        await ledger.RecordIntendedAsync(issuing.Label, serialHex, tbs, Event(now, "certificate.signing", actor, issuing, serialHex, new { tbsSm3 = Sm3.HashHex(tbs) }), CancellationToken.None);
        var certificate = CertificateAssembler.Sign(tbs, issuing.Key);
        var signed = X509CertificateStructure.GetInstance(certificate);
        var algorithm = SignatureAlgorithm.Find(signed.SignatureAlgorithm.Algorithm.Id)!;
        if (!issuing.PublicKey.Verify(algorithm, tbs, signed.Signature.GetOctets(), System.Text.Encoding.UTF8.GetBytes(issuing.Record.Sm2UserId)))
        {
            var fault = $"the {profile.Profile} certificate's signature does not verify under the issuing CA's key";
            await ledger.RecordFailedAsync(issuing.Label, serialHex, fault,
                Event(now, "certificate.issuance-failed", actor, issuing, serialHex, new { detail = fault }, "failed"), CancellationToken.None);
            throw new InvalidOperationException(fault + ".");
        }

        await ledger.RecordIssuedAsync(issuing.Label, serialHex, certificate,
            Event(clock.GetUtcNow().UtcDateTime, "certificate.issued", actor, issuing, serialHex, new { profile = profile.Profile, subject = subjectText, notBefore = now, notAfter = issuing.NotAfter, sm3 = Sm3.HashHex(certificate) }),
            CancellationToken.None);
        return certificate;
    }

    private static AuditEvent Event(DateTime at, string action, Actor actor, CertificateAuthority issuing, string serialHex, object details, string outcome = "success")
        => new(at, action, actor.Name, actor.Role, $"certificate:{issuing.Label}/{serialHex}", outcome, JsonSerializer.Serialize(details), actor.RequestId);
}
