using GmPki.Registration.Retention;

namespace GmPki.Hosting.Configuration;

/// <summary>Section <c>Registration</c>: the registration authority's deployment switches.</summary>
public sealed class RegistrationSettings
{
    /// <summary>
    /// Whether registration may be delegated to agencies (受委托机构, M24 §25). Set false where
    /// delegation is forbidden (D §22, e-government CAs): no agency can then be registered and
    /// agency operators cannot act. Default true.
    /// </summary>
    public bool DelegationEnabled { get; set; } = true;

    /// <summary>Years registration records are kept after the certificate stops being valid (M09 §24: at least 5; GMPKI-REG-001).</summary>
    public int RetentionYears { get; set; } = 5;

    /// <summary>The same for government departments and their staff (M09 §24: at least 10; GMPKI-REG-002).</summary>
    public int GovernmentRetentionYears { get; set; } = 10;

    /// <summary>
    /// Profiles whose certificates are government certificates, kept <see cref="GovernmentRetentionYears"/>
    /// however their holder is linked (a staff member with no department on record included).
    /// Default <c>government-staff</c> and <c>government-staff-encryption</c>.
    /// </summary>
    public string[] GovernmentProfiles { get; set; } = [.. RetentionPolicy.DefaultGovernmentProfiles];
}
