using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cmp;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Asn1.Tsp;

namespace GmPki.Timestamping.Tests;

/// <summary>Reads TimeStampResp bodies in tests.</summary>
internal static class Tokens
{
    /// <summary>PKIStatus and the PKIFailureInfo bits (0 when absent).</summary>
    public static (PkiStatus Status, int FailureInfo) Status(byte[] response)
    {
        var status = TimeStampResp.GetInstance(Asn1Object.FromByteArray(response)).Status;
        return ((PkiStatus)status.Status.IntValue, status.FailInfo?.IntValue ?? 0);
    }

    /// <summary>The token's SignedData and TSTInfo.</summary>
    public static (SignedData SignedData, TstInfo Info) Read(byte[] response)
    {
        var token = TimeStampResp.GetInstance(Asn1Object.FromByteArray(response)).TimeStampToken;
        var signedData = SignedData.GetInstance(token.Content);
        return (signedData, TstInfo.GetInstance(Asn1Object.FromByteArray(Asn1OctetString.GetInstance(signedData.EncapContentInfo.Content).GetOctets())));
    }

    /// <summary>The DER TimeStampToken (ContentInfo) of a granted response.</summary>
    public static byte[] Token(byte[] response) => TimeStampResp.GetInstance(Asn1Object.FromByteArray(response)).TimeStampToken.GetDerEncoded();
}
