using GmPki.Core.Profiles;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace GmPki.Issuance.Building;

/// <summary>
/// Builders for the standard extensions GmPki writes (RFC 5280 §4.2, GM/T 0015 §5.2). Each
/// returns the extension value; criticality is chosen by the caller.
/// </summary>
internal static class CertificateExtensions
{
    /// <summary>Maps GmPki's flags to the BouncyCastle keyUsage bit string (RFC 5280 §4.2.1.3 bit order).</summary>
    public static KeyUsage KeyUsage(KeyUsages usages)
    {
        var bits = 0;
        void Map(KeyUsages flag, int bcBit)
        {
            if (usages.HasFlag(flag))
            {
                bits |= bcBit;
            }
        }

        Map(KeyUsages.DigitalSignature, Org.BouncyCastle.Asn1.X509.KeyUsage.DigitalSignature);
        Map(KeyUsages.NonRepudiation, Org.BouncyCastle.Asn1.X509.KeyUsage.NonRepudiation);
        Map(KeyUsages.KeyEncipherment, Org.BouncyCastle.Asn1.X509.KeyUsage.KeyEncipherment);
        Map(KeyUsages.DataEncipherment, Org.BouncyCastle.Asn1.X509.KeyUsage.DataEncipherment);
        Map(KeyUsages.KeyAgreement, Org.BouncyCastle.Asn1.X509.KeyUsage.KeyAgreement);
        Map(KeyUsages.KeyCertSign, Org.BouncyCastle.Asn1.X509.KeyUsage.KeyCertSign);
        Map(KeyUsages.CrlSign, Org.BouncyCastle.Asn1.X509.KeyUsage.CrlSign);
        Map(KeyUsages.EncipherOnly, Org.BouncyCastle.Asn1.X509.KeyUsage.EncipherOnly);
        Map(KeyUsages.DecipherOnly, Org.BouncyCastle.Asn1.X509.KeyUsage.DecipherOnly);
        return new KeyUsage(bits);
    }

    /// <summary>certificatePolicies with one policy and, when given, a CPS pointer qualifier (RFC 5280 §4.2.1.4).</summary>
    public static DerSequence CertificatePolicies(string policyOid, string? cpsUri)
    {
        var oid = new DerObjectIdentifier(policyOid);
        var information = cpsUri is null
            ? new PolicyInformation(oid)
            : new PolicyInformation(oid, new DerSequence(new PolicyQualifierInfo(cpsUri)));
        return new DerSequence(information);
    }

    /// <summary>cRLDistributionPoints with one distribution point of one URI (RFC 5280 §4.2.1.13).</summary>
    public static CrlDistPoint CrlDistributionPoint(string url)
        => new([new DistributionPoint(new DistributionPointName(new GeneralNames(Uri(url))), null, null)]);

    /// <summary>authorityInformationAccess with OCSP and caIssuers URIs (RFC 5280 §4.2.2.1).</summary>
    public static DerSequence AuthorityInformationAccess(string ocspUrl, string caIssuersUrl)
        => new(new AccessDescription(AccessDescription.IdADOcsp, Uri(ocspUrl)), new AccessDescription(AccessDescription.IdADCAIssuers, Uri(caIssuersUrl)));

    /// <summary>extKeyUsage from dotted OIDs (RFC 5280 §4.2.1.12).</summary>
    public static DerSequence ExtendedKeyUsage(IEnumerable<string> oids)
        => new([.. oids.Select(oid => new DerObjectIdentifier(oid))]);

    private static GeneralName Uri(string url) => new(GeneralName.UniformResourceIdentifier, url);
}
