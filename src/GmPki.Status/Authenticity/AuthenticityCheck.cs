using System.Security.Cryptography;
using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Cryptography.Asn1;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace GmPki.Status.Authenticity;

/// <summary>
/// Confirms whether a certificate was issued by this installation and is genuine (D §19(2)). The
/// certificate's issuer name is compared byte for byte with the subjects of this installation's
/// CAs, its serial looked up in the public directory under that CA, and the stored certificate
/// compared byte for byte with the one sent; a CA certificate of this installation is genuine when
/// it is one of theirs exactly.
/// </summary>
/// <param name="authorities">The installation's CA records.</param>
/// <param name="directory">The public directory of issued certificates.</param>
public sealed class AuthenticityCheck(IAuthorityRegistry authorities, IPublicDirectory directory)
{
    /// <summary>Checks one certificate.</summary>
    /// <param name="der">The submitted certificate, DER.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <exception cref="GmPkiException"><c>certificate-malformed</c>: not one DER Certificate (RFC 5280 §4.1), or trailing data.</exception>
    public async Task<AuthenticityFinding> CheckAsync(byte[] der, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(der);
        var (finding, issuerName) = Read(der);
        var serial = finding.Serial;
        var cas = await authorities.ListAsync(cancellationToken);
        var issuers = cas.Where(a => X509CertificateStructure.GetInstance(a.CertificateDer).Subject.GetDerEncoded().AsSpan().SequenceEqual(issuerName)).ToList();
        finding = finding with { Issuer = issuers.FirstOrDefault()?.Label };
        if (cas.FirstOrDefault(a => a.CertificateDer.AsSpan().SequenceEqual(der)) is { } authority)
        {
            return finding with
            {
                Verdict = AuthenticityVerdict.Genuine, Issuer = authority.ParentLabel ?? authority.Label, Status = CertificateStatus.Good,
                Chain = AuthorityChains.From(cas, authority.Label),
            };
        }

        foreach (var issuer in issuers)
        {
            if (await directory.FindAsync(issuer.Label, serial, cancellationToken) is not { } entry)
            {
                continue;
            }

            var issued = entry.Certificate.CertificateDer!;
            if (!issued.AsSpan().SequenceEqual(der))
            {
                return finding with { Verdict = AuthenticityVerdict.DifferentBytes, Issuer = issuer.Label, IssuedSha256 = Convert.ToHexStringLower(SHA256.HashData(issued)) };
            }

            var good = entry.Certificate.Status == CertificateStatus.Good;
            return finding with
            {
                Verdict = AuthenticityVerdict.Genuine, Issuer = issuer.Label, Status = entry.Certificate.Status,
                Reason = good ? null : entry.Reason, StatusChangedAt = good ? null : entry.StatusChangedAt,
                Chain = [der, .. AuthorityChains.From(cas, issuer.Label)],
            };
        }

        return issuers.Count > 0 ? finding with { Verdict = AuthenticityVerdict.NotIssued } : finding;
    }

    /// <summary>
    /// The finding for a foreign issuer, and the issuer name's DER: every field the check reads is
    /// decoded here, so a short TBSCertificate or a bad time (issue 15 item 1) is refused, never a 500.
    /// </summary>
    /// <exception cref="GmPkiException"><c>certificate-malformed</c>: not one DER Certificate (RFC 5280 §4.1), or trailing data.</exception>
    private static (AuthenticityFinding Finding, byte[] IssuerDer) Read(byte[] der)
    {
        try
        {
            var tbs = X509CertificateStructure.GetInstance(Asn1Object.FromByteArray(der)).TbsCertificate;
            var finding = new AuthenticityFinding(AuthenticityVerdict.ForeignIssuer, null, tbs.Issuer.ToString(true, X509Name.DefaultSymbols), SerialOf(tbs.SerialNumber),
                tbs.Subject.ToString(true, X509Name.DefaultSymbols), Asn1Times.ToDateTime(tbs.StartDate).ToUniversalTime(), Asn1Times.ToDateTime(tbs.EndDate).ToUniversalTime(),
                Convert.ToHexStringLower(SHA256.HashData(der)), null, null, null, null, []);
            return (finding, tbs.Issuer.GetDerEncoded());
        }
        catch (Exception e) when (Asn1Failure.IsMalformedInput(e))
        {
            throw Errors.CertificateMalformed.With("'certificate' is not a DER X.509 certificate: " + e.Message);
        }
    }

    /// <summary>The ledger's form of a serial: lowercase hex of the positive integer's octets without leading zeros (two's complement octets for a negative one, which this installation never issues).</summary>
    private static string SerialOf(DerInteger serial)
    {
        var octets = serial.Value.SignValue < 0 ? serial.Value.ToByteArray() : serial.Value.ToByteArrayUnsigned();
        return octets.Length == 0 ? "00" : Convert.ToHexStringLower(octets);
    }
}
