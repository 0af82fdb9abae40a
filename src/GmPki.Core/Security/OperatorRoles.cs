using System.Diagnostics.CodeAnalysis;

namespace GmPki.Core.Security;

/// <summary>Kebab-case names of <see cref="OperatorRole"/> as used in the CLI, API and database.</summary>
public static class OperatorRoles
{
    /// <summary>The kebab-case name, for example <c>ca-administrator</c>.</summary>
    public static string ToName(this OperatorRole role) => role switch
    {
        OperatorRole.Registrar => "registrar",
        OperatorRole.Reviewer => "reviewer",
        OperatorRole.AgencyOperator => "agency-operator",
        OperatorRole.CaAdministrator => "ca-administrator",
        OperatorRole.SecurityOfficer => "security-officer",
        OperatorRole.AuditOfficer => "audit-officer",
        OperatorRole.Inspector => "inspector",
        OperatorRole.KmcOfficer => "kmc-officer",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    /// <summary>All role names.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Enum.GetValues<OperatorRole>().Select(ToName)];

    /// <summary>Parses a kebab-case name (case-insensitive).</summary>
    public static bool TryParse(string? name, [NotNullWhen(true)] out OperatorRole? role)
    {
        foreach (var candidate in Enum.GetValues<OperatorRole>())
        {
            if (string.Equals(candidate.ToName(), name, StringComparison.OrdinalIgnoreCase))
            {
                role = candidate;
                return true;
            }
        }

        role = null;
        return false;
    }
}
