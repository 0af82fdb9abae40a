using GmPki.Cryptography.Asn1;
using GmPki.Verification.Certificates;
using GmPki.Verification.Names;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace GmPki.Verification.Revocation;

/// <summary>
/// A DER CRL (RFC 5280 §5) parsed for revocation checking: issuer, times, number, delta base,
/// issuing distribution point and entries (each with the issuer it speaks for, §5.3.3).
/// Unknown critical extensions and profile faults make the CRL unusable (<see cref="Problem"/>).
/// </summary>
internal sealed class ParsedCrl
{
    private static readonly HashSet<string> KnownCrlExtensions = ["2.5.29.20", "2.5.29.27", "2.5.29.28", "2.5.29.35", "2.5.29.18", "2.5.29.46", "1.3.6.1.5.5.7.1.1"];
    private static readonly HashSet<string> KnownEntryExtensions = ["2.5.29.21", "2.5.29.24", "2.5.29.29", "2.5.29.23"];

    private ParsedCrl(CertificateList list)
    {
        var tbs = list.TbsCertList;
        TbsDer = tbs.GetDerEncoded();
        SignatureAlgorithmOid = list.SignatureAlgorithm.Algorithm.Id;
        SignatureParameters = list.SignatureAlgorithm.Parameters;
        Signature = list.GetSignatureOctets();
        Issuer = DistinguishedName.From(tbs.Issuer);
        ThisUpdate = Asn1Times.ToDateTime(tbs.ThisUpdate);
        NextUpdate = (tbs.NextUpdate is { } next ? Asn1Times.ToDateTime(next) : (DateTime?)null);
        if (!list.SignatureAlgorithm.Equals(tbs.Signature))
        {
            Problem = "the CRL's inner and outer signature algorithms differ (RFC 5280 §5.1.1.2).";
        }

        var extensions = tbs.Extensions;
        foreach (DerObjectIdentifier oid in extensions?.ExtensionOids ?? Array.Empty<DerObjectIdentifier>())
        {
            var extension = extensions!.GetExtension(oid);
            if (extension.IsCritical && !KnownCrlExtensions.Contains(oid.Id))
            {
                Problem ??= $"the CRL has an unrecognised critical extension {oid.Id} (RFC 5280 §5.2).";
            }
        }

        var number = extensions?.GetExtension(X509Extensions.CrlNumber);
        if (number is null)
        {
            Problem ??= "the CRL has no cRLNumber (RFC 5280 §5.2.3 requires one).";
        }
        else
        {
            Number = DerInteger.GetInstance(X509Extension.ConvertValueToObject(number)).PositiveValue;
            if (number.IsCritical)
            {
                Problem ??= "the CRL's cRLNumber is critical (RFC 5280 §5.2.3 requires it non-critical).";
            }
        }

        if (extensions?.GetExtension(X509Extensions.DeltaCrlIndicator) is { } delta)
        {
            DeltaBase = DerInteger.GetInstance(X509Extension.ConvertValueToObject(delta)).PositiveValue;
        }

        if (extensions?.GetExtension(X509Extensions.IssuingDistributionPoint) is { } idp)
        {
            IssuingDistributionPoint = IssuingDistributionPoint.GetInstance(X509Extension.ConvertValueToObject(idp));
            IssuingDistributionPointDer = idp.Value.GetOctets();
        }

        Entries = ReadEntries(list);
    }

    /// <summary>The signed TBSCertList.</summary>
    public byte[] TbsDer { get; }

    /// <summary>Dotted OID of signatureAlgorithm.</summary>
    public string SignatureAlgorithmOid { get; }

    /// <summary>Parameters of signatureAlgorithm.</summary>
    public Asn1Encodable? SignatureParameters { get; }

    /// <summary>The signatureValue bits.</summary>
    public byte[] Signature { get; }

    /// <summary>The CRL issuer.</summary>
    public DistinguishedName Issuer { get; }

    /// <summary>thisUpdate, UTC.</summary>
    public DateTime ThisUpdate { get; }

    /// <summary>nextUpdate, UTC; null when absent.</summary>
    public DateTime? NextUpdate { get; }

    /// <summary>cRLNumber.</summary>
    public BcBigInteger? Number { get; }

    /// <summary>BaseCRLNumber of a delta CRL (deltaCRLIndicator, §5.2.4); null for a complete CRL.</summary>
    public BcBigInteger? DeltaBase { get; }

    /// <summary>issuingDistributionPoint (§5.2.5), null when absent.</summary>
    public IssuingDistributionPoint? IssuingDistributionPoint { get; }

    /// <summary>DER of the issuingDistributionPoint value, for comparing a delta CRL's scope with its base's.</summary>
    public byte[]? IssuingDistributionPointDer { get; }

    /// <summary>Why the CRL cannot be used; null when it can.</summary>
    public string? Problem { get; private set; }

    /// <summary>The revoked certificates.</summary>
    public IReadOnlyList<RevokedEntry> Entries { get; }

    /// <summary>Parses a DER CRL.</summary>
    /// <exception cref="FormatException">The bytes are not a CRL BouncyCastle can read.</exception>
    public static ParsedCrl Parse(byte[] der)
    {
        try
        {
            return new ParsedCrl(CertificateList.GetInstance(Asn1Object.FromByteArray(der)));
        }
        catch (Exception e) when (Asn1Failure.IsMalformedInput(e))
        {
            throw new FormatException("not a well-formed CRL: " + e.Message, e);
        }
    }

    /// <summary>The names of the issuingDistributionPoint's distributionPoint (relative names under the CRL issuer); null when absent.</summary>
    public IReadOnlyList<NameValue>? DistributionPointNames
        => IssuingDistributionPoint?.DistributionPoint is { } name ? DistributionPoints.Names(name, Issuer) : null;

    /// <summary>The onlySomeReasons of the issuingDistributionPoint as ReasonFlags bits; all reasons when absent.</summary>
    public int Reasons => IssuingDistributionPoint?.OnlySomeReasons is { } reasons ? reasons.IntValue : DistributionPoints.AllReasons;

    private List<RevokedEntry> ReadEntries(CertificateList list)
    {
        var entries = new List<RevokedEntry>();
        var issuer = Issuer;
        foreach (var entry in list.GetRevokedCertificateEnumeration().Cast<CrlEntry>())
        {
            var reason = 0;
            var extensions = entry.Extensions;
            foreach (DerObjectIdentifier oid in extensions?.ExtensionOids ?? Array.Empty<DerObjectIdentifier>())
            {
                var extension = extensions!.GetExtension(oid);
                if (extension.IsCritical && !KnownEntryExtensions.Contains(oid.Id))
                {
                    Problem ??= $"a CRL entry has an unrecognised critical extension {oid.Id} (RFC 5280 §5.3).";
                }
            }

            if (extensions?.GetExtension(X509Extensions.ReasonCode) is { } code)
            {
                reason = DerEnumerated.GetInstance(X509Extension.ConvertValueToObject(code)).IntValueExact;
            }

            if (extensions?.GetExtension(X509Extensions.CertificateIssuer) is { } certificateIssuer)
            {
                var directory = GeneralNames.GetInstance(X509Extension.ConvertValueToObject(certificateIssuer)).GetNames()
                    .FirstOrDefault(n => n.TagNo == GeneralName.DirectoryName);
                issuer = directory is null ? issuer : DistinguishedName.From(directory.Name);
            }

            entries.Add(new RevokedEntry(entry.UserCertificate.Value, Asn1Times.ToDateTime(entry.RevocationDate), reason, issuer));
        }

        return entries;
    }
}
