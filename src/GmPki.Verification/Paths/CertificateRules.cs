using GmPki.Cryptography.Signing;
using GmPki.Verification.Certificates;
using GmPki.Verification.Names;
using Org.BouncyCastle.Asn1.X509;

namespace GmPki.Verification.Paths;

/// <summary>Where a certificate stands in a path.</summary>
internal enum PathRole
{
    /// <summary>The trusted certificate the path starts from.</summary>
    TrustAnchor,

    /// <summary>A CA certificate between the anchor and the end.</summary>
    Intermediate,

    /// <summary>The certificate being validated.</summary>
    EndEntity,
}

/// <summary>
/// The certificate profile's rules a relying party enforces on each certificate of a path, beyond
/// the checks of §6.1 itself: RFC 5280 §4.1–§4.2 MUSTs, and the Web PKI's additions under
/// <see cref="ValidationProfile.WebPki"/>.
/// </summary>
internal static class CertificateRules
{
    private const string AnyExtendedKeyUsage = "2.5.29.37.0";

    /// <summary>
    /// Throws <see cref="PathException"/> for the first rule <paramref name="certificate"/> breaks in <paramref name="role"/>;
    /// adds to <paramref name="warnings"/> a sentence for each rule the profile tolerates.
    /// </summary>
    public static void Check(ParsedCertificate certificate, PathRole role, ValidationProfile profile, int minimumRsaBits, ICollection<string> warnings)
    {
        if (certificate.Problems.Count > 0)
        {
            Fail(PathFailure.Malformed, certificate, certificate.Problems[0]);
        }

        if (certificate.Key is not { } key)
        {
            Fail(PathFailure.AlgorithmNotAccepted, certificate, certificate.KeyProblem!);
            return;
        }

        if (role != PathRole.TrustAnchor)
        {
            CheckSerial(certificate);
        }

        CheckNames(certificate, role, profile);
        CheckKeyIdentifiers(certificate, role);
        CheckConstraints(certificate, role, profile);
        CheckBasicConstraintsCritical(certificate, role, profile, warnings);
        if (profile == ValidationProfile.WebPki)
        {
            CheckWebPki(certificate, key, role);
        }
        else if (key.Family == KeyFamily.Rsa && key.SizeBits < minimumRsaBits)
        {
            Fail(PathFailure.AlgorithmNotAccepted, certificate, $"its RSA key of {key.SizeBits} bits is shorter than {minimumRsaBits}.");
        }
    }

    private static void CheckSerial(ParsedCertificate certificate)
    {
        var serial = certificate.SerialOctets;
        if ((serial[0] & 0x80) != 0 || serial.All(b => b == 0) || serial.Length > 20)
        {
            Fail(PathFailure.Malformed, certificate, "its serial number is not a positive integer of at most 20 octets (RFC 5280 §4.1.2.2).");
        }
    }

    private static void CheckNames(ParsedCertificate certificate, PathRole role, ValidationProfile profile)
    {
        if (certificate.Issuer.IsEmpty)
        {
            Fail(PathFailure.Malformed, certificate, "its issuer name is empty (RFC 5280 §4.1.2.4).");
        }

        if (certificate.Subject.IsEmpty && (role != PathRole.EndEntity || certificate.IsCa))
        {
            Fail(PathFailure.Malformed, certificate, "a CA certificate has an empty subject name (RFC 5280 §4.1.2.6).");
        }

        var sanCritical = certificate.IsCritical(X509Extensions.SubjectAlternativeName);
        if (certificate.Subject.IsEmpty && !sanCritical)
        {
            Fail(PathFailure.Malformed, certificate, "its subject is empty, so subjectAltName must be present and critical (RFC 5280 §4.2.1.6).");
        }

        if (profile == ValidationProfile.WebPki && sanCritical && !certificate.Subject.IsEmpty)
        {
            Fail(PathFailure.Malformed, certificate, "subjectAltName is critical although the subject is not empty (CA/B BR §7.1.2.7.12).");
        }

        foreach (var name in certificate.SubjectAltNames ?? [])
        {
            var valid = name.Form switch
            {
                NameForm.Dns => NameSyntax.IsDnsSubjectName(name.Text!),
                NameForm.Rfc822 => NameSyntax.IsMailbox(name.Text!),
                NameForm.Ip => name.Octets!.Length is 4 or 16,
                _ => true,
            };
            if (!valid)
            {
                Fail(PathFailure.Malformed, certificate, $"subjectAltName {name} is not a valid name of its form (RFC 5280 §4.2.1.6).");
            }
        }
    }

