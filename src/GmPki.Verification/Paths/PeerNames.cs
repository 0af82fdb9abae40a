using GmPki.Verification.Certificates;
using GmPki.Verification.Names;

namespace GmPki.Verification.Paths;

/// <summary>Matches a <see cref="PeerName"/> against an end-entity certificate's subjectAltName (RFC 9525 §6.3).</summary>
internal static class PeerNames
{
    /// <summary>True when some subjectAltName entry of the certificate presents <paramref name="peer"/>.</summary>
    public static bool Matches(ParsedCertificate certificate, PeerName peer)
    {
        var names = certificate.SubjectAltNames ?? [];
        return peer.Kind switch
        {
            PeerName.Dns => NameSyntax.IsHostName(peer.Value) && names.Any(n => n.Form == NameForm.Dns && NameMatching.MatchesHost(n.Text!, peer.Value)),
            PeerName.Ip => peer.Address is { } address && names.Any(n => n.Form == NameForm.Ip && n.Octets!.AsSpan().SequenceEqual(address.GetAddressBytes())),
            PeerName.Email => NameSyntax.IsMailbox(peer.Value) && names.Any(n => n.Form == NameForm.Rfc822 && SameMailbox(n.Text!, peer.Value)),
            _ => false,
        };
    }

    private static bool SameMailbox(string a, string b)
    {
        var at = a.LastIndexOf('@');
        var bt = b.LastIndexOf('@');
        return string.Equals(a[..at], b[..bt], StringComparison.Ordinal) && string.Equals(a[at..], b[bt..], StringComparison.OrdinalIgnoreCase);
    }
}
