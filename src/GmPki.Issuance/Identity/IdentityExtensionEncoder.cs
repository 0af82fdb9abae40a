using GmPki.Core.Profiles;
using Org.BouncyCastle.Asn1;

namespace GmPki.Issuance.Identity;

/// <summary>
/// DER values of the GM/T 0015-2012 identity extensions (non-critical):
/// <code>
/// IdentifyCode ::= CHOICE {
///   residenterCardNumber      [0] IMPLICIT PrintableString,
///   militaryOfficerCardNumber [1] IMPLICIT UTF8String,
///   passportNumber            [2] IMPLICIT PrintableString }
/// InsuranceNumber, ICRegistrationNumber, OrganizationCode, TaxationNumber ::= PrintableString
/// </code>
/// </summary>
internal static class IdentityExtensionEncoder
{
    /// <summary>
    /// Decodes an extension value back into the form <see cref="Encode"/> takes (passport and
    /// officer numbers with their <c>passport:</c> / <c>officer:</c> prefix). Accepts the choice
    /// with implicit or explicit tags and any string type, as issuers differ.
    /// </summary>
    public static string Decode(IdentityExtensionType type, Asn1Object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value is not Asn1TaggedObject tagged)
        {
            return ((IAsn1String)value).GetString();
        }

        var inner = tagged.GetObject();
        var text = inner is IAsn1String explicitString ? explicitString.GetString() : System.Text.Encoding.UTF8.GetString(Asn1OctetString.GetInstance(tagged, false).GetOctets());
        return (type, tagged.TagNo) switch
        {
            (IdentityExtensionType.IdentityCode, 1) => "officer:" + text,
            (IdentityExtensionType.IdentityCode, 2) => "passport:" + text,
            _ => text,
        };
    }

    /// <summary>Encodes a value already checked by <see cref="IdentityValues"/>.</summary>
    public static Asn1Encodable Encode(IdentityExtensionType type, string value)
    {
        if (type != IdentityExtensionType.IdentityCode)
        {
            return new DerPrintableString(value);
        }

        var separator = value.IndexOf(':', StringComparison.Ordinal);
        return (separator < 0 ? "resident" : value[..separator]) switch
        {
            "passport" => new DerTaggedObject(false, 2, new DerPrintableString(value[(separator + 1)..])),
            "officer" => new DerTaggedObject(false, 1, new DerUtf8String(value[(separator + 1)..])),
            _ => new DerTaggedObject(false, 0, new DerPrintableString(value)),
        };
    }
}