    private static void CheckKeyIdentifiers(ParsedCertificate certificate, PathRole role)
    {
        if (certificate.IsCritical(X509Extensions.AuthorityKeyIdentifier) || certificate.IsCritical(X509Extensions.SubjectKeyIdentifier))
        {
            Fail(PathFailure.Malformed, certificate, "a key identifier extension is critical (RFC 5280 §4.2.1.1, §4.2.1.2).");
        }

        if (role != PathRole.TrustAnchor && !certificate.SelfIssued && certificate.AuthorityKeyId is null)
        {
            Fail(PathFailure.Malformed, certificate, "it is not self-issued but has no authorityKeyIdentifier keyIdentifier (RFC 5280 §4.2.1.1).");
        }

        if ((role != PathRole.EndEntity || certificate.IsCa) && certificate.SubjectKeyId is null)
        {
            Fail(PathFailure.Malformed, certificate, "a CA certificate has no subjectKeyIdentifier (RFC 5280 §4.2.1.2).");
        }
    }

    private static void CheckConstraints(ParsedCertificate certificate, PathRole role, ValidationProfile profile)
    {
        var isCaRole = role != PathRole.EndEntity;
        if (role == PathRole.Intermediate && (certificate.Version != 3 || !certificate.IsCa))
        {
            Fail(PathFailure.NotCa, certificate, "it issues certificates but is not a version 3 certificate with basicConstraints cA TRUE (RFC 5280 §6.1.4 (k)).");
        }

        if (role == PathRole.TrustAnchor && certificate.Version == 3 && !certificate.IsCa)
        {
            Fail(PathFailure.NotCa, certificate, "the trust anchor lacks basicConstraints with cA TRUE (RFC 5280 §4.2.1.9).");
        }

        if (!certificate.IsCa && certificate.KeyUsage is { } usage && (usage & KeyUsage.KeyCertSign) != 0)
        {
            Fail(PathFailure.KeyUsage, certificate, "keyUsage asserts keyCertSign but basicConstraints cA is not TRUE (RFC 5280 §4.2.1.3).");
        }

        if (isCaRole && !certificate.Allows(KeyUsage.KeyCertSign))
        {
            Fail(PathFailure.KeyUsage, certificate, "it issues certificates but its keyUsage lacks keyCertSign (RFC 5280 §6.1.4 (n)).");
        }

        if (certificate.NameConstraints is { } constraints)
        {
            if (!certificate.IsCa)
            {
                Fail(PathFailure.Malformed, certificate, "nameConstraints appears in a certificate that is not a CA (RFC 5280 §4.2.1.10).");
            }

            if (profile != ValidationProfile.WebPki && !certificate.IsCritical(X509Extensions.NameConstraints))
            {
                Fail(PathFailure.Malformed, certificate, "nameConstraints is not critical (RFC 5280 §4.2.1.10).");
            }

            if (constraints.Problems.Count > 0)
            {
                Fail(PathFailure.Malformed, certificate, constraints.Problems[0]);
            }
        }

        if (certificate.IsCritical(X509Extensions.AuthorityInfoAccess))
        {
            Fail(PathFailure.Malformed, certificate, "authorityInfoAccess is critical (RFC 5280 §4.2.2.1).");
        }

        if (role == PathRole.TrustAnchor)
        {
            var unknown = certificate.Extensions.FirstOrDefault(e => e.Value.IsCritical && !KnownExtensions.IsRecognized(e.Key)).Key;
            if (unknown is not null)
            {
                Fail(PathFailure.UnknownCriticalExtension, certificate, $"it has an unrecognised critical extension {unknown}.");
            }
        }
    }

    /// <summary>
    /// RFC 5280 §4.2.1.9: CAs MUST mark basicConstraints critical in CA certificates, but the
    /// relying party's §6.1.4 (k) only asks that it be present with cA TRUE. A version 3 trust
    /// anchor without the critical mark fails under <see cref="ValidationProfile.Strict"/> and
    /// <see cref="ValidationProfile.WebPki"/>; every other case is a warning (an intermediate under
    /// any profile: PKITS 4.6.4 expects such a path to be valid).
    /// </summary>
    private static void CheckBasicConstraintsCritical(ParsedCertificate certificate, PathRole role, ValidationProfile profile, ICollection<string> warnings)
    {
        if (role == PathRole.EndEntity || certificate.Version != 3 || !certificate.IsCa || certificate.IsCritical(X509Extensions.BasicConstraints))
        {
            return;
        }

        const string Rule = "its basicConstraints (cA TRUE) is not marked critical, as RFC 5280 §4.2.1.9 requires of CA certificates";
        if (role == PathRole.TrustAnchor && profile != ValidationProfile.Rfc5280)
        {
            Fail(PathFailure.NotCa, certificate, $"the trust anchor: {Rule} (profile {profile.ToString().ToLowerInvariant()}).");
        }

        warnings.Add($"{certificate}: {Rule}; accepted, as RFC 5280 §6.1.4 (k) does not depend on it"
            + (role == PathRole.TrustAnchor ? " (profile strict refuses such a trust anchor)." : "."));
    }

