using GmPki.Verification.Certificates;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Math;

namespace GmPki.Verification.Signatures;

/// <summary>A SignerInfo's <c>sid</c> (RFC 5652 §5.3), decoded: a subjectKeyIdentifier, or an issuer and serial number.</summary>
/// <param name="KeyId">The subjectKeyIdentifier; null for issuerAndSerialNumber.</param>
/// <param name="Issuer">The issuer; null for subjectKeyIdentifier.</param>
/// <param name="Serial">The serial number; null for subjectKeyIdentifier.</param>
internal sealed record SignerId(byte[]? KeyId, DistinguishedName? Issuer, BigInteger? Serial)
{
    /// <summary>Decodes <paramref name="id"/>. BouncyCastle reads the choice only when asked, so <see cref="CmsSignedData.Parse"/> calls this for every signer.</summary>
    /// <remarks>Throws one of the exceptions <see cref="Cryptography.Asn1.Asn1Failure.IsMalformedInput"/> names when it is malformed.</remarks>
    public static SignerId Read(SignerIdentifier id)
    {
        if (id.IsTagged)
        {
            return new SignerId(Asn1OctetString.GetInstance((Asn1TaggedObject)id.ToAsn1Object(), false).GetOctets(), null, null);
        }

        var issuerAndSerial = IssuerAndSerialNumber.GetInstance(id.ID);
        return new SignerId(null, DistinguishedName.From(issuerAndSerial.Name), issuerAndSerial.SerialNumber.Value);
    }

    /// <summary>Whether <paramref name="certificate"/> is the one this identifier names.</summary>
    public bool Matches(ParsedCertificate certificate)
        => KeyId is { } keyId
            ? certificate.SubjectKeyId is { } ski && ski.AsSpan().SequenceEqual(keyId)
            : certificate.Issuer.Matches(Issuer!) && new BigInteger(certificate.SerialOctets).Equals(Serial);
}
