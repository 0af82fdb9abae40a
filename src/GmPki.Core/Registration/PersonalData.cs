using System.Text.RegularExpressions;

namespace GmPki.Core.Registration;

/// <summary>How personal data is shown where it need not be read in full (listings, audit details).</summary>
public static partial class PersonalData
{
    /// <summary>All but the first two and last two characters masked: <c>11**************2X</c>; fully masked when four characters or fewer.</summary>
    public static string Mask(string? value)
        => string.IsNullOrEmpty(value) ? string.Empty
            : value.Length <= 4 ? new string('*', value.Length)
            : value[..2] + new string('*', value.Length - 4) + value[^2..];

    /// <summary>
    /// A subject DN in RFC 4514 text with the value of every serialNumber attribute (X.520 2.5.4.5,
    /// written <c>SERIALNUMBER=</c>, where an identity number may be put) masked as by
    /// <see cref="Mask"/>: <c>CN=张三,SERIALNUMBER=11**************2X</c>. Other attributes unchanged.
    /// </summary>
    public static string MaskSerialNumber(string subjectDn)
    {
        ArgumentNullException.ThrowIfNull(subjectDn);
        return SerialNumberAttribute().Replace(subjectDn, m => m.Groups[1].Value + Mask(m.Groups[2].Value));
    }

    /// <summary>An RFC 4514 serialNumber attribute: its type and its value up to the next unescaped comma or plus.</summary>
    [GeneratedRegex(@"((?:^|(?<!\\)[,+])\s*SERIALNUMBER=)((?:\\.|[^,+\\])*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SerialNumberAttribute();
}
