using System.Text;
using GmPki.Cryptography.Asn1;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace GmPki.Verification.Certificates;

/// <summary>
/// An X.501 Name compared as RFC 5280 §7.1 asks: RDN by RDN in order; within an RDN as a set;
/// string attribute values after RFC 4518 preparation (case folded, leading and trailing
/// spaces removed, inner runs of white space collapsed), whatever their string type, so a
/// PrintableString and a UTF8String of the same text match; other values byte for byte.
/// </summary>
internal sealed class DistinguishedName
{
    private static readonly DerObjectIdentifier EmailAddress = new("1.2.840.113549.1.9.1");
    private static readonly DerObjectIdentifier CommonName = new("2.5.4.3");

    private readonly string[] _rdnKeys;

    private DistinguishedName(X509Name name, byte[] der, string[] rdnKeys, IReadOnlyList<string> emails, IReadOnlyList<string> commonNames)
    {
        CommonNames = commonNames;
        Name = name;
        Der = der;
        _rdnKeys = rdnKeys;
        Key = string.Join("/", rdnKeys);
        EmailAddresses = emails;
    }

    /// <summary>The BouncyCastle name, for display.</summary>
    public X509Name Name { get; }

    /// <summary>The DER Name as encoded where it was found.</summary>
    public byte[] Der { get; }

    /// <summary>The comparison key: equal keys are matching names.</summary>
    public string Key { get; }

    /// <summary>True for the empty sequence of RDNs.</summary>
    public bool IsEmpty => _rdnKeys.Length == 0;

    /// <summary>Values of emailAddress attributes (PKCS #9), which RFC 5280 §4.2.1.10 subjects to rfc822Name constraints.</summary>
    public IReadOnlyList<string> EmailAddresses { get; }

    /// <summary>Values of commonName attributes, as encoded.</summary>
    public IReadOnlyList<string> CommonNames { get; }

    /// <summary>Parses a DER Name.</summary>
    /// <exception cref="FormatException">The value is not a Name.</exception>
    public static DistinguishedName From(Asn1Encodable name)
    {
        try
        {
            var sequence = Asn1Sequence.GetInstance(name);
            var keys = new string[sequence.Count];
            var emails = new List<string>();
            var commonNames = new List<string>();
            for (var i = 0; i < sequence.Count; i++)
            {
                var rdn = Asn1Set.GetInstance(sequence[i]);
                if (rdn.Count == 0)
                {
                    throw new FormatException("empty relative distinguished name");
                }

                var attributes = new List<string>();
                foreach (var element in rdn)
                {
                    var pair = Asn1Sequence.GetInstance(element);
                    var type = DerObjectIdentifier.GetInstance(pair[0]);
                    var value = pair[1];
                    attributes.Add(type.Id + "=" + ValueKey(value));
                    if (type.Equals(EmailAddress) && value is IAsn1String email)
                    {
                        emails.Add(email.GetString());
                    }

                    if (type.Equals(CommonName) && value is IAsn1String common)
                    {
                        commonNames.Add(common.GetString());
                    }
                }

                attributes.Sort(StringComparer.Ordinal);
                keys[i] = string.Join("+", attributes);
            }

            return new DistinguishedName(X509Name.GetInstance(sequence), sequence.GetDerEncoded(), keys, emails, commonNames);
        }
        catch (Exception e) when (Asn1Failure.IsMalformedInput(e))
        {
            throw new FormatException("not a valid X.501 Name", e);
        }
    }

    /// <summary>True when the names match (RFC 5280 §7.1).</summary>
    public bool Matches(DistinguishedName other) => Key == other.Key;

    /// <summary>True when <paramref name="subtree"/>'s RDNs are a prefix of this name's (directoryName constraints, RFC 5280 §4.2.1.10).</summary>
    public bool IsWithin(DistinguishedName subtree)
        => subtree._rdnKeys.Length <= _rdnKeys.Length && subtree._rdnKeys.SequenceEqual(_rdnKeys.Take(subtree._rdnKeys.Length));

    /// <summary>The name in RFC 4514 style, most significant RDN first.</summary>
    public override string ToString() => Name.ToString(false, X509Name.DefaultSymbols);

    private static string ValueKey(Asn1Encodable value)
    {
        if (value is IAsn1String text and not DerUniversalString)
        {
            return "s:" + Prepare(text.GetString());
        }

        return "x:" + Convert.ToHexString(value.ToAsn1Object().GetDerEncoded());
    }

    private static string Prepare(string value)
    {
        var builder = new StringBuilder(value.Length);
        var space = false;
        foreach (var c in value.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString().ToUpperInvariant().ToLowerInvariant();
    }
}
