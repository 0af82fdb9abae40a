using System.Text;

namespace GmPki.Storage.Ledger;

/// <summary>
/// LIKE patterns over the stored subject DN text, written by BouncyCastle's
/// <c>X509Name.ToString(true, DefaultSymbols)</c> in RFC 4514 order (<c>CN=张三,O=某单位,C=CN</c>,
/// one attribute per RDN, <c>, " \ + = &lt; &gt; ;</c> in values escaped with a backslash). The
/// patterns are matched against <c>',' || subject_dn || ','</c> with <see cref="Escape"/> as the
/// escape character, so an attribute pattern only matches a whole attribute: an unescaped
/// <c>,TYPE=</c> begins an RDN, and a value's own commas and equals signs are escaped.
/// </summary>
internal static class SubjectPatterns
{
    /// <summary>The LIKE escape character.</summary>
    public const string Escape = "\\";

    /// <summary>Pattern of any substring <paramref name="text"/> of the DN.</summary>
    public static string Substring(string text) => "%" + Literal(text) + "%";

    /// <summary>Pattern of an attribute <paramref name="type"/> (<c>CN</c>, <c>O</c>) whose whole value is <paramref name="value"/>.</summary>
    public static string Attribute(string type, string value) => "%," + Literal(type + "=" + EscapeValue(value) + ",") + "%";

    /// <summary>The value as the stored DN text writes it (RFC 4514 §2.4, as BouncyCastle escapes).</summary>
    private static string EscapeValue(string value)
    {
        var builder = new StringBuilder(value.Length + 4);
        foreach (var c in value)
        {
            if (c is ',' or '"' or '\\' or '+' or '=' or '<' or '>' or ';')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>Escapes LIKE's wildcards and the escape character itself.</summary>
    private static string Literal(string text)
        => text.Replace(Escape, Escape + Escape, StringComparison.Ordinal)
            .Replace("%", Escape + "%", StringComparison.Ordinal)
            .Replace("_", Escape + "_", StringComparison.Ordinal);
}
