using GmPki.Core.Keys;

namespace GmPki.Issuance.Authorities;

/// <summary>
/// What <see cref="CaHierarchy.CreateAsync"/> builds: a self-signed root and one issuing CA.
/// Names are written as UTF8String, so Chinese names work.
/// </summary>
/// <param name="Algorithm">Key algorithm of both CAs (SM2 by default).</param>
/// <param name="Organization">The CA institution's name (电子认证服务机构名称, M24 §19(1)), the O attribute of both CA names.</param>
/// <param name="Country">ISO 3166 two-letter country code.</param>
/// <param name="RootCommonName">CN of the root.</param>
/// <param name="IssuingCommonName">CN of the issuing CA.</param>
/// <param name="RootValidityYears">Root lifetime in years (1–30).</param>
/// <param name="IssuingValidityYears">Issuing CA lifetime in years (1–20, at most the root's).</param>
/// <param name="Sm2UserId">SM2 signer ID of both CAs (GM/T 0009 default <c>1234567812345678</c>).</param>
public sealed record HierarchyOptions(
    KeyAlgorithm Algorithm,
    string Organization,
    string Country,
    string RootCommonName,
    string IssuingCommonName,
    int RootValidityYears = 20,
    int IssuingValidityYears = 10,
    string Sm2UserId = Cryptography.Sm.Sm2UserId.DefaultText)
{
    /// <summary>Label of the root in the ledger and in URLs.</summary>
    public const string RootLabel = "root";

    /// <summary>Label of the issuing CA in the ledger and in URLs.</summary>
    public const string IssuingLabel = "issuing";
}
