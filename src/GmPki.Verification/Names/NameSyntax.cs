namespace GmPki.Verification.Names;

/// <summary>
/// Syntax of the IA5String name forms: DNS names in the preferred name syntax (RFC 1034 §3.5,
/// RFC 1123 §2.1, RFC 5280 §4.2.1.6), with a wildcard only as a whole leftmost label of a SAN
/// (RFC 6125 §6.4.3), and e-mail addresses as RFC 5280 §4.2.1.6 reads RFC 5321.
/// </summary>
internal static class NameSyntax
{
    /// <summary>A host name: labels of letters, digits and inner hyphens, 1–63 octets each, 253 at most.</summary>
    public static bool IsHostName(string name)
    {
        if (name.Length is 0 or > 253)
        {
            return false;
        }

        return name.Split('.').All(IsLabel);
    }

    /// <summary>A dNSName of a certificate: a host name, or <c>*.</c> followed by a host name of at least two labels.</summary>
    public static bool IsDnsSubjectName(string name)
        => name.StartsWith("*.", StringComparison.Ordinal) ? IsHostName(name[2..]) && name[2..].Contains('.', StringComparison.Ordinal) : IsHostName(name);

    /// <summary>An e-mail address <c>local@domain</c> with one <c>@</c>, a non-empty local part and a host-name domain.</summary>
    public static bool IsMailbox(string address)
    {
        var at = address.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == address.LastIndexOf('@') && IsHostName(address[(at + 1)..]) && address[..at].All(c => c > ' ' && c < 0x7F);
    }

    private static bool IsLabel(string label)
        => label.Length is > 0 and <= 63
            && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
            && label[0] != '-' && label[^1] != '-';
}
