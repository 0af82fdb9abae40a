using System.Security.Cryptography;
using System.Text.Json;
using GmPki.Core.Keys;
using GmPki.Core.Ledger;
using GmPki.Cryptography.Signing;
using GmPki.Cryptography.Sm;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;

namespace GmPki.Status.Responders;

/// <summary>
/// Certifies a CA's delegated OCSP responder key (RFC 6960 §4.2.2.2): an end-entity certificate
/// from that CA with subject <c>CN=GmPki OCSP Responder {label},O={the CA's organization}</c>,
/// basicConstraints cA=false and keyUsage digitalSignature (both critical), extKeyUsage
/// id-kp-OCSPSigning, id-pkix-ocsp-nocheck (RFC 6960 §4.2.2.2.1, so clients do not ask about the
/// responder itself), SKI and AKI. It goes through the ledger like every certificate (reserved,
/// intended, issued, each audited) under the pseudo-profile <see cref="Profile"/>.
/// </summary>
public static class ResponderCertificate
{
    /// <summary>The profile name recorded for responder certificates.</summary>
    public const string Profile = "ocsp-responder";

    /// <summary>Issues and records the certificate.</summary>
    /// <param name="ca">The CA.</param>
    /// <param name="caKey">The CA's signing key.</param>
    /// <param name="caSm2UserId">The CA's SM2 ID (to check the signature), empty for other algorithms.</param>
    /// <param name="responderKeyInfo">DER SubjectPublicKeyInfo of the responder key.</param>
    /// <param name="validity">UTC notBefore and notAfter (whole seconds, within the CA's validity).</param>
    /// <param name="ledger">Where the serial and certificate are recorded.</param>
    /// <param name="actor">Who asked.</param>
    /// <param name="cancellationToken">Cancels before anything is recorded.</param>
    /// <returns>The DER certificate.</returns>
    /// <exception cref="InvalidOperationException">The signed certificate does not verify under the CA's key (recorded as failed).</exception>
    public static async Task<byte[]> IssueAsync(IssuerIdentity ca, ISigningKey caKey, ReadOnlyMemory<byte> caSm2UserId, ReadOnlyMemory<byte> responderKeyInfo,
        (DateTime NotBefore, DateTime NotAfter) validity, IIssuanceLedger ledger, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ca);
        ArgumentNullException.ThrowIfNull(caKey);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(actor);
        var key = PublicKey.Parse(responderKeyInfo.Span);
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x3F) | 0x40); // positive, exactly 16 octets (docs/issuance.md, serials)
        var serialHex = Convert.ToHexStringLower(serial);
        var organization = ca.Certificate.Subject.GetValueList(X509Name.O).Cast<string>().FirstOrDefault() ?? "GmPki";
        var subject = new X509Name(
            new List<DerObjectIdentifier> { X509Name.O, X509Name.CN },
            new List<string> { organization, $"GmPki OCSP Responder {ca.Label}" },
            new X509DefaultEntryConverter());
        var subjectText = subject.ToString(true, X509Name.DefaultSymbols);
        var (notBefore, notAfter) = validity;
        var reservation = new SerialReservation(ca.Label, serialHex, Profile, subjectText, key.Algorithm, notBefore, notAfter, 0, actor.Name, notBefore);
        if (!await ledger.TryReserveAsync(reservation, Event(notBefore, "certificate.serial-reserved", actor, ca, serialHex, new { profile = Profile, subject = subjectText }), cancellationToken))
        {
            throw new InvalidOperationException($"Serial {serialHex} is taken; 126 random bits should never collide.");
        }

        var algorithm = AlgorithmIdentifier.GetInstance(caKey.SignatureAlgorithm.ToArray());
        var tbs = Tbs(ca, key, new BigInteger(1, serial), algorithm, subject, validity);
        await ledger.RecordIntendedAsync(ca.Label, serialHex, tbs, Event(notBefore, "certificate.signing", actor, ca, serialHex, new { tbsSm3 = Sm3.HashHex(tbs) }), CancellationToken.None);
        var signature = caKey.Sign(tbs);
        var certificate = X509CertificateStructure.GetInstance(new DerSequence(Asn1Object.FromByteArray(tbs), algorithm, new DerBitString(signature))).GetDerEncoded();
        var caPublicKey = PublicKey.Parse(ca.Certificate.SubjectPublicKeyInfo.GetDerEncoded());
        if (!caPublicKey.Verify(SignatureAlgorithm.Find(algorithm.Algorithm.Id)!, tbs, signature, caSm2UserId.Span))
        {
            const string fault = "the OCSP responder certificate's signature does not verify under the CA's key";
            await ledger.RecordFailedAsync(ca.Label, serialHex, fault, Event(notBefore, "certificate.issuance-failed", actor, ca, serialHex, new { detail = fault }, "failed"), CancellationToken.None);
            throw new InvalidOperationException(fault + ".");
        }

        await ledger.RecordIssuedAsync(ca.Label, serialHex, certificate,
            Event(notBefore, "certificate.issued", actor, ca, serialHex, new { profile = Profile, subject = subjectText, notBefore, notAfter, sm3 = Sm3.HashHex(certificate) }),
            CancellationToken.None);
        return certificate;
    }

    private static byte[] Tbs(IssuerIdentity ca, PublicKey key, BigInteger serial, AlgorithmIdentifier algorithm, X509Name subject, (DateTime NotBefore, DateTime NotAfter) validity)
    {
        var extensions = new X509ExtensionsGenerator();
        extensions.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(false));
        extensions.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.DigitalSignature));
        extensions.AddExtension(X509Extensions.ExtendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeID.IdKPOcspSigning));
        extensions.AddExtension(OcspObjectIdentifiers.PkixOcspNocheck, false, DerNull.Instance);
        extensions.AddExtension(X509Extensions.SubjectKeyIdentifier, false, new SubjectKeyIdentifier(key.KeyIdentifier()));
        extensions.AddExtension(X509Extensions.AuthorityKeyIdentifier, false, new AuthorityKeyIdentifier(ca.KeyIdentifier));
        var tbs = new V3TbsCertificateGenerator();
        tbs.SetSerialNumber(new DerInteger(serial));
        tbs.SetSignature(algorithm);
        tbs.SetIssuer(ca.Certificate.Subject);
        tbs.SetStartDate(new Time(validity.NotBefore));
        tbs.SetEndDate(new Time(validity.NotAfter));
        tbs.SetSubject(subject);
        tbs.SetSubjectPublicKeyInfo(SubjectPublicKeyInfo.GetInstance(key.SubjectPublicKeyInfo));
        tbs.SetExtensions(extensions.Generate());
        return tbs.GenerateTbsCertificate().GetDerEncoded();
    }

    private static AuditEvent Event(DateTime at, string action, Actor actor, IssuerIdentity ca, string serialHex, object details, string outcome = "success")
        => new(at, action, actor.Name, actor.Role, $"certificate:{ca.Label}/{serialHex}", outcome, JsonSerializer.Serialize(details), actor.RequestId);
}
