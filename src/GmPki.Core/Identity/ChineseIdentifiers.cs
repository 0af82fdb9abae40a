namespace GmPki.Core.Identity;

/// <summary>
/// Check characters of Chinese identifiers: the 18-character citizen identity number
/// (GB 11643-1999, ISO 7064 MOD 11-2) and the 18-character unified social credit code
/// (GB 32100-2015, MOD 31).
/// </summary>
public static class ChineseIdentifiers
{
    private static readonly int[] IdentityWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string IdentityCheck = "10X98765432";
    private static readonly int[] CreditWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    private const string CreditAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /// <summary>True when <paramref name="value"/> is a well-formed 18-character citizen identity number with a correct check character.</summary>
    public static bool IsCitizenIdentityNumber(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length == 18 && CitizenIdentityCheck(value[..17]) is { } check && char.ToUpperInvariant(value[17]) == check;
    }

    /// <summary>The check character (0–9 or X) of a citizen identity number's first 17 digits, or null when they are not 17 ASCII digits.</summary>
    public static char? CitizenIdentityCheck(string first17)
    {
        ArgumentNullException.ThrowIfNull(first17);
        if (first17.Length != 17 || !first17.All(char.IsAsciiDigit))
        {
            return null;
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * IdentityWeights[i];
        }

        return IdentityCheck[sum % 11];
    }

    /// <summary>True when <paramref name="value"/> is a well-formed unified social credit code with a correct check character.</summary>
    public static bool IsUnifiedSocialCreditCode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length == 18 && UnifiedSocialCreditCheck(value[..17]) is { } check && value[17] == check;
    }

    /// <summary>The check character of a unified social credit code's first 17 characters, or null when they are not from its alphabet.</summary>
    public static char? UnifiedSocialCreditCheck(string first17)
    {
        ArgumentNullException.ThrowIfNull(first17);
        if (first17.Length != 17)
        {
            return null;
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var digit = CreditAlphabet.IndexOf(first17[i], StringComparison.Ordinal);
            if (digit < 0)
            {
                return null;
            }

            sum += digit * CreditWeights[i];
        }

        return CreditAlphabet[(31 - (sum % 31)) % 31];
    }
}
