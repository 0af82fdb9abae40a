using System.Diagnostics.CodeAnalysis;

namespace GmPki.Core.Keys;

/// <summary>Names of <see cref="KeyAlgorithm"/> values as used in configuration, CLI and API.</summary>
public static class KeyAlgorithms
{
    private static readonly Dictionary<string, KeyAlgorithm> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sm2"] = KeyAlgorithm.Sm2,
        ["ecdsa-p256"] = KeyAlgorithm.EcdsaP256,
        ["ecdsa-p384"] = KeyAlgorithm.EcdsaP384,
        ["rsa-2048"] = KeyAlgorithm.Rsa2048,
        ["rsa-3072"] = KeyAlgorithm.Rsa3072,
        ["rsa-4096"] = KeyAlgorithm.Rsa4096,
    };

    /// <summary>All names, in declaration order of <see cref="KeyAlgorithm"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Enum.GetValues<KeyAlgorithm>().Select(ToName)];

    /// <summary>The kebab-case name, for example <c>ecdsa-p256</c>.</summary>
    public static string ToName(this KeyAlgorithm algorithm) => algorithm switch
    {
        KeyAlgorithm.Sm2 => "sm2",
        KeyAlgorithm.EcdsaP256 => "ecdsa-p256",
        KeyAlgorithm.EcdsaP384 => "ecdsa-p384",
        KeyAlgorithm.Rsa2048 => "rsa-2048",
        KeyAlgorithm.Rsa3072 => "rsa-3072",
        KeyAlgorithm.Rsa4096 => "rsa-4096",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, null),
    };

    /// <summary>Parses a name (case-insensitive); false when the name is unknown.</summary>
    public static bool TryParse(string? name, [NotNullWhen(true)] out KeyAlgorithm? algorithm)
    {
        if (name is not null && ByName.TryGetValue(name, out var found))
        {
            algorithm = found;
            return true;
        }

        algorithm = null;
        return false;
    }
}
