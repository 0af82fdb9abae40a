using System.Collections.Frozen;
using System.Text.Json;
using System.Text.RegularExpressions;
using GmPki.Core.Errors;
using GmPki.Core.Keys;
using GmPki.Core.Profiles;
using GmPki.Issuance.Identity;
using GmPki.Issuance.Requests;

namespace GmPki.Issuance.Profiles;

/// <summary>
/// Validates configured profiles at start-up and builds immutable <see cref="CertificateProfile"/>s.
/// Every problem gets a numbered ID (<c>GMPKI-PROFILE-001</c> … <c>-017</c>, listed in
/// <c>docs/configuration.md</c>); all problems are reported together.
/// </summary>
public static partial class ProfileLoader
{
    /// <summary>Longest validity a profile may set: ten years.</summary>
    public const int MaxValidityDays = 3650;

    private static readonly Dictionary<string, KeyUsages> KeyUsageNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["digitalSignature"] = KeyUsages.DigitalSignature,
        ["nonRepudiation"] = KeyUsages.NonRepudiation,
        ["contentCommitment"] = KeyUsages.NonRepudiation,
        ["keyEncipherment"] = KeyUsages.KeyEncipherment,
        ["dataEncipherment"] = KeyUsages.DataEncipherment,
        ["keyAgreement"] = KeyUsages.KeyAgreement,
        ["keyCertSign"] = KeyUsages.KeyCertSign,
        ["cRLSign"] = KeyUsages.CrlSign,
        ["encipherOnly"] = KeyUsages.EncipherOnly,
        ["decipherOnly"] = KeyUsages.DecipherOnly,
    };

    private static readonly Dictionary<string, SubjectAltNameType> AltNameTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["dns"] = SubjectAltNameType.Dns,
        ["ip"] = SubjectAltNameType.IpAddress,
        ["email"] = SubjectAltNameType.Email,
        ["uri"] = SubjectAltNameType.Uri,
    };

    /// <summary>The demonstration profiles shipped with GmPki (<c>personal</c>, <c>organization</c>,
    /// <c>government-staff</c>, <c>server-tls</c>), as configuration. Their policy OIDs sit under
    /// a UUID arc (2.25, X.667); production deployments replace them with registered OIDs.</summary>
    public static Dictionary<string, ProfileOptions> DefaultOptions()
    {
        using var stream = typeof(ProfileLoader).Assembly.GetManifestResourceStream("GmPki.Issuance.default-profiles.json")
            ?? throw new InvalidOperationException("default-profiles.json resource missing");
        return JsonSerializer.Deserialize<Dictionary<string, ProfileOptions>>(stream)
            ?? throw new InvalidOperationException("default-profiles.json is empty");
    }

    /// <summary>Validates <paramref name="options"/> and returns the profiles by name.</summary>
    /// <exception cref="ConfigurationException">One or more profiles are invalid; lists every problem.</exception>
    public static IReadOnlyDictionary<string, CertificateProfile> Load(IReadOnlyDictionary<string, ProfileOptions>? options)
    {
        var problems = new List<string>();
        var profiles = new Dictionary<string, CertificateProfile>(StringComparer.Ordinal);
        if (options is null || options.Count == 0)
        {
            throw new ConfigurationException(["GMPKI-PROFILE-001: no certificate profiles are configured (section Profiles)."]);
        }

        foreach (var (name, profile) in options.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var before = problems.Count;
            var built = Build(name, profile, problems);
            if (problems.Count == before)
            {
                profiles[name] = built;
            }
        }

        LinkEncryptionProfiles(profiles, problems);
        return problems.Count > 0 ? throw new ConfigurationException(problems) : profiles.ToFrozenDictionary();
    }

    /// <summary>
    /// Checks each <see cref="CertificateProfile.EncryptionProfile"/> (GMPKI-PROFILE-017) and marks
    /// the profiles named so as <see cref="CertificateProfile.KmcKeys"/>. An encryption certificate
    /// carries keyEncipherment, dataEncipherment or keyAgreement and never digitalSignature or
    /// nonRepudiation (GM/T 0015: the signing and the encryption certificate of a pair have separate roles).
    /// </summary>
    private static void LinkEncryptionProfiles(Dictionary<string, CertificateProfile> profiles, List<string> problems)
    {
        const KeyUsages Signing = KeyUsages.DigitalSignature | KeyUsages.NonRepudiation;
        const KeyUsages Encryption = KeyUsages.KeyEncipherment | KeyUsages.DataEncipherment | KeyUsages.KeyAgreement;
        foreach (var profile in profiles.Values.Where(p => p.EncryptionProfile is not null).ToList())
        {
            void Problem(string message) => problems.Add($"GMPKI-PROFILE-017: profile '{profile.Name}': {message}");
            if (!profiles.TryGetValue(profile.EncryptionProfile!, out var encryption))
            {
                Problem($"EncryptionProfile '{profile.EncryptionProfile}' is not a configured (valid) profile.");
            }
            else if (encryption.Name == profile.Name || encryption.EncryptionProfile is not null)
            {
                Problem($"EncryptionProfile '{encryption.Name}' must be a profile of its own without an EncryptionProfile.");
            }
            else if ((encryption.KeyUsage & Signing) != 0 || (encryption.KeyUsage & Encryption) == 0)
            {
                Problem($"EncryptionProfile '{encryption.Name}' must have keyEncipherment, dataEncipherment or keyAgreement and neither digitalSignature nor nonRepudiation.");
            }
            else
            {
                profiles[encryption.Name] = encryption with { KmcKeys = true };
            }
        }
    }

    private static CertificateProfile Build(string name, ProfileOptions options, List<string> problems)
    {
        void Problem(int number, string message) => problems.Add($"GMPKI-PROFILE-{number:000}: profile '{name}': {message}");

        if (!NamePattern().IsMatch(name))
        {
            Problem(2, "the name must match [a-z0-9-]{1,64}.");
        }

        if (string.IsNullOrWhiteSpace(options.DisplayName))
        {
            Problem(15, "DisplayName is required.");
        }

        if (!Oids.IsValid(options.PolicyOid))
        {
            Problem(3, $"PolicyOid '{options.PolicyOid}' is not a dotted OID (M24 §19(5) requires a policy OID in every certificate).");
        }

        if (options.CpsUri is not null && (!Uri.TryCreate(options.CpsUri, UriKind.Absolute, out var cps) || (cps.Scheme != "http" && cps.Scheme != "https")))
        {
            Problem(4, $"CpsUri '{options.CpsUri}' must be an absolute http or https URI.");
        }

        if (options.ValidityDays is < 1 or > MaxValidityDays)
        {
            Problem(5, $"ValidityDays {options.ValidityDays} must be between 1 and {MaxValidityDays}.");
        }

        var keyUsage = KeyUsages.None;
        foreach (var usage in options.KeyUsage)
        {
            if (!KeyUsageNames.TryGetValue(usage, out var bit))
            {
                Problem(6, $"unknown key usage '{usage}'; use {string.Join(", ", KeyUsageNames.Keys)}.");
            }
            else if (bit is KeyUsages.KeyCertSign or KeyUsages.CrlSign)
            {
                Problem(16, $"key usage '{usage}' belongs to CA certificates, not end-entity profiles.");
            }
            else
            {
                keyUsage |= bit;
            }
        }

        if (options.KeyUsage.Count == 0)
        {
            Problem(7, "KeyUsage must name at least one usage.");
        }

        var extendedKeyUsages = new List<string>();
        foreach (var purpose in options.ExtendedKeyUsage)
        {
            var oid = ExtendedKeyUsages.Resolve(purpose);
            if (oid is null)
            {
                Problem(8, $"unknown extended key usage '{purpose}'; use a name such as serverAuth or a dotted OID.");
            }
            else
            {
                extendedKeyUsages.Add(oid);
            }
        }

        var algorithms = new HashSet<KeyAlgorithm>();
        foreach (var algorithm in options.KeyAlgorithms)
        {
            if (KeyAlgorithms.TryParse(algorithm, out var parsed))
            {
                algorithms.Add(parsed.Value);
            }
            else
            {
                Problem(9, $"unknown key algorithm '{algorithm}'; use {string.Join(", ", KeyAlgorithms.Names)}.");
            }
        }

        if (options.KeyAlgorithms.Count == 0)
        {
            Problem(9, "KeyAlgorithms must name at least one algorithm.");
        }

        var required = ResolveAttributes(options.RequiredSubject, "RequiredSubject", Problem);
        var allowed = new HashSet<string>(ResolveAttributes(options.AllowedSubject, "AllowedSubject", Problem), StringComparer.Ordinal);
        allowed.UnionWith(required);

        var altNames = new HashSet<SubjectAltNameType>();
        foreach (var type in options.SubjectAltNames)
        {
            if (AltNameTypes.TryGetValue(type, out var parsed))
            {
                altNames.Add(parsed);
            }
            else
            {
                Problem(12, $"unknown subjectAltName type '{type}'; use dns, ip or email.");
            }
        }

        if (options.RequireSubjectAltName && altNames.Count == 0)
        {
            Problem(13, "RequireSubjectAltName is set but SubjectAltNames allows no type.");
        }

        if (!required.Contains("CN"))
        {
            Problem(11, "RequiredSubject must include CN: every certificate names its holder (M24 §19(2)).");
        }

        var identity = new Dictionary<IdentityExtensionType, bool>();
        foreach (var (extension, isRequired) in options.IdentityExtensions)
        {
            if (IdentityExtensions.Parse(extension) is { } type)
            {
                identity[type] = isRequired;
            }
            else
            {
                Problem(14, $"unknown identity extension '{extension}'; use identityCode, insuranceNumber, icRegistrationNumber, organizationCode or taxationNumber.");
            }
        }

        return new CertificateProfile(
            name,
            options.DisplayName ?? name,
            options.PolicyOid ?? string.Empty,
            options.CpsUri,
            TimeSpan.FromDays(options.ValidityDays),
            keyUsage,
            extendedKeyUsages,
            algorithms.ToFrozenSet(),
            required,
            allowed.ToFrozenSet(),
            altNames.ToFrozenSet(),
            options.RequireSubjectAltName,
            identity.ToFrozenDictionary(),
            options.TwoPersonRule,
            string.IsNullOrEmpty(options.EncryptionProfile) ? null : options.EncryptionProfile,
            ServerKeyGeneration: options.ServerKeyGeneration,
            SupersedeOnRenewal: options.SupersedeOnRenewal);
    }

    private static List<string> ResolveAttributes(List<string> names, string field, Action<int, string> problem)
    {
        var resolved = new List<string>();
        foreach (var name in names)
        {
            if (SubjectAttribute.FindByName(name) is { } attribute)
            {
                resolved.Add(attribute.ShortName);
            }
            else
            {
                problem(10, $"{field} names unknown subject attribute '{name}'; use {string.Join(", ", SubjectAttribute.Names)}.");
            }
        }

        return resolved;
    }

    [GeneratedRegex("^[a-z0-9-]{1,64}$")]
    private static partial Regex NamePattern();
}
