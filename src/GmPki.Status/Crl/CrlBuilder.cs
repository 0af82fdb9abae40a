using GmPki.Core.Keys;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;

namespace GmPki.Status.Crl;

/// <summary>
/// Builds and signs a version 2 CRL (RFC 5280 §5) with BouncyCastle's ASN.1 types: issuer copied
/// from the CA certificate's subject, authorityKeyIdentifier, cRLNumber, issuingDistributionPoint,
/// and deltaCRLIndicator or freshestCRL; entries carry reasonCode unless unspecified
/// (RFC 5280 §5.3.1). The signature is made by the CA's <see cref="ISigningKey"/> (SM3withSM2 with
/// the CA's SM2 ID, ECDSA or RSA).
/// </summary>
internal static class CrlBuilder
{
    /// <summary>Returns the DER CertificateList.</summary>
    /// <param name="issuer">The CA: its certificate and key identifier.</param>
    /// <param name="key">The CA's signing key.</param>
    /// <param name="content">What the CRL says.</param>
    public static byte[] Build(IssuerIdentity issuer, ISigningKey key, CrlContent content)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(content);
        var algorithm = AlgorithmIdentifier.GetInstance(key.SignatureAlgorithm.ToArray());
        var tbs = new V2TbsCertListGenerator();
        tbs.SetSignature(algorithm);
        tbs.SetIssuer(issuer.Certificate.Subject);
        tbs.SetThisUpdate(new Time(StatusTime.Whole(content.ThisUpdate)));
        tbs.SetNextUpdate(new Time(StatusTime.Whole(content.NextUpdate)));
        foreach (var entry in content.Revoked)
        {
            tbs.AddCrlEntry(new DerInteger(new BigInteger(entry.SerialHex, 16)), new Time(StatusTime.Whole(entry.ChangedAt ?? content.ThisUpdate)), CrlReasons.Of(entry.Status, entry.Reason));
        }

        foreach (var serial in content.Removed)
        {
            tbs.AddCrlEntry(new DerInteger(new BigInteger(serial, 16)), new Time(StatusTime.Whole(content.ThisUpdate)), CrlReason.RemoveFromCrl);
        }

        var extensions = new X509ExtensionsGenerator();
        extensions.AddExtension(X509Extensions.AuthorityKeyIdentifier, false, new AuthorityKeyIdentifier(issuer.KeyIdentifier));
        extensions.AddExtension(X509Extensions.CrlNumber, false, new CrlNumber(BigInteger.ValueOf(content.Number)));
        extensions.AddExtension(X509Extensions.IssuingDistributionPoint, true,
            new IssuingDistributionPoint(Point(content.DistributionPoint), false, false, null, false, false));
        if (content.BaseNumber is { } baseNumber)
        {
            extensions.AddExtension(X509Extensions.DeltaCrlIndicator, true, new CrlNumber(BigInteger.ValueOf(baseNumber)));
        }
        else if (content.FreshestCrl is { } freshest)
        {
            extensions.AddExtension(X509Extensions.FreshestCrl, false, new CrlDistPoint([new DistributionPoint(Point(freshest), null, null)]));
        }

        tbs.SetExtensions(extensions.Generate());
        var tbsList = tbs.GenerateTbsCertList();
        var signature = key.Sign(tbsList.GetDerEncoded());
        return CertificateList.GetInstance(new DerSequence(tbsList, algorithm, new DerBitString(signature))).GetDerEncoded();
    }

    private static DistributionPointName Point(string url)
        => new(new GeneralNames(new GeneralName(GeneralName.UniformResourceIdentifier, url)));
}
