using GmPki.Core.Keys;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;

namespace GmPki.Cryptography.Signing;

/// <summary>
/// BouncyCastle <see cref="ISignatureFactory"/> over an <see cref="ISigningKey"/>, so BouncyCastle
/// generators (PKCS#10, X.509, CRL, OCSP) can sign with any GmPki key — including SM3withSM2,
/// which BouncyCastle 1.8.10's <c>Asn1SignatureFactory</c> does not know.
/// </summary>
public sealed class SigningKeySignatureFactory : ISignatureFactory
{
    private readonly ISigningKey _key;

    /// <summary>Wraps <paramref name="key"/>.</summary>
    public SigningKeySignatureFactory(ISigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        _key = key;
        AlgorithmDetails = AlgorithmIdentifier.GetInstance(key.SignatureAlgorithm.ToArray());
    }

    /// <summary>The signature <see cref="AlgorithmIdentifier"/> of the key.</summary>
    public object AlgorithmDetails { get; }

    /// <summary>A calculator that buffers the data written to its stream and signs it on <c>GetResult</c>.</summary>
    public IStreamCalculator CreateCalculator() => new Calculator(_key);

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "A MemoryStream holds no unmanaged resources; BouncyCastle never disposes calculators.")]
    private sealed class Calculator(ISigningKey key) : IStreamCalculator
    {
        private readonly MemoryStream _buffer = new();

        public Stream Stream => _buffer;

        // BouncyCastle closes the stream before asking for the result; ToArray works on a closed MemoryStream.
        public object GetResult() => new SimpleBlockResult(key.Sign(_buffer.ToArray()));
    }
}
