using System.Security.Cryptography;
using GmPki.Core.Keys;

namespace GmPki.Cryptography.Keys;

/// <summary>
/// Keys that live only in memory and can never be exported: for throwaway uses (tests,
/// benchmarks, one-off signatures).
/// </summary>
public static class EphemeralKeys
{
    /// <summary>Generates a new key.</summary>
    /// <param name="algorithm">Algorithm and size.</param>
    /// <param name="sm2UserId">SM2 signer ID; the GM/T default when null. Ignored for other algorithms.</param>
    public static ISigningKey Generate(KeyAlgorithm algorithm, ReadOnlyMemory<byte>? sm2UserId = null)
    {
        var (key, pkcs8) = SigningKeys.Generate(algorithm, sm2UserId ?? Sm.Sm2UserId.Default);
        CryptographicOperations.ZeroMemory(pkcs8);
        return key;
    }
}
