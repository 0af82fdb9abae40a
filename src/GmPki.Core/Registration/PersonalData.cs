namespace GmPki.Core.Registration;

/// <summary>How personal data is shown where it need not be read in full (listings, audit details).</summary>
public static class PersonalData
{
    /// <summary>All but the first two and last two characters masked: <c>11**************2X</c>; fully masked when four characters or fewer.</summary>
    public static string Mask(string? value)
        => string.IsNullOrEmpty(value) ? string.Empty
            : value.Length <= 4 ? new string('*', value.Length)
            : value[..2] + new string('*', value.Length - 4) + value[^2..];
}