    private static void CheckWebPki(ParsedCertificate certificate, VerificationKey key, PathRole role)
    {
        if (certificate.Version != 3)
        {
            Fail(PathFailure.Malformed, certificate, "it is not a version 3 certificate (CA/B BR §7.1.1).");
        }

        if (key.Family == KeyFamily.Dsa || (key.Family == KeyFamily.Rsa && (key.SizeBits < 2048 || key.SizeBits % 8 != 0)))
        {
            Fail(PathFailure.AlgorithmNotAccepted, certificate, $"its {key.Family} key of {key.SizeBits} bits is not allowed (CA/B BR §6.1.5).");
        }

        if (role == PathRole.TrustAnchor)
        {
            if (certificate.ExtendedKeyUsages is not null)
            {
                Fail(PathFailure.Malformed, certificate, "a root certificate carries extKeyUsage (CA/B BR §7.1.2.1).");
            }

            if (certificate.Has(X509Extensions.AuthorityKeyIdentifier)
                && (certificate.AuthorityKeyIdHasIssuerSerial || certificate.AuthorityKeyId is null || !certificate.AuthorityKeyId.AsSpan().SequenceEqual(certificate.SubjectKeyId)))
            {
                Fail(PathFailure.Malformed, certificate, "a root's authorityKeyIdentifier must hold only a keyIdentifier equal to its subjectKeyIdentifier (CA/B BR §7.1.2.1.3).");
            }
        }

        if (role == PathRole.EndEntity)
        {
            if (certificate.IsCa)
            {
                Fail(PathFailure.Malformed, certificate, "a subscriber certificate has basicConstraints cA TRUE (CA/B BR §7.1.2.7.8).");
            }

            if (certificate.ExtendedKeyUsages is not { } usages || certificate.IsCritical(X509Extensions.ExtendedKeyUsage) || usages.Contains(AnyExtendedKeyUsage))
            {
                Fail(PathFailure.ExtendedKeyUsage, certificate, "a subscriber certificate needs a non-critical extKeyUsage without anyExtendedKeyUsage (CA/B BR §7.1.2.7.10).");
            }

            var overSuffix = (certificate.SubjectAltNames ?? []).FirstOrDefault(n => n.Form == NameForm.Dns && n.Text!.StartsWith("*.", StringComparison.Ordinal) && PublicSuffixes.IsPublicSuffix(n.Text[2..]));
            if (overSuffix is not null)
            {
                Fail(PathFailure.Malformed, certificate, $"subjectAltName {overSuffix} is a wildcard directly under a public suffix (CA/B BR §3.2.2.6).");
            }

            if (certificate.Subject.CommonNames.FirstOrDefault(cn => MisspellsAltName(cn, certificate.SubjectAltNames ?? [])) is { } commonName)
            {
                Fail(PathFailure.Malformed, certificate, $"its subject CN '{commonName}' names a subjectAltName entry but is not a character-for-character copy of it (CA/B BR §7.1.4.3).");
            }
        }
    }

    /// <summary>
    /// True when <paramref name="commonName"/> denotes a subjectAltName entry (the same IP address,
    /// or the same host name ignoring case and IDNA encoding) without being its exact text.
    /// </summary>
    private static bool MisspellsAltName(string commonName, IReadOnlyList<NameValue> altNames)
    {
        foreach (var name in altNames)
        {
            if (name.Form == NameForm.Ip && name.Octets!.Length is 4 or 16 && System.Net.IPAddress.TryParse(commonName, out var address)
                && address.GetAddressBytes().AsSpan().SequenceEqual(name.Octets))
            {
                return commonName != new System.Net.IPAddress(name.Octets).ToString();
            }

            if (name.Form == NameForm.Dns && AsciiHost(commonName) is { } ascii && string.Equals(ascii, name.Text, StringComparison.OrdinalIgnoreCase))
            {
                return commonName != name.Text;
            }
        }

        return false;
    }

    private static string? AsciiHost(string name)
    {
        try
        {
            return new System.Globalization.IdnMapping().GetAscii(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static void Fail(PathFailure failure, ParsedCertificate certificate, string reason)
        => throw new PathException(failure, $"{certificate}: {reason}");
}
