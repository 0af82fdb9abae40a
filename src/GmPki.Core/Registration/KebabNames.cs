using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace GmPki.Core.Registration;

/// <summary>
/// Kebab-case names of enum values (<c>GovernmentDepartment</c> ↔ <c>government-department</c>),
/// as used by the registration API, CLI and ledger.
/// </summary>
public static class KebabNames
{
    /// <summary>The kebab-case name of <paramref name="value"/>.</summary>
    public static string Of<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('-');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }

    /// <summary>Parses a kebab-case name (case-insensitive); false when no value has it.</summary>
    public static bool TryParse<T>(string? name, [NotNullWhen(true)] out T? value)
        where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(Of(candidate), name, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = null;
        return false;
    }

    /// <summary>All names of <typeparamref name="T"/>, in declaration order.</summary>
    public static IReadOnlyList<string> All<T>()
        where T : struct, Enum => [.. Enum.GetValues<T>().Select(Of)];
}
