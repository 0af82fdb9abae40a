using GmPki.Core.Keys;
using GmPki.Issuance.Building;
using GmPki.Issuance.Identity;
using GmPki.Issuance.Requests;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace GmPki.Issuance.Checks;

/// <summary>
/// The pre-issuance check: re-parses the DER TBSCertificate that is about to be signed and
/// refuses it unless it carries every item M24 §19 / D §21 require (issuer institution name,
/// holder name, serial, validity, policy OID, holder public key, CA signature algorithm) and
/// matches its profile and GM/T 0015. It checks the bytes, not the builder's intent, so a bug
/// in the builder cannot slip through.
/// </summary>
internal static class PreIssuanceCheck
{
    /// <summary>Runs every check; returns all findings (empty when the TBS may be signed).</summary>
    public static IReadOnlyList<LintFinding> Run(byte[] tbsDer, IssuanceIntent intent)
    {
        var findings = new List<LintFinding>();
        void Fail(string check, string message) => findings.Add(new LintFinding(check, message));

        TbsCertificateStructure tbs;
        X509Extensions extensions;
        try
        {
            tbs = TbsCertificateStructure.GetInstance(Asn1Object.FromByteArray(tbsDer));
            extensions = tbs.Extensions ?? throw new ArgumentException("no extensions");
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidCastException)
        {
            return [new LintFinding("rfc5280-structure", "the TBSCertificate does not parse or has no extensions: " + e.Message)];
        }

        if (tbs.Version != 3)
        {
            Fail("rfc5280-version", $"version is v{tbs.Version}, not v3.");
        }

        CheckIssuer(tbs, intent, Fail);
        CheckSubject(tbs, intent, Fail);
        CheckSerial(tbs, Fail);
        CheckValidity(tbs, intent, Fail);
        CheckKey(tbs, intent, Fail);
        if (!tbs.Signature.GetDerEncoded().AsSpan().SequenceEqual(intent.Issuer.Key.SignatureAlgorithm.Span))
        {
            Fail("m24-19-7-signature-algorithm", "the signature algorithm is not the issuing CA key's.");
        }

        CheckExtensions(tbs, extensions, intent, Fail);
        return findings;
    }

    private static void CheckIssuer(TbsCertificateStructure tbs, IssuanceIntent intent, Action<string, string> fail)
    {
        if (!tbs.Issuer.GetDerEncoded().AsSpan().SequenceEqual(intent.Issuer.Certificate.Subject.GetDerEncoded()))
        {
            fail("m24-19-1-issuer-name", "the issuer name differs from the issuing CA certificate's subject.");
        }

        if (tbs.Issuer.GetValueList(X509Name.O).Count == 0)
        {
            fail("m24-19-1-issuer-name", "the issuer name carries no organization (the CA institution's name).");
        }
    }

    private static void CheckSubject(TbsCertificateStructure tbs, IssuanceIntent intent, Action<string, string> fail)
    {
        if (!tbs.Subject.GetDerEncoded().AsSpan().SequenceEqual(intent.Subject.Name.GetDerEncoded()))
        {
            fail("m24-19-2-subject-name", "the subject differs from the approved subject.");
        }

        var commonNames = tbs.Subject.GetValueList(X509Name.CN);
        if (commonNames.Count == 0 || string.IsNullOrWhiteSpace(commonNames[0] as string))
        {
            fail("m24-19-2-subject-name", "the subject names no holder (CN).");
        }

        foreach (var rdn in Asn1Sequence.GetInstance(tbs.Subject.ToAsn1Object()))
        {
            var pair = Asn1Sequence.GetInstance(Asn1Set.GetInstance(rdn)[0]);
            var type = DerObjectIdentifier.GetInstance(pair[0]);
            var expected = SubjectAttribute.FindByOid(type.Id)?.Encoding;
            var actual = pair[1] switch
            {
                DerUtf8String => DirectoryStringType.Utf8,
                DerPrintableString => DirectoryStringType.Printable,
                DerIA5String => DirectoryStringType.Ia5,
                _ => (DirectoryStringType?)null,
            };
            if (expected is null || actual != expected)
            {
                fail("gmt0015-name-encoding", $"subject attribute {type.Id} is encoded as {pair[1].GetType().Name}, not {expected}.");
            }
        }
    }

    private static void CheckSerial(TbsCertificateStructure tbs, Action<string, string> fail)
    {
        var serial = tbs.SerialNumber.Value;
        var octets = serial.ToByteArray().Length;
        if (serial.SignValue <= 0 || octets > 20 || serial.BitLength < 64)
        {
            fail("m24-19-3-serial", $"serial must be positive, at most 20 octets and at least 64 bits; it has {serial.BitLength} bits in {octets} octets.");
        }
    }

    private static void CheckValidity(TbsCertificateStructure tbs, IssuanceIntent intent, Action<string, string> fail)
    {
        var notBefore = tbs.StartDate.ToDateTime().ToUniversalTime();
        var notAfter = tbs.EndDate.ToDateTime().ToUniversalTime();
        if (notAfter <= notBefore)
        {
            fail("m24-19-4-validity", "notAfter is not after notBefore.");
        }

        if (notBefore < intent.Issuer.NotBefore || notAfter > intent.Issuer.NotAfter)
        {
            fail("m24-19-4-validity", "the validity period exceeds the issuing CA's.");
        }

        if (notAfter - notBefore > intent.MaxValidity)
        {
            fail("m24-19-4-validity", $"the validity period is longer than the profile's {intent.Profile.Validity.TotalDays} days.");
        }
    }

