using Org.BouncyCastle.Asn1.Cmp;

namespace GmPki.Timestamping;

/// <summary>
/// Why the TSA refused a request: the PKIFailureInfo bit of RFC 3161 §2.4.2 sent back with
/// PKIStatus rejection. The values are BouncyCastle's bit masks of the DER BIT STRING.
/// </summary>
public enum TimestampFailure
{
    /// <summary>badAlg: the imprint's hash algorithm is not accepted (only SM3, SHA-256, SHA-384, SHA-512 and SHA-1 are).</summary>
    BadAlg = PkiFailureInfo.BadAlg,

    /// <summary>badRequest: the request is well-formed but not permitted (version other than 1).</summary>
    BadRequest = PkiFailureInfo.BadRequest,

    /// <summary>badDataFormat: not a DER TimeStampReq, or an imprint whose length does not fit its algorithm.</summary>
    BadDataFormat = PkiFailureInfo.BadDataFormat,

    /// <summary>timeNotAvailable: with ordering, the clock is behind the last issued token by more than the accuracy (it was set back).</summary>
    TimeNotAvailable = PkiFailureInfo.TimeNotAvailable,

    /// <summary>unacceptedPolicy: the request names a policy other than the TSA's.</summary>
    UnacceptedPolicy = PkiFailureInfo.UnacceptedPolicy,

    /// <summary>unacceptedExtension: the request carries extensions (none is supported).</summary>
    UnacceptedExtension = PkiFailureInfo.UnacceptedExtension,
}
