namespace GmPki.Verification.Names;

/// <summary>
/// Whether a name lies in a constraint's subtree (RFC 5280 §4.2.1.10): DNS names by adding
/// labels on the left; e-mail addresses by mailbox, host or domain; URIs by their host; IP
/// addresses by address and mask; directory names by RDN prefix. Names that are malformed for
/// their form are never inside a permitted subtree and always inside an excluded one.
/// </summary>
internal static class NameMatching
{
    /// <summary>True when every name <paramref name="name"/> stands for is in <paramref name="constraint"/>'s subtree.</summary>
    public static bool IsWithin(NameValue name, NameValue constraint) => name.Form switch
    {
        NameForm.Dns => Dns(name.Text!, constraint.Text!, excluded: false),
        NameForm.Rfc822 => NameSyntax.IsMailbox(name.Text!) && Mailbox(name.Text!, constraint.Text!),
        NameForm.Uri => UriHost(name.Text!) is { } host && Host(host, constraint.Text!),
        NameForm.Ip => Ip(name.Octets!, constraint.Octets!) == true,
        NameForm.Directory => name.Directory!.IsWithin(constraint.Directory!),
        _ => false,
    };

    /// <summary>
    /// True when some name <paramref name="name"/> stands for may be in the subtree: as
    /// <see cref="IsWithin"/>, and also a wildcard DNS name that could match a name of the
    /// subtree (<c>*.example.com</c> against <c>bar.example.com</c>), and any malformed name.
    /// </summary>
    public static bool MayMatch(NameValue name, NameValue constraint) => name.Form switch
    {
        NameForm.Dns => Dns(name.Text!, constraint.Text!, excluded: true),
        NameForm.Rfc822 => !NameSyntax.IsMailbox(name.Text!) || Mailbox(name.Text!, constraint.Text!),
        NameForm.Uri => UriHost(name.Text!) is not { } host || Host(host, constraint.Text!),
        NameForm.Ip => Ip(name.Octets!, constraint.Octets!) != false,
        _ => IsWithin(name, constraint),
    };

    /// <summary>DNS name matching for a peer: exact, or a leftmost <c>*</c> label standing for exactly one label (RFC 6125 §6.4.3).</summary>
    public static bool MatchesHost(string pattern, string host)
    {
        if (!NameSyntax.IsDnsSubjectName(pattern))
        {
            return false;
        }

        if (pattern.StartsWith("*.", StringComparison.Ordinal))
        {
            var dot = host.IndexOf('.', StringComparison.Ordinal);
            return dot > 0 && string.Equals(pattern[2..], host[(dot + 1)..], StringComparison.OrdinalIgnoreCase);
        }

        return string.Equals(pattern, host, StringComparison.OrdinalIgnoreCase);
    }

    private static bool Dns(string name, string constraint, bool excluded)
    {
        if (!NameSyntax.IsDnsSubjectName(name))
        {
            return excluded;
        }

        if (constraint.Length == 0)
        {
            return true;
        }

        if (!name.StartsWith("*.", StringComparison.Ordinal))
        {
            return InDomain(name, constraint);
        }

        var parent = name[2..];
        if (InDomain(parent, constraint))
        {
            return true;
        }

        // *.example.com can stand for bar.example.com: one label more than the wildcard's parent.
        var dot = constraint.IndexOf('.', StringComparison.Ordinal);
        return excluded && dot > 0 && string.Equals(constraint[(dot + 1)..], parent, StringComparison.OrdinalIgnoreCase);
    }

    private static bool InDomain(string name, string domain)
        => string.Equals(name, domain, StringComparison.OrdinalIgnoreCase)
            || name.EndsWith("." + domain, StringComparison.OrdinalIgnoreCase);

    private static bool Mailbox(string address, string constraint)
    {
        var at = address.LastIndexOf('@');
        var domain = address[(at + 1)..];
        if (constraint.Contains('@', StringComparison.Ordinal))
        {
            var constraintAt = constraint.LastIndexOf('@');
            return string.Equals(address[..at], constraint[..constraintAt], StringComparison.Ordinal)
                && string.Equals(domain, constraint[(constraintAt + 1)..], StringComparison.OrdinalIgnoreCase);
        }

        return Host(domain, constraint);
    }

    private static bool Host(string host, string constraint)
        => constraint.StartsWith('.')
            ? host.EndsWith(constraint, StringComparison.OrdinalIgnoreCase)
            : string.Equals(host, constraint, StringComparison.OrdinalIgnoreCase);

    private static string? UriHost(string uri)
        => Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.HostNameType == UriHostNameType.Dns && parsed.Host.Length > 0 ? parsed.Host : null;

    /// <summary>True inside, false outside, null when the address is malformed or of the other family.</summary>
    private static bool? Ip(byte[] address, byte[] constraint)
    {
        if (address.Length is not (4 or 16))
        {
            return null;
        }

        if (constraint.Length != address.Length * 2)
        {
            return false;
        }

        for (var i = 0; i < address.Length; i++)
        {
            var mask = constraint[address.Length + i];
            if ((address[i] & mask) != (constraint[i] & mask))
            {
                return false;
            }
        }

        return true;
    }
}
