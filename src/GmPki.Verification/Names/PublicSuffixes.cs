namespace GmPki.Verification.Names;

/// <summary>
/// The Public Suffix List (publicsuffix.org), read from the operating system's copy
/// (Debian package <c>publicsuffix</c>: <c>/usr/share/publicsuffix/public_suffix_list.dat</c>),
/// so the Web PKI profile can refuse wildcards directly under a public suffix (CA/B BR
/// §3.2.2.6). Without the file the check is skipped.
/// </summary>
internal static class PublicSuffixes
{
    /// <summary>Where Debian installs the list.</summary>
    public const string DefaultFile = "/usr/share/publicsuffix/public_suffix_list.dat";

    private static readonly Lazy<(HashSet<string> Rules, HashSet<string> Wildcards, HashSet<string> Exceptions)?> List = new(Load);

    /// <summary>Whether the list could be read.</summary>
    public static bool Available => List.Value is not null;

    /// <summary>True when <paramref name="domain"/> is itself a public suffix (for example <c>com</c>, <c>co.uk</c>, <c>s3.amazonaws.com</c>).</summary>
    public static bool IsPublicSuffix(string domain)
    {
        if (List.Value is not { } list)
        {
            return false;
        }

        var name = domain.ToLowerInvariant();
        if (list.Exceptions.Contains(name))
        {
            return false;
        }

        var dot = name.IndexOf('.', StringComparison.Ordinal);
        return list.Rules.Contains(name) || (dot > 0 && list.Wildcards.Contains(name[(dot + 1)..]));
    }

    private static (HashSet<string>, HashSet<string>, HashSet<string>)? Load()
    {
        if (!File.Exists(DefaultFile))
        {
            return null;
        }

        var rules = new HashSet<string>(StringComparer.Ordinal);
        var wildcards = new HashSet<string>(StringComparer.Ordinal);
        var exceptions = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in File.ReadLines(DefaultFile))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }

            var ascii = new System.Globalization.IdnMapping().GetAscii(line.TrimStart('!', '*', '.')).ToLowerInvariant();
            (line.StartsWith('!') ? exceptions : line.StartsWith("*.", StringComparison.Ordinal) ? wildcards : rules).Add(ascii);
        }

        return (rules, wildcards, exceptions);
    }
}
