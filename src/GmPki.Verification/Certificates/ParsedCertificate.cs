using System.Security.Cryptography;
using GmPki.Cryptography.Asn1;
using GmPki.Cryptography.Signing;
using GmPki.Verification.Names;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace GmPki.Verification.Certificates;

/// <summary>
/// A DER certificate (RFC 5280 §4.1) parsed once for path validation: names, validity, key,
/// and every extension the validator processes (§4.2). Encoding faults found inside the
/// structure (a malformed extension, mismatched signature algorithms, a bad serial) are
/// collected in <see cref="Problems"/> rather than thrown, so the report can name them.
/// </summary>
internal sealed class ParsedCertificate
{
    private readonly Dictionary<string, X509Extension> _extensions = [];
    private readonly List<string> _problems = [];

    private ParsedCertificate(byte[] der, X509CertificateStructure structure)
    {
        Der = der;
        var tbs = structure.TbsCertificate;
        TbsDer = tbs.GetDerEncoded();
        Version = tbs.Version;
        SerialOctets = tbs.SerialNumber.Value.ToByteArray();
        SerialHex = tbs.SerialNumber.Value.ToString(16);
        SignatureAlgorithmOid = structure.SignatureAlgorithm.Algorithm.Id;
        SignatureParameters = structure.SignatureAlgorithm.Parameters;
        Signature = structure.Signature.GetOctets();
        Issuer = DistinguishedName.From(tbs.Issuer);
        Subject = DistinguishedName.From(tbs.Subject);
        NotBefore = Asn1Times.ToDateTime(tbs.StartDate);
        NotAfter = Asn1Times.ToDateTime(tbs.EndDate);
        SubjectPublicKeyInfo = tbs.SubjectPublicKeyInfo.GetDerEncoded();
        Key = VerificationKey.TryParse(SubjectPublicKeyInfo, out var keyProblem);
        KeyProblem = keyProblem;
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(der));
        if (!structure.SignatureAlgorithm.Equals(tbs.Signature))
        {
            _problems.Add("the signature algorithm inside the TBSCertificate differs from the outer one (RFC 5280 §4.1.1.2).");
        }

        if (tbs.Extensions is { } extensions)
        {
            foreach (DerObjectIdentifier oid in extensions.ExtensionOids)
            {
                _extensions[oid.Id] = extensions.GetExtension(oid);
            }

            if (_extensions.Count == 0)
            {
                _problems.Add("the extensions field is present but empty (RFC 5280 §4.1.2.9).");
            }
        }

