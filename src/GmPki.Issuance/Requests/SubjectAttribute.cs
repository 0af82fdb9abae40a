namespace GmPki.Issuance.Requests;

/// <summary>How a subject attribute value is encoded in a certificate.</summary>
internal enum DirectoryStringType
{
    /// <summary>UTF8String (RFC 5280 §4.1.2.6; GM/T 0015 so that Chinese names work).</summary>
    Utf8,

    /// <summary>PrintableString (countryName and serialNumber, RFC 5280 Appendix A).</summary>
    Printable,

    /// <summary>IA5String (emailAddress, domainComponent).</summary>
    Ia5,
}

/// <summary>A subject attribute GmPki accepts, with its OID, upper bound (RFC 5280 Appendix A) and encoding.</summary>
/// <param name="ShortName">Name used in profiles and DN strings (CN, O, …).</param>
/// <param name="Oid">Attribute type OID.</param>
/// <param name="MaxLength">Upper bound in characters.</param>
/// <param name="Encoding">String type written into certificates.</param>
internal sealed record SubjectAttribute(string ShortName, string Oid, int MaxLength, DirectoryStringType Encoding)
{
    private static readonly SubjectAttribute[] All =
    [
        new("CN", "2.5.4.3", 64, DirectoryStringType.Utf8),
        new("SERIALNUMBER", "2.5.4.5", 64, DirectoryStringType.Printable),
        new("C", "2.5.4.6", 2, DirectoryStringType.Printable),
        new("L", "2.5.4.7", 128, DirectoryStringType.Utf8),
        new("ST", "2.5.4.8", 128, DirectoryStringType.Utf8),
        new("STREET", "2.5.4.9", 128, DirectoryStringType.Utf8),
        new("O", "2.5.4.10", 64, DirectoryStringType.Utf8),
        new("OU", "2.5.4.11", 64, DirectoryStringType.Utf8),
        new("T", "2.5.4.12", 64, DirectoryStringType.Utf8),
        new("SURNAME", "2.5.4.4", 64, DirectoryStringType.Utf8),
        new("GIVENNAME", "2.5.4.42", 64, DirectoryStringType.Utf8),
        new("organizationIdentifier", "2.5.4.97", 64, DirectoryStringType.Utf8),
        new("E", "1.2.840.113549.1.9.1", 255, DirectoryStringType.Ia5),
        new("UID", "0.9.2342.19200300.100.1.1", 64, DirectoryStringType.Utf8),
        new("DC", "0.9.2342.19200300.100.1.25", 63, DirectoryStringType.Ia5),
    ];

    private static readonly Dictionary<string, SubjectAttribute> ByName = All.ToDictionary(a => a.ShortName, StringComparer.OrdinalIgnoreCase);
    private static readonly Dictionary<string, SubjectAttribute> ByOid = All.ToDictionary(a => a.Oid);

    /// <summary>All short names, as written in configuration.</summary>
    public static IEnumerable<string> Names => All.Select(a => a.ShortName);

    /// <summary>Finds an attribute by short name (case-insensitive).</summary>
    public static SubjectAttribute? FindByName(string name) => ByName.GetValueOrDefault(name);

    /// <summary>Finds an attribute by OID.</summary>
    public static SubjectAttribute? FindByOid(string oid) => ByOid.GetValueOrDefault(oid);
}
