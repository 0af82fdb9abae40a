using GmPki.Cryptography.Asn1;
using GmPki.Verification.Certificates;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;

namespace GmPki.Verification.Signatures;

/// <summary>
/// A ContentInfo holding SignedData (RFC 5652 §5.1), under the PKCS #7 OID or GM/T 0010's
/// <c>1.2.156.10197.6.1.4.2.2</c>: the encapsulated content, the certificates and CRLs it
/// carries and its SignerInfos.
/// </summary>
internal sealed class CmsSignedData
{
    private CmsSignedData(SignedData signedData)
    {
        var encapsulated = signedData.EncapContentInfo;
        ContentType = encapsulated.ContentType.Id;
        Content = encapsulated.Content is { } content ? Asn1OctetString.GetInstance(content).GetOctets() : null;
        CertificateDers = [.. (signedData.Certificates?.Cast<Asn1Encodable>() ?? [])
            .Where(c => c.ToAsn1Object() is Asn1Sequence).Select(c => c.ToAsn1Object().GetDerEncoded())];
        Certificates = [.. CertificateDers.Select(ParsedCertificate.TryParse).OfType<ParsedCertificate>()];
        CrlDers = [.. (signedData.CRLs?.Cast<Asn1Encodable>() ?? []).Where(c => c.ToAsn1Object() is Asn1Sequence).Select(c => c.ToAsn1Object().GetDerEncoded())];
        Signers = [.. signedData.SignerInfos.Cast<Asn1Encodable>().Select(SignerInfo.GetInstance)];
        foreach (var signer in Signers)
        {
            SignerId.Read(signer.SignerID);
        }
    }

    /// <summary>eContentType, dotted.</summary>
    public string ContentType { get; }

    /// <summary>eContent octets; null for a detached signature.</summary>
    public byte[]? Content { get; }

    /// <summary>The certificates field, DER.</summary>
    public IReadOnlyList<byte[]> CertificateDers { get; }

    /// <summary>The certificates that parse.</summary>
    public IReadOnlyList<ParsedCertificate> Certificates { get; }

    /// <summary>The crls field (CertificateList choices only), DER.</summary>
    public IReadOnlyList<byte[]> CrlDers { get; }

    /// <summary>The SignerInfos.</summary>
    public IReadOnlyList<SignerInfo> Signers { get; }

    /// <summary>Parses a DER (or BER) ContentInfo.</summary>
    /// <exception cref="FormatException">Not a ContentInfo with SignedData, or a SignerInfo whose sid is malformed.</exception>
    public static CmsSignedData Parse(byte[] der)
    {
        try
        {
            var info = ContentInfo.GetInstance(Asn1Object.FromByteArray(der));
            var type = info.ContentType.Id;
            if (type is not (CmsOids.SignedData or CmsOids.GmSignedData))
            {
                throw new FormatException($"the ContentInfo holds {type}, not signedData.");
            }

            return new CmsSignedData(SignedData.GetInstance(info.Content));
        }
        catch (Exception e) when (Asn1Failure.IsMalformedInput(e))
        {
            throw new FormatException("not a CMS SignedData: " + e.Message, e);
        }
    }
}
