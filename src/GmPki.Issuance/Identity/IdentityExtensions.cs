using GmPki.Core.Profiles;

namespace GmPki.Issuance.Identity;

/// <summary>Names and OIDs of the GM/T 0015-2012 identity extensions.</summary>
public static class IdentityExtensions
{
    /// <summary>The configuration/API name, for example <c>identityCode</c>.</summary>
    public static string ToName(this IdentityExtensionType type) => type switch
    {
        IdentityExtensionType.IdentityCode => "identityCode",
        IdentityExtensionType.InsuranceNumber => "insuranceNumber",
        IdentityExtensionType.IcRegistrationNumber => "icRegistrationNumber",
        IdentityExtensionType.OrganizationCode => "organizationCode",
        IdentityExtensionType.TaxationNumber => "taxationNumber",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>The extension OID, <c>1.2.156.10260.4.1.1</c> … <c>.5</c>.</summary>
    public static string Oid(this IdentityExtensionType type) => "1.2.156.10260.4.1." + ((int)type + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Parses a name (case-insensitive).</summary>
    public static IdentityExtensionType? Parse(string name)
        => Enum.GetValues<IdentityExtensionType>().Cast<IdentityExtensionType?>()
            .FirstOrDefault(t => string.Equals(t!.Value.ToName(), name, StringComparison.OrdinalIgnoreCase));
}
