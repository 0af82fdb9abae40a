using System.Formats.Asn1;
using GmPki.Core.Keys;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;

namespace GmPki.Status.Crl;

/// <summary>
/// Builds and signs a version 2 CRL (RFC 5280 §5): issuer copied from the CA certificate's
/// subject, authorityKeyIdentifier, cRLNumber, issuingDistributionPoint (critical), and
/// deltaCRLIndicator (critical) or freshestCRL; entries carry reasonCode unless unspecified
/// (RFC 5280 §5.3.1). The extensions are made with BouncyCastle's ASN.1 types; the structure and
/// its entries are written with .NET's DER writer (<see cref="AsnWriter"/>), which encodes a
/// million entries several times faster and with a fraction of the memory of BouncyCastle 1.8.10's
/// object tree (<c>docs/performance.md</c>). The signature is made by the CA's
/// <see cref="ISigningKey"/> (SM3withSM2 with the CA's SM2 ID, ECDSA or RSA).
/// </summary>
internal static class CrlBuilder
{
    private static readonly DateTime UtcTimeEnd = new(2050, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>DER Extensions holding a reasonCode of each CRLReason value (shared by all entries).</summary>
    private static readonly byte[][] ReasonExtensions = [.. Enumerable.Range(0, 11).Select(code => new X509Extensions(
        new Dictionary<DerObjectIdentifier, X509Extension> { [X509Extensions.ReasonCode] = new(false, new DerOctetString(new CrlReason(code))) }).GetDerEncoded())];

    /// <summary>Returns the DER CertificateList.</summary>
    /// <param name="issuer">The CA: its certificate and key identifier.</param>
    /// <param name="key">The CA's signing key.</param>
    /// <param name="content">What the CRL says.</param>
    public static byte[] Build(IssuerIdentity issuer, ISigningKey key, CrlContent content)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(content);
        var tbs = new AsnWriter(AsnEncodingRules.DER, 64 * (content.Revoked.Count + content.Removed.Count) + 1024);
        using (tbs.PushSequence())
        {
            tbs.WriteInteger(1); // v2
            tbs.WriteEncodedValue(key.SignatureAlgorithm.Span);
            tbs.WriteEncodedValue(issuer.Certificate.Subject.GetDerEncoded());
            WriteTime(tbs, content.ThisUpdate);
            WriteTime(tbs, content.NextUpdate);
            if (content.Revoked.Count + content.Removed.Count > 0)
            {
                using (tbs.PushSequence())
                {
                    foreach (var entry in content.Revoked)
                    {
                        WriteEntry(tbs, entry.SerialHex, entry.ChangedAt ?? content.ThisUpdate, CrlReasons.Of(entry.Status, entry.Reason));
                    }

                    foreach (var serial in content.Removed)
                    {
                        WriteEntry(tbs, serial, content.ThisUpdate, CrlReason.RemoveFromCrl);
                    }
                }
            }

            tbs.WriteEncodedValue(new DerTaggedObject(true, 0, Extensions(issuer, content)).GetDerEncoded());
        }

        var tbsDer = tbs.Encode();
        var signature = key.Sign(tbsDer);
        var list = new AsnWriter(AsnEncodingRules.DER, tbsDer.Length + signature.Length + 64);
        using (list.PushSequence())
        {
            list.WriteEncodedValue(tbsDer);
            list.WriteEncodedValue(key.SignatureAlgorithm.Span);
            list.WriteBitString(signature);
        }

        return list.Encode();
    }

    private static X509Extensions Extensions(IssuerIdentity issuer, CrlContent content)
    {
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

        return extensions.Generate();
    }

    /// <summary>One revokedCertificates entry (RFC 5280 §5.1.2.6): serial, revocationDate, reasonCode unless unspecified.</summary>
    private static void WriteEntry(AsnWriter writer, string serialHex, DateTime revokedAt, int reason)
    {
        using (writer.PushSequence())
        {
            writer.WriteIntegerUnsigned(Convert.FromHexString(serialHex));
            WriteTime(writer, revokedAt);
            if (reason != CrlReason.Unspecified)
            {
                writer.WriteEncodedValue(ReasonExtensions[reason]);
            }
        }
    }

    /// <summary>UTCTime through 2049, GeneralizedTime from 2050 (RFC 5280 §5.1.2.4), whole seconds.</summary>
    private static void WriteTime(AsnWriter writer, DateTime utc)
    {
        var whole = new DateTimeOffset(StatusTime.Whole(utc));
        if (whole.UtcDateTime < UtcTimeEnd)
        {
            writer.WriteUtcTime(whole);
        }
        else
        {
            writer.WriteGeneralizedTime(whole, omitFractionalSeconds: true);
        }
    }

    private static DistributionPointName Point(string url)
        => new(new GeneralNames(new GeneralName(GeneralName.UniformResourceIdentifier, url)));
}
