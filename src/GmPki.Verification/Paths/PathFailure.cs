namespace GmPki.Verification.Paths;

/// <summary>Why a certification path is not valid; the kebab-case names (<see cref="PathFailures.ToCode"/>) are part of the API.</summary>
public enum PathFailure
{
    /// <summary><c>malformed</c>: a certificate or extension is badly encoded or breaks the profile's rules.</summary>
    Malformed,

    /// <summary><c>no-path</c>: no chain of certificates leads from the certificate to a trust anchor.</summary>
    NoPath,

    /// <summary><c>too-complex</c>: path building or name-constraint checking exceeded its work budget.</summary>
    TooComplex,

    /// <summary><c>signature-invalid</c>: a certificate's signature does not verify under its issuer's key (§6.1.3 (a)(1)).</summary>
    SignatureInvalid,

    /// <summary><c>algorithm-not-accepted</c>: a signature algorithm or public key is unsupported or too weak.</summary>
    AlgorithmNotAccepted,

    /// <summary><c>not-yet-valid</c>: the validation time is before a certificate's notBefore (§6.1.3 (a)(2)).</summary>
    NotYetValid,

    /// <summary><c>expired</c>: the validation time is after a certificate's notAfter (§6.1.3 (a)(2)).</summary>
    Expired,

    /// <summary><c>not-a-ca</c>: an issuing certificate lacks basicConstraints cA (§6.1.4 (k)).</summary>
    NotCa,

    /// <summary><c>path-length-exceeded</c>: pathLenConstraint or the requested maximum depth is exceeded (§6.1.4 (l)).</summary>
    PathLengthExceeded,

    /// <summary><c>key-usage</c>: keyUsage forbids the use (keyCertSign, cRLSign; §6.1.4 (n)).</summary>
    KeyUsage,

    /// <summary><c>extended-key-usage</c>: extKeyUsage lacks a required purpose.</summary>
    ExtendedKeyUsage,

    /// <summary><c>unknown-critical-extension</c>: a critical extension is not recognised (§6.1.4 (o), §6.1.5 (f)).</summary>
    UnknownCriticalExtension,

    /// <summary><c>policy</c>: explicit policy required but no acceptable policy remains (§6.1.3 (f), §6.1.5 (g)), or a mapping to or from anyPolicy.</summary>
    Policy,

    /// <summary><c>name-constraints</c>: a name violates an issuer's nameConstraints (§6.1.3 (b), (c)).</summary>
    NameConstraints,

    /// <summary><c>revoked</c>: a CRL or OCSP response lists the certificate as revoked (§6.1.3 (a)(3)).</summary>
    Revoked,

    /// <summary><c>revocation-unknown</c>: revocation checking was required and no usable CRL or OCSP response decides it (§6.3.3).</summary>
    RevocationUnknown,

    /// <summary><c>name-mismatch</c>: the end-entity certificate is not for the expected peer name.</summary>
    NameMismatch,
}

/// <summary>Codes of <see cref="PathFailure"/>.</summary>
public static class PathFailures
{
    /// <summary>The kebab-case code, for example <c>signature-invalid</c>.</summary>
    public static string ToCode(this PathFailure failure) => failure switch
    {
        PathFailure.Malformed => "malformed",
        PathFailure.NoPath => "no-path",
        PathFailure.TooComplex => "too-complex",
        PathFailure.SignatureInvalid => "signature-invalid",
        PathFailure.AlgorithmNotAccepted => "algorithm-not-accepted",
        PathFailure.NotYetValid => "not-yet-valid",
        PathFailure.Expired => "expired",
        PathFailure.NotCa => "not-a-ca",
        PathFailure.PathLengthExceeded => "path-length-exceeded",
        PathFailure.KeyUsage => "key-usage",
        PathFailure.ExtendedKeyUsage => "extended-key-usage",
        PathFailure.UnknownCriticalExtension => "unknown-critical-extension",
        PathFailure.Policy => "policy",
        PathFailure.NameConstraints => "name-constraints",
        PathFailure.Revoked => "revoked",
        PathFailure.RevocationUnknown => "revocation-unknown",
        _ => "name-mismatch",
    };
}
