namespace GmPki.Core.Registration;

/// <summary>
/// A delegated registration agency (受委托机构, M24 §25): registers subscribers and takes
/// applications in the CA's name, only within <see cref="Scope"/>. It has no parent and no
/// children: sub-delegation cannot be expressed. The agreement must be filed (备案) with the
/// authority within 30 days, and each change again within 30 days (<see cref="AgencyFiling"/>).
/// </summary>
/// <param name="Code">Unique code, <c>[a-z0-9-]{2,32}</c>; operators and records name the agency by it.</param>
/// <param name="Name">Legal name of the agency.</param>
/// <param name="ResponsiblePerson">Name of the person responsible (负责人).</param>
/// <param name="ServiceAddresses">Addresses of its service points (at least one).</param>
/// <param name="Scope">What the agency may do.</param>
/// <param name="AgreementDate">Date the delegation agreement was signed (China Standard Time calendar date).</param>
/// <param name="FiledOn">Date the agreement was filed, or null while not filed.</param>
/// <param name="ChangedOn">Date of the last change of name, person, addresses or scope, or null when never changed.</param>
/// <param name="ChangeFiledOn">Date the last change was filed, or null while not filed (or never changed).</param>
/// <param name="Suspended">A suspended agency's operators cannot act.</param>
/// <param name="Version">Write counter, 0 when created; guards concurrent changes.</param>
/// <param name="UpdatedAt">UTC instant of the last write.</param>
public sealed record Agency(
    string Code,
    string Name,
    string ResponsiblePerson,
    IReadOnlyList<string> ServiceAddresses,
    AgencyScope Scope,
    DateOnly AgreementDate,
    DateOnly? FiledOn,
    DateOnly? ChangedOn,
    DateOnly? ChangeFiledOn,
    bool Suspended,
    int Version,
    DateTime UpdatedAt);

/// <summary>What a delegated agency may do (M24 §25: 委托的范围).</summary>
/// <param name="Profiles">Certificate profiles it may take applications for.</param>
/// <param name="SubscriberTypes">Kinds of subscriber it may register.</param>
/// <param name="Regions">
/// GB/T 2260 administrative division codes it serves (six digits); a code covers its
/// subdivisions: <c>330000</c> (a province) covers <c>330100</c> and <c>330106</c>,
/// <c>330100</c> (a city) covers <c>330106</c>.
/// </param>
public sealed record AgencyScope(IReadOnlyList<string> Profiles, IReadOnlyList<SubscriberType> SubscriberTypes, IReadOnlyList<string> Regions)
{
    /// <summary>Whether <paramref name="region"/> (six digits) lies within one of <see cref="Regions"/>.</summary>
    public bool Covers(string region)
    {
        ArgumentNullException.ThrowIfNull(region);
        return Regions.Any(r => region.StartsWith(Prefix(r), StringComparison.Ordinal));
    }

    /// <summary>The significant digits of a division code: trailing <c>00</c> pairs removed (<c>330100</c> → <c>3301</c>).</summary>
    private static string Prefix(string code)
    {
        var prefix = code;
        while (prefix.Length > 2 && prefix.EndsWith("00", StringComparison.Ordinal))
        {
            prefix = prefix[..^2];
        }

        return prefix;
    }
}
