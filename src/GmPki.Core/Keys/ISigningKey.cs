namespace GmPki.Core.Keys;

/// <summary>
/// A private signing key. Implementations are the only code in GmPki that touches private key
/// material (so a hardware module can hold it); everything else sees the public half and signatures.
/// </summary>
/// <remarks>
/// For SM2 the signer's user ID (GM/T 0009 §5; default <c>1234567812345678</c>) is a property of
/// the key, fixed when the key is opened, so every signature of one key uses the same ID.
/// Implementations must be safe for concurrent use.
/// </remarks>
public interface ISigningKey
{
    /// <summary>The key's algorithm and parameters.</summary>
    KeyAlgorithm Algorithm { get; }

    /// <summary>DER <c>SubjectPublicKeyInfo</c> (RFC 5280 §4.1.2.7) of the public half.</summary>
    ReadOnlyMemory<byte> SubjectPublicKeyInfo { get; }

    /// <summary>
    /// DER <c>AlgorithmIdentifier</c> of the signatures <see cref="Sign"/> makes: SM3withSM2
    /// (<c>1.2.156.10197.1.501</c>, no parameters), ecdsa-with-SHA256/-SHA384 (RFC 5758), or
    /// sha256WithRSAEncryption (RFC 4055, NULL parameters).
    /// </summary>
    ReadOnlyMemory<byte> SignatureAlgorithm { get; }

    /// <summary>
    /// Hashes and signs <paramref name="data"/> (the whole message, not a digest). Returns the
    /// signature value as it goes into a BIT STRING: DER <c>SEQUENCE { r, s }</c> for SM2 and
    /// ECDSA, the PKCS#1 v1.5 block for RSA.
    /// </summary>
    byte[] Sign(ReadOnlySpan<byte> data);
}
