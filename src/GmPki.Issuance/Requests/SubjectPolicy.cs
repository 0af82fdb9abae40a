using System.Globalization;
using System.Text.RegularExpressions;
using GmPki.Core.Errors;
using GmPki.Core.Profiles;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace GmPki.Issuance.Requests;

/// <summary>The subject a certificate will carry, after the profile has been applied.</summary>
/// <param name="Name">Subject DN, re-encoded: UTF8String for directory strings (GM/T 0015),
/// PrintableString for C and SERIALNUMBER, IA5String for E and DC.</param>
/// <param name="Text">RFC 4514-style text of the DN (most significant RDN last), for search and display.</param>
/// <param name="AltNames">subjectAltName entries to include, in request order.</param>
internal sealed record CertificateSubject(X509Name Name, string Text, IReadOnlyList<RequestedAltName> AltNames);

/// <summary>
/// Applies a profile's subject rules to a request: required and allowed attributes, value
/// syntax and upper bounds (RFC 5280 Appendix A), subjectAltName forms and syntax.
/// </summary>
internal static partial class SubjectPolicy
{
    private static readonly HashSet<string> Repeatable = new(StringComparer.Ordinal) { "OU", "DC", "STREET" };

    /// <summary>Checks <paramref name="request"/> against <paramref name="profile"/>.</summary>
    /// <exception cref="GmPkiException"><c>csr-subject-rejected</c> or <c>csr-extension-rejected</c>, naming the first violation.</exception>
    public static CertificateSubject Apply(CertificateProfile profile, CertificationRequest request)
    {
        var oids = new List<DerObjectIdentifier>();
        var values = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (attribute, value) in request.Subject)
        {
            if (!profile.AllowedSubjectAttributes.Contains(attribute.ShortName))
            {
                throw Errors.CsrSubjectRejected.With($"profile '{profile.Name}' does not allow subject attribute {attribute.ShortName}.");
            }

            if (!seen.Add(attribute.ShortName) && !Repeatable.Contains(attribute.ShortName))
            {
                throw Errors.CsrSubjectRejected.With($"subject attribute {attribute.ShortName} occurs more than once.");
            }

            CheckValue(attribute, value);
            oids.Add(new DerObjectIdentifier(attribute.Oid));
            values.Add(value);
        }

        foreach (var required in profile.RequiredSubjectAttributes.Where(r => !seen.Contains(r)))
        {
            throw Errors.CsrSubjectRejected.With($"profile '{profile.Name}' requires subject attribute {required}.");
        }

        var altNames = CheckAltNames(profile, request);
        var name = new X509Name(oids, values, new X509DefaultEntryConverter());
        return new CertificateSubject(name, name.ToString(true, X509Name.DefaultSymbols), altNames);
    }

    private static void CheckValue(SubjectAttribute attribute, string value)
    {
        if (string.IsNullOrWhiteSpace(value) || value != value.Trim())
        {
            throw Errors.CsrSubjectRejected.With($"{attribute.ShortName} is empty or has leading or trailing spaces.");
        }

        if (value.Any(char.IsControl))
        {
            throw Errors.CsrSubjectRejected.With($"{attribute.ShortName} contains control characters.");
        }

        var valid = attribute.Encoding switch
        {
            DirectoryStringType.Printable => PrintablePattern().IsMatch(value) && (attribute.ShortName != "C" || CountryPattern().IsMatch(value)),
            DirectoryStringType.Ia5 => value.All(char.IsAscii),
            _ => true,
        };
        if (!valid)
        {
            throw Errors.CsrSubjectRejected.With(attribute.ShortName == "C"
                ? $"C must be a two-letter upper-case ISO 3166 code, not '{value}'."
                : $"{attribute.ShortName} contains characters its string type ({attribute.Encoding}) cannot carry.");
        }

        var length = new StringInfo(value).LengthInTextElements;
        if (length > attribute.MaxLength)
        {
            throw Errors.CsrSubjectRejected.With($"{attribute.ShortName} has {length} characters; the upper bound is {attribute.MaxLength}.");
        }
    }

    /// <summary>An absolute URI with a scheme and a scheme-specific part, printable ASCII without spaces (RFC 5280 §4.2.1.6, RFC 3986 §4.3).</summary>
    private static bool IsAbsoluteUri(string value)
        => value.All(c => c is > ' ' and < (char)0x7F) && System.Uri.TryCreate(value, UriKind.Absolute, out var uri)
            && value.IndexOf(':', StringComparison.Ordinal) is var colon and > 0 && colon < value.Length - 1 && uri.Scheme.Length > 0;

    private static List<RequestedAltName> CheckAltNames(CertificateProfile profile, CertificationRequest request)
    {
        var names = request.AltNames.DistinctBy(n => (n.Type, n.Value.ToLowerInvariant())).ToList();
        foreach (var name in names)
        {
            if (!profile.SubjectAltNames.Contains(name.Type))
            {
                throw Errors.CsrExtensionRejected.With($"profile '{profile.Name}' does not allow {name.Type} subjectAltNames ('{name.Value}').");
            }

            var valid = name.Type switch
            {
                SubjectAltNameType.Dns => IsDnsName(name.Value),
                SubjectAltNameType.Email => EmailPattern().IsMatch(name.Value),
                SubjectAltNameType.Uri => IsAbsoluteUri(name.Value),
                _ => true,
            };
            if (!valid)
            {
                throw Errors.CsrExtensionRejected.With($"'{name.Value}' is not a valid {name.Type} subjectAltName.");
            }
        }

        if (profile.RequireSubjectAltName && names.Count == 0)
        {
            throw Errors.CsrExtensionRejected.With($"profile '{profile.Name}' requires at least one subjectAltName ({string.Join(", ", profile.SubjectAltNames)}).");
        }

        var commonName = request.Subject.FirstOrDefault(a => a.Attribute.ShortName == "CN")?.Value;
        if (profile.SubjectAltNames.Contains(SubjectAltNameType.Dns) && commonName is not null
            && !names.Any(n => n.Type is SubjectAltNameType.Dns or SubjectAltNameType.IpAddress && string.Equals(n.Value, commonName, StringComparison.OrdinalIgnoreCase)))
        {
            throw Errors.CsrExtensionRejected.With($"the common name '{commonName}' must also appear as a DNS or IP subjectAltName.");
        }

        return names;
    }

    private static bool IsDnsName(string name)
    {
        var labels = (name.StartsWith("*.", StringComparison.Ordinal) ? name[2..] : name).Split('.');
        return name.Length <= 253 && labels.Length >= 2 && labels.All(label => DnsLabelPattern().IsMatch(label));
    }

    [GeneratedRegex(@"^[A-Za-z0-9 '()+,\-./:=?]+$")]
    private static partial Regex PrintablePattern();

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryPattern();

    [GeneratedRegex(@"^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$")]
    private static partial Regex DnsLabelPattern();

    [GeneratedRegex(@"^[^@\s]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")]
    private static partial Regex EmailPattern();
}
