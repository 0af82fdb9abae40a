using GmPki.Cryptography.Asn1;
using System.Security.Cryptography;
using GmPki.Cryptography.Signing;
using GmPki.Cryptography.Sm;
using GmPki.Verification.Certificates;
using GmPki.Verification.Paths;
using Org.BouncyCastle.Asn1.Ocsp;

namespace GmPki.Verification.Revocation;

/// <summary>
/// Revocation status from the OCSP responses supplied with a request (RFC 6960): a single
/// response whose CertID names the certificate (issuer name and key hashes, serial), current at
/// the validation time, signed by the issuer or by a responder the issuer certified for
/// id-kp-OCSPSigning (§4.2.2.2).
/// </summary>
internal static class OcspChecker
{
    private const string OcspSigning = "1.3.6.1.5.5.7.3.9";

    /// <summary>The status the responses give; null when none speaks for the certificate.</summary>
    public static RevocationOutcome? Check(ValidationContext context, ParsedCertificate certificate, ParsedCertificate issuer, VerificationKey issuerKey)
    {
        foreach (var evidence in context.Ocsp)
        {
            foreach (var single in evidence.Responses.Where(r => Names(r.CertId, certificate, issuer)))
            {
                var thisUpdate = Asn1Times.ToDateTime(single.ThisUpdate);
                var nextUpdate = (single.NextUpdate is { } next ? Asn1Times.ToDateTime(next) : (DateTime?)null);
                if (thisUpdate > context.Time || nextUpdate < context.Time || single.CertStatus.TagNo == 2 || !SignedForIssuer(context, evidence, issuer, issuerKey))
                {
                    continue;
                }

                if (single.CertStatus.TagNo == 0)
                {
                    return new RevocationOutcome(RevocationOutcome.Good, $"OCSP: good at {thisUpdate:u}.");
                }

                var revoked = RevokedInfo.GetInstance(single.CertStatus.Status);
                var at = Asn1Times.ToDateTime(revoked.RevocationTime);
                if (at <= context.Time)
                {
                    return new RevocationOutcome(RevocationOutcome.Revoked, $"OCSP: revoked on {at:u}.");
                }
            }
        }

        return null;
    }

    private static bool Names(CertID id, ParsedCertificate certificate, ParsedCertificate issuer)
    {
        var hash = id.HashAlgorithm.Algorithm.Id switch
        {
            "1.3.14.3.2.26" => (Func<byte[], byte[]>)SHA1Hash,
            "2.16.840.1.101.3.4.2.1" => SHA256.HashData,
            "2.16.840.1.101.3.4.2.2" => SHA384.HashData,
            "2.16.840.1.101.3.4.2.3" => SHA512.HashData,
            "1.2.156.10197.1.401" => data => Sm3.Hash(data),
            _ => null,
        };
        if (hash is null || !id.SerialNumber.Value.Equals(new Org.BouncyCastle.Math.BigInteger(certificate.SerialOctets)))
        {
            return false;
        }

        var keyBits = Org.BouncyCastle.Asn1.X509.SubjectPublicKeyInfo.GetInstance(issuer.SubjectPublicKeyInfo).PublicKeyData.GetBytes();
        return hash(certificate.Issuer.Der).AsSpan().SequenceEqual(id.IssuerNameHash.GetOctets())
            && hash(keyBits).AsSpan().SequenceEqual(id.IssuerKeyHash.GetOctets());
    }

    private static bool SignedForIssuer(ValidationContext context, OcspEvidence evidence, ParsedCertificate issuer, VerificationKey issuerKey)
    {
        bool Verifies(VerificationKey key) => SignatureChecks.Check(context.Request, evidence.SignatureAlgorithmOid, evidence.SignatureParameters, evidence.TbsDer, evidence.Signature, key, "the OCSP response") is null;
        if (Verifies(issuerKey))
        {
            return true;
        }

        return evidence.Certificates.Any(responder =>
            responder.Issuer.Matches(issuer.Subject)
            && responder.ExtendedKeyUsages?.Contains(OcspSigning) == true
            && responder.NotBefore <= context.Time && context.Time <= responder.NotAfter
            && responder.Key is { } key
            && SignatureChecks.Check(context.Request, responder.SignatureAlgorithmOid, responder.SignatureParameters, responder.TbsDer, responder.Signature, issuerKey, "the OCSP responder certificate") is null
            && Verifies(key));
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350", Justification = "RFC 6960 CertIDs are commonly SHA-1; matching them is not a security use.")]
    private static byte[] SHA1Hash(byte[] data) => SHA1.HashData(data);
}
