namespace GmPki.Core.Keys;

/// <summary>
/// A public-key algorithm with its parameters (curve or modulus size). The kebab-case names
/// (<c>sm2</c>, <c>ecdsa-p256</c>, …) are part of the configuration and CLI interface; see
/// <see cref="KeyAlgorithms"/>.
/// </summary>
public enum KeyAlgorithm
{
    /// <summary>SM2 on the curve <c>1.2.156.10197.1.301</c> (GB/T 32918, GM/T 0003); signs SM3withSM2.</summary>
    Sm2,

    /// <summary>ECDSA on NIST P-256 (secp256r1); signs ecdsa-with-SHA256.</summary>
    EcdsaP256,

    /// <summary>ECDSA on NIST P-384 (secp384r1); signs ecdsa-with-SHA384.</summary>
    EcdsaP384,

    /// <summary>RSA with a 2048-bit modulus; signs sha256WithRSAEncryption.</summary>
    Rsa2048,

    /// <summary>RSA with a 3072-bit modulus; signs sha256WithRSAEncryption.</summary>
    Rsa3072,

    /// <summary>RSA with a 4096-bit modulus; signs sha256WithRSAEncryption.</summary>
    Rsa4096,
}
