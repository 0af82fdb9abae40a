using GmPki.Cryptography.Asn1;
using GmPki.Cryptography.Hashing;
using GmPki.Verification.Certificates;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Asn1.Ess;
using Org.BouncyCastle.Asn1.Tsp;
using X509Extensions = Org.BouncyCastle.Asn1.X509.X509Extensions;

namespace GmPki.Verification.Signatures;

/// <summary>
/// Verifies RFC 3161 timestamp tokens: a SignedData over TSTInfo (§2.4.2) with one signer whose
/// certificate carries only the critical id-kp-timeStamping purpose (§2.3) and is named by the
/// ESS signing-certificate attribute (RFC 5035), a message imprint over the expected data, and —
/// with trust anchors — a valid TSA certificate path at genTime. SM2 tokens (SM3withSM2) verify
/// with the GM/T 0009 default signer ID.
/// </summary>
public static class TimestampTokenVerifier
{
    private const string SigningCertificateOid = "1.2.840.113549.1.9.16.2.12";
    private const string SigningCertificateV2Oid = "1.2.840.113549.1.9.16.2.47";

    /// <summary>Verifies a token over <paramref name="data"/> (the imprint is the data's digest with the token's algorithm).</summary>
    /// <param name="token">DER TimeStampToken (a ContentInfo).</param>
    /// <param name="data">The timestamped data.</param>
    /// <param name="trust">Trust anchors and revocation inputs for the TSA certificate.</param>
    /// <param name="clock">Clock for validation when the token's time is unusable.</param>
    public static TimestampReport VerifyData(byte[] token, byte[] data, TrustSettings trust, TimeProvider clock)
        => Verify(token, d => d.Compute(data), trust, clock);

    /// <summary>Verifies a token whose imprint must equal <paramref name="digest"/>.</summary>
    /// <param name="token">DER TimeStampToken.</param>
    /// <param name="digest">The expected hashedMessage.</param>
    /// <param name="trust">Trust anchors and revocation inputs for the TSA certificate.</param>
    /// <param name="clock">Clock for validation.</param>
    public static TimestampReport VerifyDigest(byte[] token, byte[] digest, TrustSettings trust, TimeProvider clock)
        => Verify(token, _ => digest, trust, clock);

    /// <summary>Verifies a token; <paramref name="expectedImprint"/> computes the expected imprint with the token's digest algorithm.</summary>
    internal static TimestampReport Verify(byte[] token, Func<DigestAlgorithm, byte[]> expectedImprint, TrustSettings trust, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(trust);
        CmsSignedData cms;
        TstInfo info;
        try
        {
            cms = CmsSignedData.Parse(token);
            info = cms.ContentType == CmsOids.TstInfo && cms.Content is { } content
                ? TstInfo.GetInstance(Asn1Object.FromByteArray(content))
                : throw new FormatException("the token does not encapsulate a TSTInfo.");
        }
        catch (Exception e) when (e is FormatException or ArgumentException or IOException or InvalidCastException)
        {
            return new TimestampReport(false, null, null, null, null, null, "the token is malformed: " + e.Message);
        }

        var time = Asn1Times.ToDateTime(info.GenTime).ToUniversalTime();
        TimestampReport Report(string? problem, string? authority = null, Paths.PathValidationResult? path = null)
            => new(problem is null, time, authority, info.SerialNumber.Value.ToString(), info.Policy.Id, path, problem);

        if (cms.Signers.Count != 1)
        {
            return Report("a timestamp token must have exactly one signer.");
        }

        var digest = DigestAlgorithm.Find(info.MessageImprint.HashAlgorithm.Algorithm.Id);
        if (digest is null || !info.MessageImprint.GetHashedMessage().AsSpan().SequenceEqual(expectedImprint(digest)))
        {
            return Report("the message imprint does not match the data.");
        }

        var signer = cms.Signers[0];
        var tsa = SignerVerifier.FindCertificate(signer.SignerID, cms.Certificates.Concat(trust.Intermediates.Select(ParsedCertificate.TryParse).OfType<ParsedCertificate>()));
        if (tsa is null)
        {
            return Report("the TSA certificate is neither in the token nor supplied.");
        }

        if (tsa.ExtendedKeyUsages is not [CmsOids.TimeStamping] || !tsa.IsCritical(X509Extensions.ExtendedKeyUsage))
        {
            return Report("the TSA certificate must carry exactly the critical id-kp-timeStamping extended key usage (RFC 3161 §2.3).", tsa.Subject.ToString());
        }

        if (!NamesCertificate(signer, tsa))
        {
            return Report("the signing-certificate attribute is missing or does not name the TSA certificate (RFC 3161 §2.4.1, RFC 5035).", tsa.Subject.ToString());
        }

        var (report, failure) = SignerVerifier.Verify(cms, signer, cms.Content!, trust with { ValidationTime = time }, clock, [CmsOids.TimeStamping], withTimestamp: false);
        return Report(failure is null ? null : report.Problem, tsa.Subject.ToString(), report.Certificate);
    }

    private static bool NamesCertificate(SignerInfo signer, ParsedCertificate tsa)
    {
        if (signer.AuthenticatedAttributes is not { } attributes)
        {
            return false;
        }

        var table = new AttributeTable(attributes);
        if (table[new DerObjectIdentifier(SigningCertificateV2Oid)]?.AttrValues[0] is { } v2)
        {
            var ids = SigningCertificateV2.GetInstance(v2).GetCerts();
            var hash = DigestAlgorithm.Find(ids[0].HashAlgorithm.Algorithm.Id);
            return hash is not null && ids[0].GetCertHash().AsSpan().SequenceEqual(hash.Compute(tsa.Der));
        }

        if (table[new DerObjectIdentifier(SigningCertificateOid)]?.AttrValues[0] is { } v1)
        {
            var ids = SigningCertificate.GetInstance(v1).GetCerts();
            return ids[0].GetCertHash().AsSpan().SequenceEqual(DigestAlgorithm.Find(System.Security.Cryptography.HashAlgorithmName.SHA1)!.Compute(tsa.Der));
        }

        return false;
    }
}
