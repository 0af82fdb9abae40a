using GmPki.Verification.Certificates;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace GmPki.Verification.Names;

/// <summary>One GeneralName (RFC 5280 §4.2.1.6) in the form the checks need.</summary>
/// <param name="Form">The choice.</param>
/// <param name="Text">IA5String content of rfc822Name, dNSName and uniformResourceIdentifier.</param>
/// <param name="Octets">iPAddress octets.</param>
/// <param name="Directory">directoryName.</param>
internal sealed record NameValue(NameForm Form, string? Text = null, byte[]? Octets = null, DistinguishedName? Directory = null)
{
    /// <summary>Converts a BouncyCastle GeneralName.</summary>
    /// <exception cref="FormatException">The value does not fit its choice (non-ASCII IA5String, bad Name).</exception>
    public static NameValue From(GeneralName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var form = (NameForm)name.TagNo;
        return form switch
        {
            NameForm.Rfc822 or NameForm.Dns or NameForm.Uri => new NameValue(form, Ascii(name.Name)),
            NameForm.Ip => new NameValue(form, Octets: Asn1OctetString.GetInstance(name.Name).GetOctets()),
            NameForm.Directory => new NameValue(form, Directory: DistinguishedName.From(name.Name)),
            _ => new NameValue(form),
        };
    }

    /// <summary>Converts a GeneralNames sequence.</summary>
    /// <exception cref="FormatException">A name is malformed.</exception>
    public static IReadOnlyList<NameValue> FromAll(GeneralNames names) => [.. names.GetNames().Select(From)];

    /// <summary>Text for reports, for example <c>dns:example.com</c>.</summary>
    public override string ToString() => Form switch
    {
        NameForm.Rfc822 => "email:" + Text,
        NameForm.Dns => "dns:" + Text,
        NameForm.Uri => "uri:" + Text,
        NameForm.Ip => "ip:" + (Octets!.Length is 4 or 16 ? new System.Net.IPAddress(Octets).ToString() : Convert.ToHexString(Octets)),
        NameForm.Directory => "dn:" + Directory,
        _ => Form.ToString().ToLowerInvariant(),
    };

    private static string Ascii(Asn1Encodable value)
    {
        var text = value is IAsn1String s ? s.GetString() : throw new FormatException("IA5String expected");
        return text.All(char.IsAscii) ? text : throw new FormatException("IA5String with non-ASCII characters");
    }
}
