using System.Net;
using System.Net.Sockets;

namespace GmPki.Verification.Paths;

/// <summary>
/// The name a relying party expects the end-entity certificate to be for, matched against its
/// subjectAltName only (RFC 9525 §6: no fallback to the subject CN): a DNS host name (wildcard
/// SANs match one leftmost label), an IP address (iPAddress octets), or an e-mail address
/// (rfc822Name).
/// </summary>
/// <param name="Kind">dns, ip or email.</param>
/// <param name="Value">The name.</param>
public sealed record PeerName(string Kind, string Value)
{
    /// <summary>Kind of a DNS host name.</summary>
    public const string Dns = "dns";

    /// <summary>Kind of an IPv4 or IPv6 address.</summary>
    public const string Ip = "ip";

    /// <summary>Kind of an e-mail address.</summary>
    public const string Email = "email";

    /// <summary>The address of an <see cref="Ip"/> peer; null when it does not parse.</summary>
    public IPAddress? Address => Kind == Ip && IPAddress.TryParse(Value, out var address) && address.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6 ? address : null;
}
