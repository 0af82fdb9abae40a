using System.Text.Json;
using GmPki.Core.Profiles;
using GmPki.Core.Registration;

namespace GmPki.Enrollment.Acme;

/// <summary>
/// The identifiers of a new order (RFC 8555 §7.4, §9.7.7): type <c>dns</c> only, host names of at
/// least two labels (a wildcard as the whole leftmost label, validated by dns-01 only, §7.1.3),
/// and only when the protocol account's profile carries DNS subjectAltNames.
/// </summary>
internal static class AcmeIdentifiers
{
    /// <summary>Most identifiers in one order.</summary>
    public const int MaxPerOrder = 100;

    /// <summary>The identifiers of a newOrder payload, lower case and distinct.</summary>
    /// <exception cref="Core.Errors.GmPkiException"><c>acme:malformed</c> (none, too many, notBefore/notAfter); <c>acme:unsupportedIdentifier</c> (another type); <c>acme:rejectedIdentifier</c> (not a host name, or the profile has no DNS names).</exception>
    public static IReadOnlyList<AcmeIdentifier> Read(JsonElement? payload, ProtocolAccount account, IReadOnlyDictionary<string, CertificateProfile> profiles)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(profiles);
        if (AcmeJson.Member(payload, "identifiers") is not { ValueKind: JsonValueKind.Array } list || list.GetArrayLength() is 0 or > MaxPerOrder)
        {
            throw AcmeErrors.Malformed.With($"newOrder takes 1–{MaxPerOrder} identifiers.");
        }

        if (AcmeJson.Member(payload, "notBefore") is not null || AcmeJson.Member(payload, "notAfter") is not null)
        {
            throw AcmeErrors.Malformed.With("notBefore and notAfter are not offered: the validity is the profile's.");
        }

        var profile = profiles[account.Profile];
        var identifiers = new List<AcmeIdentifier>();
        foreach (var item in list.EnumerateArray())
        {
            var type = AcmeJson.Text(item, "type");
            var value = AcmeJson.Text(item, "value")?.ToLowerInvariant();
            if (type != "dns")
            {
                throw AcmeErrors.UnsupportedIdentifier.With($"identifier type '{type}' is not offered; only 'dns'.");
            }

            var host = value is not null && value.StartsWith("*.", StringComparison.Ordinal) ? value[2..] : value;
            if (host is null || Uri.CheckHostName(host) != UriHostNameType.Dns || !host.Contains('.', StringComparison.Ordinal) || host.EndsWith('.'))
            {
                throw AcmeErrors.RejectedIdentifier.With($"'{value}' is not a fully qualified host name.");
            }

            if (!profile.SubjectAltNames.Contains(SubjectAltNameType.Dns))
            {
                throw AcmeErrors.RejectedIdentifier.With($"'{value}': the account enrolls for profile '{profile.Name}', whose certificates carry no DNS names.");
            }

            identifiers.Add(new AcmeIdentifier("dns", value!));
        }

        return [.. identifiers.DistinctBy(i => i.Value)];
    }
}
