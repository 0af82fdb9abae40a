using System.Security.Cryptography;

namespace GmPki.Cryptography.Signing;

/// <summary>Public-key family a signature algorithm belongs to.</summary>
public enum KeyFamily
{
    /// <summary>SM2 (GB/T 32918).</summary>
    Sm2,

    /// <summary>ECDSA (FIPS 186-4) on NIST curves.</summary>
    Ecdsa,

    /// <summary>RSA PKCS#1 v1.5 (RFC 8017).</summary>
    Rsa,

    /// <summary>DSA (FIPS 186-4, RFC 3279 §2.2.2); verified only, for relying parties and legacy test suites.</summary>
    Dsa,
}

/// <summary>
/// A signature algorithm GmPki recognises, identified by its AlgorithmIdentifier OID.
/// </summary>
/// <param name="Oid">Dotted OID of the AlgorithmIdentifier.</param>
/// <param name="Name">Conventional name, for example <c>SM3withSM2</c>.</param>
/// <param name="Family">Key family that makes such signatures.</param>
/// <param name="Hash">Hash algorithm (SM3 is represented by the name <c>SM3</c>).</param>
/// <param name="Accepted">False for algorithms recognised only to be refused (MD5, SHA-1).</param>
public sealed record SignatureAlgorithm(string Oid, string Name, KeyFamily Family, HashAlgorithmName Hash, bool Accepted)
{
    /// <summary>The SM3 hash name.</summary>
    public static readonly HashAlgorithmName Sm3 = new("SM3");

    private static readonly Dictionary<string, SignatureAlgorithm> Known = new[]
    {
        new SignatureAlgorithm("1.2.156.10197.1.501", "SM3withSM2", KeyFamily.Sm2, Sm3, true),
        new SignatureAlgorithm("1.2.840.10045.4.3.2", "ecdsa-with-SHA256", KeyFamily.Ecdsa, HashAlgorithmName.SHA256, true),
        new SignatureAlgorithm("1.2.840.10045.4.3.3", "ecdsa-with-SHA384", KeyFamily.Ecdsa, HashAlgorithmName.SHA384, true),
        new SignatureAlgorithm("1.2.840.10045.4.3.4", "ecdsa-with-SHA512", KeyFamily.Ecdsa, HashAlgorithmName.SHA512, true),
        new SignatureAlgorithm("1.2.840.113549.1.1.11", "sha256WithRSAEncryption", KeyFamily.Rsa, HashAlgorithmName.SHA256, true),
        new SignatureAlgorithm("1.2.840.113549.1.1.12", "sha384WithRSAEncryption", KeyFamily.Rsa, HashAlgorithmName.SHA384, true),
        new SignatureAlgorithm("1.2.840.113549.1.1.13", "sha512WithRSAEncryption", KeyFamily.Rsa, HashAlgorithmName.SHA512, true),
        new SignatureAlgorithm("1.2.840.10045.4.1", "ecdsa-with-SHA1", KeyFamily.Ecdsa, HashAlgorithmName.SHA1, false),
        new SignatureAlgorithm("1.2.840.113549.1.1.5", "sha1WithRSAEncryption", KeyFamily.Rsa, HashAlgorithmName.SHA1, false),
        new SignatureAlgorithm("1.2.840.113549.1.1.4", "md5WithRSAEncryption", KeyFamily.Rsa, HashAlgorithmName.MD5, false),
        new SignatureAlgorithm("2.16.840.1.101.3.4.3.2", "dsa-with-SHA256", KeyFamily.Dsa, HashAlgorithmName.SHA256, true),
        new SignatureAlgorithm("1.2.840.10040.4.3", "dsa-with-SHA1", KeyFamily.Dsa, HashAlgorithmName.SHA1, false),
    }.ToDictionary(a => a.Oid);

    /// <summary>Looks up an algorithm by OID; null when GmPki does not know it.</summary>
    public static SignatureAlgorithm? Find(string oid) => Known.GetValueOrDefault(oid);

    /// <summary>
    /// The algorithm of <paramref name="family"/> with <paramref name="hash"/>, for structures that
    /// name the key algorithm and the digest separately (CMS SignerInfo with rsaEncryption,
    /// id-ecPublicKey or the GM/T 0010 sm2 OIDs, RFC 5652 §5.3); null when there is none.
    /// </summary>
    public static SignatureAlgorithm? Find(KeyFamily family, HashAlgorithmName hash)
        => Known.Values.FirstOrDefault(a => a.Family == family && a.Hash == hash);
}
