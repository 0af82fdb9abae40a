using System.Security.Cryptography;
using GmPki.Cryptography.Signing;
using GmPki.Cryptography.Sm;

namespace GmPki.Cryptography.Hashing;

/// <summary>
/// A message digest algorithm identified by its AlgorithmIdentifier OID, as used in CMS
/// (RFC 5652 §10.1.1, RFC 5754), RFC 3161 message imprints and GM/T 0010.
/// </summary>
/// <param name="Oid">Dotted OID.</param>
/// <param name="Name">Conventional name, for example <c>SM3</c>.</param>
/// <param name="Hash">The hash (SM3 as <see cref="SignatureAlgorithm.Sm3"/>).</param>
/// <param name="Length">Digest length in bytes.</param>
public sealed record DigestAlgorithm(string Oid, string Name, HashAlgorithmName Hash, int Length)
{
    private static readonly Dictionary<string, DigestAlgorithm> Known = new[]
    {
        new DigestAlgorithm("1.2.156.10197.1.401", "SM3", SignatureAlgorithm.Sm3, 32),
        new DigestAlgorithm("2.16.840.1.101.3.4.2.1", "SHA-256", HashAlgorithmName.SHA256, 32),
        new DigestAlgorithm("2.16.840.1.101.3.4.2.2", "SHA-384", HashAlgorithmName.SHA384, 48),
        new DigestAlgorithm("2.16.840.1.101.3.4.2.3", "SHA-512", HashAlgorithmName.SHA512, 64),
        new DigestAlgorithm("1.3.14.3.2.26", "SHA-1", HashAlgorithmName.SHA1, 20),
    }.ToDictionary(a => a.Oid);

    /// <summary>SM3 (GB/T 32905), the GM/T default.</summary>
    public static DigestAlgorithm Sm3Digest => Known["1.2.156.10197.1.401"];

    /// <summary>Looks up an algorithm by OID; null when GmPki does not know it.</summary>
    public static DigestAlgorithm? Find(string oid) => Known.GetValueOrDefault(oid);

    /// <summary>Looks up an algorithm by hash; null when GmPki does not know it.</summary>
    public static DigestAlgorithm? Find(HashAlgorithmName hash) => Known.Values.FirstOrDefault(a => a.Hash == hash);

    /// <summary>Hashes <paramref name="data"/>; returns <see cref="Length"/> bytes.</summary>
    public byte[] Compute(ReadOnlySpan<byte> data)
        => Hash == SignatureAlgorithm.Sm3 ? Sm3.Hash(data) : CryptographicOperations.HashData(Hash, data);
}
