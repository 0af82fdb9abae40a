namespace GmPki.Verification.Paths;

/// <summary>
/// Lower-case names of the validation options' enum values as the CLI and the REST API spell
/// them: <c>rfc5280</c>, <c>webpki</c> and <c>strict</c> (<see cref="ValidationProfile"/>), <c>none</c>,
/// <c>leaf</c> and <c>chain</c> (<see cref="RevocationMode"/>).
/// </summary>
public static class OptionNames
{
    /// <summary>Parses a name case-insensitively; numbers are not names.</summary>
    /// <returns>False when <paramref name="text"/> names no value.</returns>
    public static bool TryParse<T>(string? text, out T value)
        where T : struct, Enum
    {
        value = default;
        return text is { Length: > 0 } && char.IsAsciiLetter(text[0]) && Enum.TryParse(text, ignoreCase: true, out value) && Enum.IsDefined(value);
    }

    /// <summary>The names, comma-separated, for messages.</summary>
    public static string List<T>()
        where T : struct, Enum => string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()));
}