    private static void CheckKey(TbsCertificateStructure tbs, IssuanceIntent intent, Action<string, string> fail)
    {
        var spki = tbs.SubjectPublicKeyInfo.GetDerEncoded();
        if (!spki.AsSpan().SequenceEqual(intent.SubjectKey.SubjectPublicKeyInfo))
        {
            fail("m24-19-6-public-key", "the public key differs from the one in the verified request.");
            return;
        }

        var algorithm = intent.SubjectKey.Algorithm;
        if (!intent.Profile.KeyAlgorithms.Contains(algorithm))
        {
            fail("m24-19-6-public-key", $"profile '{intent.Profile.Name}' does not allow {algorithm.ToName()} keys.");
        }
    }

    private static void CheckExtensions(TbsCertificateStructure tbs, X509Extensions extensions, IssuanceIntent intent, Action<string, string> fail)
    {
        var profile = intent.Profile;
        var policies = Value(extensions, X509Extensions.CertificatePolicies);
        if (policies is null || !Asn1Sequence.GetInstance(policies).Cast<Asn1Encodable>()
                .Any(p => PolicyInformation.GetInstance(p).PolicyIdentifier.Id == profile.PolicyOid))
        {
            fail("m24-19-5-policy", $"certificatePolicies does not carry the profile's policy {profile.PolicyOid}.");
        }

        var keyUsage = extensions.GetExtension(X509Extensions.KeyUsage);
        if (keyUsage is null || !keyUsage.IsCritical
            || !KeyUsage.GetInstance(X509Extension.ConvertValueToObject(keyUsage)).GetDerEncoded().AsSpan().SequenceEqual(CertificateExtensions.KeyUsage(profile.KeyUsage).GetDerEncoded()))
        {
            fail("rfc5280-key-usage", "keyUsage is missing, not critical, or differs from the profile.");
        }

        var eku = Value(extensions, X509Extensions.ExtendedKeyUsage);
        var ekuOids = eku is null ? [] : Asn1Sequence.GetInstance(eku).Cast<Asn1Encodable>().Select(o => DerObjectIdentifier.GetInstance(o).Id).ToList();
        if (!ekuOids.SequenceEqual(profile.ExtendedKeyUsages))
        {
            fail("rfc5280-extended-key-usage", "extKeyUsage differs from the profile.");
        }

        var basic = extensions.GetExtension(X509Extensions.BasicConstraints);
        if (basic is null || !basic.IsCritical || BasicConstraints.GetInstance(X509Extension.ConvertValueToObject(basic)).IsCA())
        {
            fail("rfc5280-basic-constraints", "basicConstraints must be present, critical and cA=FALSE for an end entity.");
        }

        var aki = Value(extensions, X509Extensions.AuthorityKeyIdentifier);
        if (aki is null || !(AuthorityKeyIdentifier.GetInstance(aki).GetKeyIdentifier() ?? []).AsSpan().SequenceEqual(intent.Issuer.KeyIdentifier))
        {
            fail("rfc5280-authority-key-identifier", "authorityKeyIdentifier is missing or does not match the issuing CA's key.");
        }

        var ski = Value(extensions, X509Extensions.SubjectKeyIdentifier);
        if (ski is null || !SubjectKeyIdentifier.GetInstance(ski).GetKeyIdentifier().AsSpan().SequenceEqual(intent.SubjectKey.KeyIdentifier()))
        {
            fail("rfc5280-subject-key-identifier", "subjectKeyIdentifier is missing or not derived from the public key.");
        }

        if (Value(extensions, X509Extensions.CrlDistributionPoints) is null || Value(extensions, X509Extensions.AuthorityInfoAccess) is null)
        {
            fail("status-urls", "cRLDistributionPoints and authorityInformationAccess must both be present.");
        }

        CheckAltNames(extensions, intent, fail);
        foreach (var (type, required) in profile.IdentityExtensions)
        {
            if (required && extensions.GetExtension(new DerObjectIdentifier(type.Oid())) is null)
            {
                fail("gmt0015-identity-extension", $"required identity extension {type.ToName()} is missing.");
            }
        }

        var known = new HashSet<string>(StringComparer.Ordinal)
        {
            X509Extensions.BasicConstraints.Id, X509Extensions.KeyUsage.Id, X509Extensions.ExtendedKeyUsage.Id,
            X509Extensions.SubjectKeyIdentifier.Id, X509Extensions.AuthorityKeyIdentifier.Id, X509Extensions.CertificatePolicies.Id,
            X509Extensions.CrlDistributionPoints.Id, X509Extensions.AuthorityInfoAccess.Id, X509Extensions.SubjectAlternativeName.Id,
        };
        known.UnionWith(intent.IdentityExtensions.Select(i => i.Type.Oid()));
        foreach (var oid in extensions.ExtensionOids.Cast<DerObjectIdentifier>().Where(o => !known.Contains(o.Id)))
        {
            fail("profile-unexpected-extension", $"extension {oid.Id} is not part of the profile.");
        }
    }

    private static void CheckAltNames(X509Extensions extensions, IssuanceIntent intent, Action<string, string> fail)
    {
        var san = extensions.GetExtension(X509Extensions.SubjectAlternativeName);
        var expected = intent.Subject.AltNames.Count;
        var actual = san is null ? 0 : GeneralNames.GetInstance(X509Extension.ConvertValueToObject(san)).GetNames().Length;
        if (actual != expected)
        {
            fail("rfc5280-subject-alt-name", $"subjectAltName has {actual} entries; {expected} were approved.");
        }

        if (intent.Profile.RequireSubjectAltName && actual == 0)
        {
            fail("rfc5280-subject-alt-name", $"profile '{intent.Profile.Name}' requires a subjectAltName.");
        }
    }

    private static Asn1Object? Value(X509Extensions extensions, DerObjectIdentifier oid)
    {
        var extension = extensions.GetExtension(oid);
        return extension is null ? null : X509Extension.ConvertValueToObject(extension);
    }
}
