namespace GmPki.Core.Profiles;

/// <summary>GeneralName forms a profile may copy from a request into subjectAltName (RFC 5280 §4.2.1.6).</summary>
public enum SubjectAltNameType
{
    /// <summary>dNSName.</summary>
    Dns,

    /// <summary>iPAddress (IPv4 or IPv6).</summary>
    IpAddress,

    /// <summary>rfc822Name (e-mail address).</summary>
    Email,

    /// <summary>uniformResourceIdentifier: an absolute URI with scheme and scheme-specific part, ASCII (RFC 5280 §4.2.1.6); profile list entry <c>uri</c>.</summary>
    Uri,
}
