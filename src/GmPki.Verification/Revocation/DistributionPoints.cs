using GmPki.Verification.Certificates;
using GmPki.Verification.Names;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace GmPki.Verification.Revocation;

/// <summary>Names and reasons of distribution points (RFC 5280 §4.2.1.13, §5.2.5, §6.3.3 (b)).</summary>
internal static class DistributionPoints
{
    /// <summary>ReasonFlags bits of every reason (keyCompromise … aACompromise; §6.3.3 all-reasons).</summary>
    public const int AllReasons = ReasonFlags.KeyCompromise | ReasonFlags.CACompromise | ReasonFlags.AffiliationChanged | ReasonFlags.Superseded
        | ReasonFlags.CessationOfOperation | ReasonFlags.CertificateHold | ReasonFlags.PrivilegeWithdrawn | ReasonFlags.AACompromise;

    /// <summary>A DistributionPointName's names: fullName, or nameRelativeToCRLIssuer appended to <paramref name="issuer"/>.</summary>
    public static IReadOnlyList<NameValue> Names(DistributionPointName name, DistinguishedName issuer)
    {
        if (name.PointType == DistributionPointName.FullName)
        {
            return NameValue.FromAll(GeneralNames.GetInstance(name.Name));
        }

        var rdns = Asn1Sequence.GetInstance(Asn1Object.FromByteArray(issuer.Der)).Cast<Asn1Encodable>().Append(Asn1Set.GetInstance(name.Name)).ToArray();
        return [new NameValue(NameForm.Directory, Directory: DistinguishedName.From(new DerSequence(rdns)))];
    }

    /// <summary>True when some name appears in both lists.</summary>
    public static bool Intersect(IReadOnlyList<NameValue> a, IReadOnlyList<NameValue> b)
        => a.Any(x => b.Any(y => Same(x, y)));

    private static bool Same(NameValue x, NameValue y) => x.Form == y.Form && x.Form switch
    {
        NameForm.Directory => x.Directory!.Matches(y.Directory!),
        NameForm.Ip => x.Octets!.AsSpan().SequenceEqual(y.Octets),
        NameForm.Rfc822 or NameForm.Dns => string.Equals(x.Text, y.Text, StringComparison.OrdinalIgnoreCase),
        NameForm.Uri => string.Equals(x.Text, y.Text, StringComparison.Ordinal),
        _ => false,
    };
}
