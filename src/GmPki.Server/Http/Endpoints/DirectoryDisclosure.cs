using GmPki.Core.Profiles;

namespace GmPki.Server.Http.Endpoints;

/// <summary>
/// What the anonymous directory discloses of a certificate (docs/status-services.md, "Personal data
/// in the directory"). A profile that writes a person's identity number into its certificates
/// (GM/T 0015 identityCode or insuranceNumber) is <em>withheld</em>: its certificates are never
/// listed by a search and never downloaded; an exact-serial lookup gives their status entry only,
/// with any subject serialNumber masked. Certificates of a profile no longer configured are withheld
/// too, since what they carry is unknown. Everything else is listed and downloadable.
/// </summary>
internal sealed class DirectoryDisclosure(IReadOnlyDictionary<string, CertificateProfile> profiles)
{
    /// <summary>The configured profiles whose certificates carry no identity number, in ordinal order: the only ones a search lists.</summary>
    public IReadOnlyList<string> Listed { get; } =
        [.. profiles.Values.Where(p => !CarriesIdentityNumber(p)).Select(p => p.Name).Order(StringComparer.Ordinal)];

    /// <summary>Whether certificates of <paramref name="profile"/> are withheld (identity-bearing or not configured).</summary>
    public bool Withholds(string profile) => !Listed.Contains(profile, StringComparer.Ordinal);

    /// <summary>Whether the profile writes a person's identity number: identityCode (resident ID card, passport, officer number) or insuranceNumber.</summary>
    private static bool CarriesIdentityNumber(CertificateProfile profile)
        => profile.IdentityExtensions.ContainsKey(IdentityExtensionType.IdentityCode) || profile.IdentityExtensions.ContainsKey(IdentityExtensionType.InsuranceNumber);
}
