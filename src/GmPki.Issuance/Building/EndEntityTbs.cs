using GmPki.Core.Profiles;
using GmPki.Issuance.Authorities;
using GmPki.Issuance.Checks;
using GmPki.Issuance.Identity;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace GmPki.Issuance.Building;

/// <summary>
/// Builds an end-entity TBSCertificate from an <see cref="IssuanceIntent"/>: basicConstraints
/// cA=FALSE (critical), keyUsage (critical), extKeyUsage, subject and authority key identifiers,
/// certificatePolicies with the profile's policy OID and CPS pointer, the CRL distribution point
/// of the certificate's shard, authorityInformationAccess (OCSP, caIssuers), subjectAltName and
/// the GM/T 0015 identity extensions.
/// </summary>
internal static class EndEntityTbs
{
    /// <summary>Builds the DER TBSCertificate.</summary>
    public static byte[] Build(IssuanceIntent intent, byte[] serial, DateTime notBefore, DateTime notAfter, int crlShard, PublicationUrls urls)
    {
        var profile = intent.Profile;
        var issuer = intent.Issuer;
        var extensions = new X509ExtensionsGenerator();
        extensions.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(false));
        extensions.AddExtension(X509Extensions.KeyUsage, true, CertificateExtensions.KeyUsage(profile.KeyUsage));
        if (profile.ExtendedKeyUsages.Count > 0)
        {
            extensions.AddExtension(X509Extensions.ExtendedKeyUsage, false, CertificateExtensions.ExtendedKeyUsage(profile.ExtendedKeyUsages));
        }

        extensions.AddExtension(X509Extensions.SubjectKeyIdentifier, false, new SubjectKeyIdentifier(intent.SubjectKey.KeyIdentifier()));
        extensions.AddExtension(X509Extensions.AuthorityKeyIdentifier, false, new AuthorityKeyIdentifier(issuer.KeyIdentifier));
        extensions.AddExtension(X509Extensions.CertificatePolicies, false, CertificateExtensions.CertificatePolicies(profile.PolicyOid, profile.CpsUri));
        extensions.AddExtension(X509Extensions.CrlDistributionPoints, false, CertificateExtensions.CrlDistributionPoint(urls.Crl(issuer.Label, crlShard)));
        extensions.AddExtension(X509Extensions.AuthorityInfoAccess, false, CertificateExtensions.AuthorityInformationAccess(urls.Ocsp, urls.CaIssuers(issuer.Label)));
        if (intent.Subject.AltNames.Count > 0)
        {
            var names = intent.Subject.AltNames.Select(n => n.Type switch
            {
                SubjectAltNameType.Dns => new GeneralName(GeneralName.DnsName, n.Value),
                SubjectAltNameType.Email => new GeneralName(GeneralName.Rfc822Name, n.Value),
                SubjectAltNameType.Uri => new GeneralName(GeneralName.UniformResourceIdentifier, n.Value),
                _ => new GeneralName(GeneralName.IPAddress, new DerOctetString(n.Encoded!)),
            });
            extensions.AddExtension(X509Extensions.SubjectAlternativeName, false, new GeneralNames([.. names]));
        }

        foreach (var (type, value) in intent.IdentityExtensions)
        {
            extensions.AddExtension(new DerObjectIdentifier(type.Oid()), false, IdentityExtensionEncoder.Encode(type, value));
        }

        return TbsBuilder.Build(serial, issuer.Key.SignatureAlgorithm, issuer.Certificate.Subject, notBefore, notAfter, intent.Subject.Name, intent.SubjectKey.SubjectPublicKeyInfo, extensions.Generate());
    }
}
