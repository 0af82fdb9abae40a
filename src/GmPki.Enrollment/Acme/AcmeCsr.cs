using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Pkcs;

namespace GmPki.Enrollment.Acme;

/// <summary>
/// The finalize CSR against its order (RFC 8555 §7.4): it names exactly the order's identifiers as
/// DNS subjectAltNames, and its subject is empty or only a CN that is one of them — so the
/// certificate names nothing the challenges did not validate. The CA's own request checks
/// (signature, key, profile) follow in the application.
/// </summary>
internal static class AcmeCsr
{
    /// <summary>Checks <paramref name="der"/> against <paramref name="identifiers"/>.</summary>
    /// <exception cref="Core.Errors.GmPkiException"><c>acme:badCSR</c> naming the first mismatch.</exception>
    public static void Check(byte[] der, IReadOnlyList<AcmeIdentifier> identifiers)
    {
        ArgumentNullException.ThrowIfNull(identifiers);
        CertificationRequestInfo info;
        try
        {
            info = new Pkcs10CertificationRequest(der).GetCertificationRequestInfo();
        }
        catch (Exception e) when (e is ArgumentException or InvalidCastException or IOException)
        {
            throw AcmeErrors.BadCsr.With($"the csr is not a DER PKCS#10 request: {e.Message}");
        }

        var ordered = identifiers.Select(i => i.Value).ToHashSet(StringComparer.Ordinal);
        var subject = info.Subject;
        var types = subject.GetOidList().Cast<DerObjectIdentifier>().ToList();
        if (types.Any(t => !t.Equals(X509Name.CN)) || subject.GetValueList(X509Name.CN).Cast<string>().Any(cn => !ordered.Contains(cn.ToLowerInvariant())))
        {
            throw AcmeErrors.BadCsr.With($"the subject '{subject}' may only be a CN that is one of the order's identifiers.");
        }

        var names = AltNames(info);
        if (!names.SetEquals(ordered))
        {
            throw AcmeErrors.BadCsr.With($"the CSR's DNS names ({string.Join(", ", names.Order(StringComparer.Ordinal))}) are not the order's identifiers ({string.Join(", ", ordered.Order(StringComparer.Ordinal))}).");
        }
    }

    private static HashSet<string> AltNames(CertificationRequestInfo info)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var attribute in info.Attributes?.OfType<Asn1Encodable>().Select(AttributePkcs.GetInstance) ?? [])
        {
            if (!attribute.AttrType.Equals(PkcsObjectIdentifiers.Pkcs9AtExtensionRequest))
            {
                continue;
            }

            var extension = X509Extensions.GetInstance(attribute.AttrValues[0]).GetExtension(X509Extensions.SubjectAlternativeName);
            foreach (var name in extension is null ? [] : GeneralNames.GetInstance(extension.GetParsedValue()).GetNames())
            {
                names.Add(name.TagNo == GeneralName.DnsName ? DerIA5String.GetInstance(name.Name).GetString().ToLowerInvariant()
                    : throw AcmeErrors.BadCsr.With($"the CSR names a subjectAltName of tag {name.TagNo}; only DNS names are ordered."));
            }
        }

        return names;
    }
}
