using GmPki.Core.Identity;
using System.Text.RegularExpressions;
using GmPki.Core.Errors;
using GmPki.Core.Profiles;

namespace GmPki.Issuance.Identity;

/// <summary>
/// Checks the GM/T 0015 identity extension values supplied with an issuance request against the
/// profile: required ones present, no others, and each value well-formed.
/// </summary>
/// <remarks>
/// <c>identityCode</c> takes a citizen identity number (default), or <c>passport:NUMBER</c> or
/// <c>officer:NUMBER</c>; <c>organizationCode</c> takes a unified social credit code. Other values
/// are PrintableString, 1–64 characters.
/// </remarks>
internal static partial class IdentityValues
{
    /// <summary>Validates and returns the values in extension order.</summary>
    /// <exception cref="GmPkiException"><c>identity-extension-rejected</c>.</exception>
    public static IReadOnlyList<(IdentityExtensionType Type, string Value)> Check(
        CertificateProfile profile, IReadOnlyDictionary<IdentityExtensionType, string> values)
    {
        foreach (var (type, required) in profile.IdentityExtensions)
        {
            if (required && !values.ContainsKey(type))
            {
                throw Errors.IdentityExtensionRejected.With($"profile '{profile.Name}' requires {type.ToName()}.");
            }
        }

        var result = new List<(IdentityExtensionType, string)>();
        foreach (var (type, value) in values.OrderBy(v => v.Key))
        {
            if (!profile.IdentityExtensions.ContainsKey(type))
            {
                throw Errors.IdentityExtensionRejected.With($"profile '{profile.Name}' does not carry {type.ToName()}.");
            }

            var valid = type switch
            {
                IdentityExtensionType.IdentityCode => IsIdentityCode(value),
                IdentityExtensionType.OrganizationCode => ChineseIdentifiers.IsUnifiedSocialCreditCode(value),
                _ => PrintablePattern().IsMatch(value),
            };
            if (!valid)
            {
                throw Errors.IdentityExtensionRejected.With(type switch
                {
                    IdentityExtensionType.IdentityCode => "identityCode must be an 18-character citizen identity number with a valid check character, or passport:NUMBER / officer:NUMBER.",
                    IdentityExtensionType.OrganizationCode => "organizationCode must be an 18-character unified social credit code with a valid check character.",
                    _ => $"{type.ToName()} must be 1–64 PrintableString characters.",
                });
            }

            result.Add((type, value));
        }

        return result;
    }

    private static bool IsIdentityCode(string value)
    {
        var separator = value.IndexOf(':', StringComparison.Ordinal);
        if (separator < 0)
        {
            return ChineseIdentifiers.IsCitizenIdentityNumber(value);
        }

        var number = value[(separator + 1)..];
        return value[..separator] switch
        {
            "passport" => PrintablePattern().IsMatch(number),
            "officer" => number.Length is > 0 and <= 64 && !number.Any(char.IsControl), // UTF8String: 军字第…号
            _ => false,
        };
    }

    [GeneratedRegex(@"^[A-Za-z0-9 '()+,\-./:=?]{1,64}$")]
    private static partial Regex PrintablePattern();
}
