namespace GmPki.Verification.Signatures;

/// <summary>Why a signature is not valid; kebab-case codes (<see cref="SignatureFailures.ToCode"/>) are part of the API.</summary>
public enum SignatureFailure
{
    /// <summary><c>malformed</c>: the signature, CMS structure or key cannot be parsed.</summary>
    Malformed,

    /// <summary><c>algorithm-not-accepted</c>: an unknown or refused digest or signature algorithm.</summary>
    AlgorithmNotAccepted,

    /// <summary><c>signer-not-found</c>: no certificate for a SignerInfo's signer identifier.</summary>
    SignerNotFound,

    /// <summary><c>content-mismatch</c>: the message-digest or content-type attribute does not match the content, or detached content is missing.</summary>
    ContentMismatch,

    /// <summary><c>signature-invalid</c>: the signature value does not verify.</summary>
    SignatureInvalid,

    /// <summary><c>timestamp-invalid</c>: a timestamp token does not verify or is not over this signature.</summary>
    TimestampInvalid,

    /// <summary><c>certificate-invalid</c>: the signer's (or TSA's) certificate has no valid path, or its key usage forbids the use.</summary>
    CertificateInvalid,
}

/// <summary>Codes of <see cref="SignatureFailure"/>.</summary>
public static class SignatureFailures
{
    /// <summary>The kebab-case code, for example <c>content-mismatch</c>.</summary>
    public static string ToCode(this SignatureFailure failure) => failure switch
    {
        SignatureFailure.Malformed => "malformed",
        SignatureFailure.AlgorithmNotAccepted => "algorithm-not-accepted",
        SignatureFailure.SignerNotFound => "signer-not-found",
        SignatureFailure.ContentMismatch => "content-mismatch",
        SignatureFailure.SignatureInvalid => "signature-invalid",
        SignatureFailure.TimestampInvalid => "timestamp-invalid",
        _ => "certificate-invalid",
    };
}
