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
