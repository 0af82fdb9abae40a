using System.Globalization;
using System.Text;

namespace GmPki.Status.Ldap;

/// <summary>
/// An LDAP distinguished name in its RFC 4514 string form, as a list of single-valued RDNs, most
/// specific first. Multi-valued RDNs (<c>+</c>) are not supported.
/// </summary>
public sealed class DistinguishedName
{
    private readonly (string Type, string Value)[] _rdns;

    private DistinguishedName((string Type, string Value)[] rdns) => _rdns = rdns;

    /// <summary>The RDNs, most specific first; values unescaped.</summary>
    public IReadOnlyList<(string Type, string Value)> Rdns => _rdns;

    /// <summary>The parent's name, or null for a one-RDN name.</summary>
    public DistinguishedName? Parent => _rdns.Length > 1 ? new DistinguishedName(_rdns[1..]) : null;

    /// <summary>Parses an RFC 4514 string such as <c>dc=gmpki,dc=example,dc=cn</c> (escapes <c>\,</c> and <c>\XX</c> understood).</summary>
    /// <exception cref="FormatException">Empty, an RDN without <c>=</c> or with an empty type or value, a multi-valued RDN, or a bad escape.</exception>
    public static DistinguishedName Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rdns = new List<(string, string)>();
        var current = new StringBuilder();
        var bytes = new List<byte>();
        string? type = null;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ',';
            if (c == '\\' && i + 1 < text.Length)
            {
                i++;
                if (Uri.IsHexDigit(text[i]) && i + 1 < text.Length && Uri.IsHexDigit(text[i + 1]))
                {
                    bytes.Add(byte.Parse(text.AsSpan(i, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i++;
                    continue;
                }

                Flush(current, bytes);
                current.Append(text[i]);
            }
            else if (c == '=' && type is null)
            {
                Flush(current, bytes);
                type = current.ToString().Trim();
                current.Clear();
            }
            else if (c == ',')
            {
                Flush(current, bytes);
                var value = current.ToString().Trim();
                if (string.IsNullOrEmpty(type) || value.Length == 0)
                {
                    throw new FormatException($"'{text}' is not a distinguished name: every RDN needs type=value.");
                }

                rdns.Add((type, value));
                type = null;
                current.Clear();
            }
            else if (c == '+' && type is not null)
            {
                throw new FormatException($"'{text}' has a multi-valued RDN, which is not supported.");
            }
            else
            {
                Flush(current, bytes);
                current.Append(c);
            }
        }

        return new DistinguishedName([.. rdns]);
    }

    /// <summary>The name of the child <c>type=value,this</c>.</summary>
    public DistinguishedName Child(string type, string value) => new([(type, value), .. _rdns]);

    /// <summary>The RFC 4514 string, values escaped (<c>"+,;&lt;&gt;\</c>, a leading space or <c>#</c>, a trailing space).</summary>
    public override string ToString() => string.Join(',', _rdns.Select(r => r.Type + "=" + Escape(r.Value)));

    private static string Escape(string value)
    {
        var escaped = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is '"' or '+' or ',' or ';' or '<' or '>' or '\\' || (i == 0 && c is ' ' or '#') || (i == value.Length - 1 && c == ' '))
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }

    private static void Flush(StringBuilder current, List<byte> bytes)
    {
        if (bytes.Count > 0)
        {
            current.Append(Encoding.UTF8.GetString([.. bytes]));
            bytes.Clear();
        }
    }
}