        ReadExtensions();
    }

    /// <summary>The DER certificate.</summary>
    public byte[] Der { get; }

    /// <summary>The DER TBSCertificate, the signed bytes.</summary>
    public byte[] TbsDer { get; }

    /// <summary>1, 2 or 3.</summary>
    public int Version { get; }

    /// <summary>Two's-complement content octets of the serial number INTEGER.</summary>
    public byte[] SerialOctets { get; }

    /// <summary>Serial number in lowercase hex (a minus sign for the negative serials some broken CAs issue).</summary>
    public string SerialHex { get; }

    /// <summary>Dotted OID of signatureAlgorithm.</summary>
    public string SignatureAlgorithmOid { get; }

    /// <summary>Parameters of signatureAlgorithm, null when absent.</summary>
    public Asn1Encodable? SignatureParameters { get; }

    /// <summary>The signatureValue bits.</summary>
    public byte[] Signature { get; }

    /// <summary>The issuer name.</summary>
    public DistinguishedName Issuer { get; }

    /// <summary>The subject name.</summary>
    public DistinguishedName Subject { get; }

    /// <summary>Start of validity, UTC.</summary>
    public DateTime NotBefore { get; }

    /// <summary>End of validity, UTC (inclusive).</summary>
    public DateTime NotAfter { get; }

    /// <summary>DER SubjectPublicKeyInfo.</summary>
    public byte[] SubjectPublicKeyInfo { get; }

    /// <summary>The subject key, or null when unsupported or malformed (see <see cref="KeyProblem"/>).</summary>
    public VerificationKey? Key { get; }

    /// <summary>Why <see cref="Key"/> is null.</summary>
    public string? KeyProblem { get; }

    /// <summary>SHA-256 of the DER certificate, lowercase hex.</summary>
    public string Sha256 { get; }

    /// <summary>Encoding faults found while parsing.</summary>
    public IReadOnlyList<string> Problems => _problems;

    /// <summary>The extensions by dotted OID.</summary>
    public IReadOnlyDictionary<string, X509Extension> Extensions => _extensions;

    /// <summary>Issuer and subject names match (RFC 5280 §6.1: self-issued).</summary>
    public bool SelfIssued => Issuer.Matches(Subject);

    /// <summary>basicConstraints cA; false when the extension is absent.</summary>
    public bool IsCa { get; private set; }

    /// <summary>basicConstraints pathLenConstraint, null when absent.</summary>
    public int? PathLength { get; private set; }

    /// <summary>keyUsage bits in BouncyCastle's order (<see cref="KeyUsage"/> constants); null when absent.</summary>
    public int? KeyUsage { get; private set; }

    /// <summary>extKeyUsage purposes (dotted OIDs); null when absent.</summary>
    public IReadOnlyList<string>? ExtendedKeyUsages { get; private set; }

    /// <summary>subjectKeyIdentifier, null when absent.</summary>
    public byte[]? SubjectKeyId { get; private set; }

    /// <summary>authorityKeyIdentifier keyIdentifier, null when absent.</summary>
    public byte[]? AuthorityKeyId { get; private set; }

    /// <summary>authorityKeyIdentifier carries authorityCertIssuer or authorityCertSerialNumber.</summary>
    public bool AuthorityKeyIdHasIssuerSerial { get; private set; }

    /// <summary>subjectAltName entries; null when the extension is absent.</summary>
    public IReadOnlyList<NameValue>? SubjectAltNames { get; private set; }

    /// <summary>nameConstraints, null when absent.</summary>
    public NameConstraintSet? NameConstraints { get; private set; }

    /// <summary>certificatePolicies: policy OID and its qualifiers (DER, may be null); null when absent.</summary>
    public IReadOnlyList<(string Policy, Asn1Sequence? Qualifiers)>? Policies { get; private set; }

    /// <summary>policyMappings pairs; null when absent.</summary>
    public IReadOnlyList<(string IssuerDomain, string SubjectDomain)>? PolicyMappings { get; private set; }

    /// <summary>policyConstraints requireExplicitPolicy, null when absent.</summary>
    public int? RequireExplicitPolicy { get; private set; }

    /// <summary>policyConstraints inhibitPolicyMapping, null when absent.</summary>
    public int? InhibitPolicyMapping { get; private set; }

    /// <summary>inhibitAnyPolicy SkipCerts, null when absent.</summary>
    public int? InhibitAnyPolicy { get; private set; }

    /// <summary>cRLDistributionPoints, null when absent.</summary>
    public IReadOnlyList<DistributionPoint>? CrlDistributionPoints { get; private set; }

    /// <summary>authorityInfoAccess OCSP responder URIs.</summary>
    public IReadOnlyList<string> OcspUrls { get; private set; } = [];

    /// <summary>Parses a DER certificate.</summary>
    /// <exception cref="FormatException">The bytes are not a certificate BouncyCastle can read.</exception>
    public static ParsedCertificate Parse(byte[] der)
    {
        ArgumentNullException.ThrowIfNull(der);
        try
        {
            var asn1 = Asn1Object.FromByteArray(der);
            return new ParsedCertificate(der, X509CertificateStructure.GetInstance(asn1));
        }
        catch (Exception e) when (Asn1Failure.IsMalformedInput(e))
        {
            throw new FormatException("not a well-formed X.509 certificate: " + e.Message, e);
        }
    }

    /// <summary>Parses a DER certificate; null when it cannot be read.</summary>
    public static ParsedCertificate? TryParse(byte[] der)
    {
        try
        {
            return Parse(der);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Whether the extension is present and marked critical.</summary>
    public bool IsCritical(DerObjectIdentifier oid) => _extensions.TryGetValue(oid.Id, out var e) && e.IsCritical;

    /// <summary>Whether the extension is present.</summary>
    public bool Has(DerObjectIdentifier oid) => _extensions.ContainsKey(oid.Id);

    /// <summary>Whether a keyUsage bit is asserted; true when the extension is absent.</summary>
    public bool Allows(int keyUsageBit) => KeyUsage is not { } bits || (bits & keyUsageBit) != 0;

    /// <summary>Subject and serial for reports.</summary>
    public override string ToString() => $"{(Subject.IsEmpty ? "(empty subject)" : Subject.ToString())} [serial {SerialHex}]";

    private void ReadExtensions()
    {
        Read(X509Extensions.BasicConstraints, value =>
        {
            var constraints = BasicConstraints.GetInstance(value);
            IsCa = constraints.IsCA();
            if (constraints.PathLenConstraint is { } length)
            {
                PathLength = length.BitLength > 31 ? int.MaxValue : length.IntValue;
            }
        });
        Read(X509Extensions.KeyUsage, value =>
        {
            var bits = DerBitString.GetInstance(value);
            var octets = bits.GetBytes();
            KeyUsage = octets.Length == 0 ? 0 : octets[0] | (octets.Length > 1 ? octets[1] << 8 : 0);
        });
        Read(X509Extensions.ExtendedKeyUsage, value =>
        {
            var sequence = Asn1Sequence.GetInstance(value);
            ExtendedKeyUsages = [.. sequence.Cast<Asn1Encodable>().Select(e => DerObjectIdentifier.GetInstance(e).Id)];
            if (sequence.Count == 0)
            {
                _problems.Add("extKeyUsage is an empty sequence (RFC 5280 §4.2.1.12 requires at least one purpose).");
            }
        });
        Read(X509Extensions.SubjectKeyIdentifier, value => SubjectKeyId = Asn1OctetString.GetInstance(value).GetOctets());
        Read(X509Extensions.AuthorityKeyIdentifier, value =>
        {
            var aki = AuthorityKeyIdentifier.GetInstance(value);
            AuthorityKeyId = aki.GetKeyIdentifier();
            AuthorityKeyIdHasIssuerSerial = aki.AuthorityCertIssuer is not null || aki.AuthorityCertSerialNumber is not null;
        });
        Read(X509Extensions.SubjectAlternativeName, value =>
        {
            var names = NameValue.FromAll(GeneralNames.GetInstance(value));
            SubjectAltNames = names;
            if (names.Count == 0)
            {
                _problems.Add("subjectAltName is empty (RFC 5280 §4.2.1.6).");
            }
        });
        Read(X509Extensions.NameConstraints, value => NameConstraints = NameConstraintSet.Parse(Asn1Sequence.GetInstance(value)));
        Read(X509Extensions.CertificatePolicies, value =>
        {
            var policies = Asn1Sequence.GetInstance(value).Cast<Asn1Encodable>().Select(PolicyInformation.GetInstance)
                .Select(p => (Policy: p.PolicyIdentifier.Id, Qualifiers: (Asn1Sequence?)p.PolicyQualifiers)).ToList();
            if (policies.Count == 0 || policies.Select(p => p.Policy).Distinct().Count() != policies.Count)
            {
                _problems.Add("certificatePolicies is empty or names a policy twice (RFC 5280 §4.2.1.4).");
            }

            Policies = policies;
        });
        Read(X509Extensions.PolicyMappings, value =>
        {
            var mappings = Asn1Sequence.GetInstance(value).Cast<Asn1Encodable>().Select(Asn1Sequence.GetInstance)
                .Select(pair => (DerObjectIdentifier.GetInstance(pair[0]).Id, DerObjectIdentifier.GetInstance(pair[1]).Id)).ToList();
            PolicyMappings = mappings.Count > 0 ? mappings : throw new FormatException("empty policyMappings");
        });
        Read(X509Extensions.PolicyConstraints, value =>
        {
            var sequence = Asn1Sequence.GetInstance(value);
            if (sequence.Count == 0)
            {
                _problems.Add("policyConstraints is empty (RFC 5280 §4.2.1.11).");
            }

            foreach (var element in sequence)
            {
                var tagged = Asn1TaggedObject.GetInstance(element);
                var skip = SkipCerts(DerInteger.GetInstance(tagged, false));
                if (tagged.TagNo == 0)
                {
                    RequireExplicitPolicy = skip;
                }
                else if (tagged.TagNo == 1)
                {
                    InhibitPolicyMapping = skip;
                }
            }
        });
        Read(X509Extensions.InhibitAnyPolicy, value => InhibitAnyPolicy = SkipCerts(DerInteger.GetInstance(value)));
        Read(X509Extensions.CrlDistributionPoints, value => CrlDistributionPoints = CrlDistPoint.GetInstance(value).GetDistributionPoints());
        Read(X509Extensions.AuthorityInfoAccess, value =>
        {
            var access = AuthorityInformationAccess.GetInstance(value).GetAccessDescriptions();
            foreach (var description in access)
            {
                _ = NameValue.From(description.AccessLocation);
            }

            OcspUrls = [.. access.Where(a => a.AccessMethod.Equals(AccessDescription.IdADOcsp) && a.AccessLocation.TagNo == GeneralName.UniformResourceIdentifier)
                .Select(a => ((IAsn1String)a.AccessLocation.Name).GetString())];
        });
        Read(X509Extensions.IssuerAlternativeName, value => NameValue.FromAll(GeneralNames.GetInstance(value)));
        Read(X509Extensions.FreshestCrl, value => CrlDistPoint.GetInstance(value).GetDistributionPoints());
    }

    private static int SkipCerts(DerInteger value)
    {
        var number = value.Value;
        if (number.SignValue < 0)
        {
            throw new FormatException("negative SkipCerts");
        }

        return number.BitLength > 31 ? int.MaxValue : number.IntValue;
    }

    private void Read(DerObjectIdentifier oid, Action<Asn1Object> parse)
    {
        if (!_extensions.TryGetValue(oid.Id, out var extension))
        {
            return;
        }

        try
        {
            var value = Asn1Object.FromByteArray(extension.Value.GetOctets());
            parse(value);
        }
        catch (Exception e) when (Asn1Failure.IsMalformedInput(e))
        {
            _problems.Add($"extension {KnownExtensions.NameOf(oid.Id)} is malformed.");
        }
    }
}
