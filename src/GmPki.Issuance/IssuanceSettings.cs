using GmPki.Issuance.Authorities;

namespace GmPki.Issuance;

/// <summary>Settings of the issuance cycle.</summary>
/// <param name="Urls">URLs written into certificates.</param>
/// <param name="Backdate">How far notBefore is set before the moment of issuance, to absorb
/// relying parties' clock skew (0–1 hour; default 5 minutes), but never before the issuing CA's notBefore.</param>
public sealed record IssuanceSettings(PublicationUrls Urls, TimeSpan Backdate)
{
    /// <summary>The default backdating: five minutes.</summary>
    public static readonly TimeSpan DefaultBackdate = TimeSpan.FromMinutes(5);
}
