using System.Security.Cryptography;
using GmPki.Cryptography.Sm;

namespace GmPki.Status.Ocsp;

/// <summary>The hash algorithms the responder accepts in a CertID (RFC 6960 §4.1.1): SHA-1, SHA-256 and SM3 (GM/T 0004).</summary>
public enum CertIdHash
{
    /// <summary>SHA-1, <c>1.3.14.3.2.26</c> (what <c>openssl ocsp</c> sends by default).</summary>
    Sha1,

    /// <summary>SHA-256, <c>2.16.840.1.101.3.4.2.1</c>.</summary>
    Sha256,

    /// <summary>SM3, <c>1.2.156.10197.1.401</c>.</summary>
    Sm3,
}

/// <summary>OIDs and digests of <see cref="CertIdHash"/>.</summary>
internal static class CertIdHashes
{
    /// <summary>Every accepted algorithm.</summary>
    public static readonly CertIdHash[] All = [CertIdHash.Sha1, CertIdHash.Sha256, CertIdHash.Sm3];

    /// <summary>The algorithm's OID.</summary>
    public static string Oid(CertIdHash hash) => hash switch
    {
        CertIdHash.Sha1 => "1.3.14.3.2.26",
        CertIdHash.Sha256 => "2.16.840.1.101.3.4.2.1",
        _ => "1.2.156.10197.1.401",
    };

    /// <summary>The algorithm with OID <paramref name="oid"/>, or null when it is not accepted.</summary>
    public static CertIdHash? Find(string oid) => All.Cast<CertIdHash?>().FirstOrDefault(h => Oid(h!.Value) == oid);

    /// <summary>Digest of <paramref name="data"/>.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350", Justification = "RFC 6960 CertIDs and ResponderID byKey are SHA-1 by definition; identifiers, not a security use.")]
    public static byte[] Digest(CertIdHash hash, ReadOnlySpan<byte> data) => hash switch
    {
        CertIdHash.Sha1 => SHA1.HashData(data),
        CertIdHash.Sha256 => SHA256.HashData(data),
        _ => Sm3.Hash(data),
    };
}
