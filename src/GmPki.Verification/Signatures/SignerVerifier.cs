using GmPki.Cryptography.Hashing;
using GmPki.Cryptography.Signing;
using GmPki.Verification.Certificates;
using GmPki.Verification.Paths;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using KeyUsage = Org.BouncyCastle.Asn1.X509.KeyUsage;

namespace GmPki.Verification.Signatures;

/// <summary>
/// Verifies one SignerInfo (RFC 5652 §5.4–§5.6): finds the signer's certificate, checks the
/// content-type and message-digest signed attributes, verifies the signature (SM2 with the
/// configured signer IDs), checks the timestamp token and validates the certificate.
/// </summary>
internal static class SignerVerifier
{
    private const string RsaEncryption = "1.2.840.113549.1.1.1";
    private const string EcPublicKey = "1.2.840.10045.2.1";
    private const string Sm2Sign = "1.2.156.10197.1.301.1";
    private const string Sm2Curve = "1.2.156.10197.1.301";

    /// <summary>Checks <paramref name="signer"/> of <paramref name="cms"/> over <paramref name="content"/>.</summary>
    /// <param name="cms">The SignedData.</param>
    /// <param name="signer">One of its SignerInfos.</param>
    /// <param name="content">The signed content (encapsulated or detached).</param>
    /// <param name="trust">Trust inputs for the certificate path.</param>
    /// <param name="clock">Clock for validation without a timestamp.</param>
    /// <param name="purposes">extKeyUsage purposes the signer certificate must allow (id-kp-timeStamping for TSAs).</param>
    /// <param name="withTimestamp">Whether to process a signature timestamp token (not inside timestamp tokens).</param>
    public static (SignerReport Report, SignatureFailure? Failure) Verify(
        CmsSignedData cms, SignerInfo signer, byte[] content, TrustSettings trust, TimeProvider clock, IReadOnlyList<string> purposes, bool withTimestamp)
    {
        var digest = DigestAlgorithm.Find(signer.DigestAlgorithm.Algorithm.Id);
        var algorithm = Resolve(signer.DigestEncryptionAlgorithm.Algorithm.Id, digest);
        var digestName = digest?.Name ?? signer.DigestAlgorithm.Algorithm.Id;
        var algorithmName = algorithm?.Name ?? signer.DigestEncryptionAlgorithm.Algorithm.Id;
        var certificate = FindCertificate(signer.SignerID, cms.Certificates.Concat(trust.Intermediates.Select(ParsedCertificate.TryParse).OfType<ParsedCertificate>()));
        SignerReport Report(bool signatureValid, string? problem, DateTime? signingTime = null, TimestampReport? timestamp = null, PathValidationResult? path = null)
            => new(certificate?.Subject.ToString(), certificate?.SerialHex, digestName, algorithmName, signatureValid, signingTime, timestamp, path, problem);

        if (digest is null || digest.Length < 32 || algorithm is null || !algorithm.Accepted)
        {
            return (Report(false, $"digest {digestName} with signature {algorithmName} is not accepted."), SignatureFailure.AlgorithmNotAccepted);
        }

        if (certificate?.Key is not { } key)
        {
            return (Report(false, certificate is null ? "no certificate matches the signer identifier." : "the signer's key is not supported: " + certificate.KeyProblem),
                certificate is null ? SignatureFailure.SignerNotFound : SignatureFailure.Malformed);
        }

        byte[] signed;
        DateTime? signingTime = null;
        if (signer.AuthenticatedAttributes is { } attributes)
        {
            var table = new AttributeTable(attributes);
            var type = Single(table, CmsOids.ContentTypeAttribute);
            var messageDigest = Single(table, CmsOids.MessageDigestAttribute);
            if (type is null || messageDigest is null || DerObjectIdentifier.GetInstance(type).Id != cms.ContentType)
            {
                return (Report(false, "the signed attributes lack content-type or message-digest, or name another content type (RFC 5652 §5.3)."), SignatureFailure.ContentMismatch);
            }

            if (!Asn1OctetString.GetInstance(messageDigest).GetOctets().AsSpan().SequenceEqual(digest.Compute(content)))
            {
                return (Report(false, "the message-digest attribute does not match the content."), SignatureFailure.ContentMismatch);
            }

            signingTime = Single(table, CmsOids.SigningTimeAttribute) is { } time ? Time.GetInstance(time).Date.ToUniversalTime() : null;
            signed = attributes.GetDerEncoded();
        }
        else if (CmsOids.IsData(cms.ContentType))
        {
            signed = content;
        }
        else
        {
            return (Report(false, "signed attributes are required when the content is not data (RFC 5652 §5.3)."), SignatureFailure.ContentMismatch);
        }

        var signature = signer.EncryptedDigest.GetOctets();
        var ids = key.Family == KeyFamily.Sm2 ? trust.Sm2UserIds : [[]];
        if (!ids.Any(id => key.Verify(algorithm, signed, signature, id)))
        {
            return (Report(false, "the signature does not verify under the signer's key."), SignatureFailure.SignatureInvalid);
        }

        if (!certificate.Allows(KeyUsage.DigitalSignature) && !certificate.Allows(KeyUsage.NonRepudiation))
        {
            return (Report(true, "the signer's keyUsage allows neither digitalSignature nor nonRepudiation.", signingTime), SignatureFailure.CertificateInvalid);
        }

        TimestampReport? timestamp = null;
        if (withTimestamp && signer.UnauthenticatedAttributes is { } unsigned && Single(new AttributeTable(unsigned), CmsOids.TimestampTokenAttribute) is { } token)
        {
            timestamp = TimestampTokenVerifier.Verify(token.ToAsn1Object().GetDerEncoded(), d => d.Compute(signature), trust, clock);
            if (!timestamp.Valid)
            {
                return (Report(true, "the signature timestamp is not valid: " + timestamp.Problem, signingTime, timestamp), SignatureFailure.TimestampInvalid);
            }
        }

        if (trust.TrustAnchors.Count == 0)
        {
            return (Report(true, null, signingTime, timestamp), null);
        }

        var path = PathValidator.Validate(trust.PathFor(certificate.Der, cms.CertificateDers, cms.CrlDers, timestamp?.Time, purposes), clock);
        return path.Valid
            ? (Report(true, null, signingTime, timestamp, path), null)
            : (Report(true, $"the signer's certificate is not valid: {path.Failure?.ToCode()}: {path.Reason}", signingTime, timestamp, path), SignatureFailure.CertificateInvalid);
    }

    /// <summary>The signer's certificate (RFC 5652 §5.3 SignerIdentifier), or null.</summary>
    public static ParsedCertificate? FindCertificate(SignerIdentifier id, IEnumerable<ParsedCertificate> certificates)
    {
        var signerId = SignerId.Read(id);
        return certificates.FirstOrDefault(signerId.Matches);
    }

    private static SignatureAlgorithm? Resolve(string oid, DigestAlgorithm? digest)
    {
        if (SignatureAlgorithm.Find(oid) is { } known)
        {
            return known;
        }

        KeyFamily? family = oid switch
        {
            RsaEncryption => KeyFamily.Rsa,
            EcPublicKey => KeyFamily.Ecdsa,
            Sm2Sign or Sm2Curve => KeyFamily.Sm2,
            _ => null,
        };
        return family is { } f && digest is not null ? SignatureAlgorithm.Find(f, digest.Hash) : null;
    }

    private static Asn1Encodable? Single(AttributeTable table, string oid)
    {
        var attribute = table[new DerObjectIdentifier(oid)];
        return attribute?.AttrValues.Count == 1 ? attribute.AttrValues[0] : null;
    }
}
