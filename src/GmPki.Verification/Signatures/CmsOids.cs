namespace GmPki.Verification.Signatures;

/// <summary>Object identifiers of CMS (RFC 5652), GM/T 0010, ESS (RFC 5035) and RFC 3161.</summary>
internal static class CmsOids
{
    /// <summary>id-data (RFC 5652 §4).</summary>
    public const string Data = "1.2.840.113549.1.7.1";

    /// <summary>id-signedData (RFC 5652 §5).</summary>
    public const string SignedData = "1.2.840.113549.1.7.2";

    /// <summary>GM/T 0010 data.</summary>
    public const string GmData = "1.2.156.10197.6.1.4.2.1";

    /// <summary>GM/T 0010 signedData.</summary>
    public const string GmSignedData = "1.2.156.10197.6.1.4.2.2";

    /// <summary>id-ct-TSTInfo (RFC 3161 §2.4.2).</summary>
    public const string TstInfo = "1.2.840.113549.1.9.16.1.4";

    /// <summary>id-contentType attribute (RFC 5652 §11.1).</summary>
    public const string ContentTypeAttribute = "1.2.840.113549.1.9.3";

    /// <summary>id-messageDigest attribute (RFC 5652 §11.2).</summary>
    public const string MessageDigestAttribute = "1.2.840.113549.1.9.4";

    /// <summary>id-signingTime attribute (RFC 5652 §11.3).</summary>
    public const string SigningTimeAttribute = "1.2.840.113549.1.9.5";

    /// <summary>id-aa-timeStampToken unsigned attribute (RFC 3161 Appendix A).</summary>
    public const string TimestampTokenAttribute = "1.2.840.113549.1.9.16.2.14";

    /// <summary>id-kp-timeStamping (RFC 5280 §4.2.1.12).</summary>
    public const string TimeStamping = "1.3.6.1.5.5.7.3.8";

    /// <summary>True for id-data and GM/T 0010 data.</summary>
    public static bool IsData(string oid) => oid is Data or GmData;
}
