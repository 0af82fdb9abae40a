using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace GmPki.Issuance.Building;

/// <summary>
/// Assembles a v3 TBSCertificate (RFC 5280 §4.1.2). Times are truncated to whole seconds and
/// encoded as UTCTime through 2049 and GeneralizedTime from 2050 (§4.1.2.5).
/// </summary>
internal static class TbsBuilder
{
    /// <summary>Builds the DER TBSCertificate.</summary>
    /// <param name="serial">Big-endian serial octets (positive).</param>
    /// <param name="signatureAlgorithm">DER AlgorithmIdentifier of the issuer's signatures.</param>
    /// <param name="issuer">Issuer name, exactly as the issuer certificate's subject.</param>
    /// <param name="notBefore">UTC start of validity.</param>
    /// <param name="notAfter">UTC end of validity.</param>
    /// <param name="subject">Subject name.</param>
    /// <param name="subjectPublicKeyInfo">DER SubjectPublicKeyInfo.</param>
    /// <param name="extensions">Extensions, in order.</param>
    public static byte[] Build(
        byte[] serial,
        ReadOnlyMemory<byte> signatureAlgorithm,
        X509Name issuer,
        DateTime notBefore,
        DateTime notAfter,
        X509Name subject,
        ReadOnlyMemory<byte> subjectPublicKeyInfo,
        X509Extensions extensions)
    {
        var generator = new V3TbsCertificateGenerator();
        generator.SetSerialNumber(new DerInteger(new BcBigInteger(1, serial)));
        generator.SetSignature(AlgorithmIdentifier.GetInstance(signatureAlgorithm.ToArray()));
        generator.SetIssuer(issuer);
        generator.SetStartDate(new Time(WholeSeconds(notBefore)));
        generator.SetEndDate(new Time(WholeSeconds(notAfter)));
        generator.SetSubject(subject);
        generator.SetSubjectPublicKeyInfo(SubjectPublicKeyInfo.GetInstance(subjectPublicKeyInfo.ToArray()));
        generator.SetExtensions(extensions);
        return generator.GenerateTbsCertificate().GetDerEncoded();
    }

    /// <summary>Drops fractions of a second; the result has <see cref="DateTimeKind.Utc"/>.</summary>
    public static DateTime WholeSeconds(DateTime utc)
        => new(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
}
