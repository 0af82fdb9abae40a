using GmPki.Cryptography.Signing;
using GmPki.Verification.Certificates;
using GmPki.Verification.Paths;
using Org.BouncyCastle.Asn1;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;
using KeyUsage = Org.BouncyCastle.Asn1.X509.KeyUsage;

namespace GmPki.Verification.Signatures;

/// <summary>
/// Verifies a bare signature over a message (no CMS): SM2 (GB/T 32918.2, SM3withSM2 with the
/// signer's user ID, default <c>1234567812345678</c>), ECDSA or RSA, with the signer's certificate
/// (validated when trust anchors are given) or a bare public key. Signatures are DER
/// <c>SEQUENCE { r, s }</c>; SM2 and ECDSA also accept the 64/96/132-byte <c>r ‖ s</c> form.
/// </summary>
public static class RawSignatureVerifier
{
    /// <summary>Verifies <paramref name="signature"/> over <paramref name="message"/>.</summary>
    /// <param name="message">The signed message (not a digest).</param>
    /// <param name="signature">The signature value.</param>
    /// <param name="signer">The signer's DER certificate, or a DER SubjectPublicKeyInfo.</param>
    /// <param name="algorithmOid">Signature algorithm OID; by default SM3withSM2, ECDSA with the curve's hash, or sha256WithRSAEncryption.</param>
    /// <param name="sm2UserId">SM2 signer ID; ignored for other keys.</param>
    /// <param name="trust">Trust anchors for the certificate; without anchors (or with a bare key) the certificate is not validated.</param>
    /// <param name="clock">Supplies "now" for certificate validation.</param>
    public static SignatureVerificationResult Verify(byte[] message, byte[] signature, byte[] signer, string? algorithmOid, byte[] sm2UserId, TrustSettings trust, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(trust);
        var certificate = ParsedCertificate.TryParse(signer);
        var key = certificate?.Key ?? VerificationKey.TryParse(signer, out _);
        if (key is null)
        {
            return SignatureVerificationResult.Invalid(SignatureFailure.Malformed, "the signer is neither a certificate nor a public key GmPki supports.");
        }

        var algorithm = algorithmOid is null ? DefaultAlgorithm(key) : SignatureAlgorithm.Find(algorithmOid);
        if (algorithm is null || !algorithm.Accepted || algorithm.Family != key.Family)
        {
            return SignatureVerificationResult.Invalid(SignatureFailure.AlgorithmNotAccepted, $"signature algorithm {algorithmOid} is not accepted for a {key.Family} key.");
        }

        SignatureVerificationResult Result(SignatureFailure? failure, string? problem, PathValidationResult? path = null)
            => new(failure is null, failure, problem, null, false,
                [new SignerReport(certificate?.Subject.ToString(), certificate?.SerialHex, algorithm.Hash.Name!, algorithm.Name, failure is not SignatureFailure.SignatureInvalid, null, null, path, problem)]);

        if (!key.Verify(algorithm, message, Der(signature, key), sm2UserId))
        {
            return Result(SignatureFailure.SignatureInvalid, "the signature does not verify under the signer's key" + (key.Family == KeyFamily.Sm2 ? " and user ID." : "."));
        }

        if (certificate is null || trust.TrustAnchors.Count == 0)
        {
            return Result(null, null);
        }

        if (!certificate.Allows(KeyUsage.DigitalSignature) && !certificate.Allows(KeyUsage.NonRepudiation))
        {
            return Result(SignatureFailure.CertificateInvalid, "the signer's keyUsage allows neither digitalSignature nor nonRepudiation.");
        }

        var path = PathValidator.Validate(trust.PathFor(certificate.Der, [], [], null, []), clock);
        return path.Valid ? Result(null, null, path) : Result(SignatureFailure.CertificateInvalid, $"the signer's certificate is not valid: {path.Failure?.ToCode()}: {path.Reason}", path);
    }

    private static SignatureAlgorithm? DefaultAlgorithm(VerificationKey key) => key.Family switch
    {
        KeyFamily.Sm2 => SignatureAlgorithm.Find("1.2.156.10197.1.501"),
        KeyFamily.Ecdsa => SignatureAlgorithm.Find(key.SizeBits switch { 384 => "1.2.840.10045.4.3.3", 521 => "1.2.840.10045.4.3.4", _ => "1.2.840.10045.4.3.2" }),
        KeyFamily.Rsa => SignatureAlgorithm.Find("1.2.840.113549.1.1.11"),
        _ => null,
    };

    /// <summary>DER <c>SEQUENCE { r, s }</c> from the fixed-length <c>r ‖ s</c> form of an SM2/ECDSA signature; other input unchanged.</summary>
    private static byte[] Der(byte[] signature, VerificationKey key)
    {
        var half = (key.SizeBits + 7) / 8;
        var looksDer = signature.Length > 2 && signature[0] == 0x30 && signature[1] == signature.Length - 2;
        if (key.Family is not (KeyFamily.Sm2 or KeyFamily.Ecdsa) || signature.Length != 2 * half || looksDer)
        {
            return signature;
        }

        return new DerSequence(new DerInteger(new BcBigInteger(1, signature, 0, half)), new DerInteger(new BcBigInteger(1, signature, half, half))).GetDerEncoded();
    }
}
