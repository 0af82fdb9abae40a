using System.Text.Json;
using GmPki.Core.Errors;
using GmPki.Core.Keys;
using GmPki.Core.Ledger;
using GmPki.Core.Profiles;
using GmPki.Cryptography.Signing;
using GmPki.Issuance.Building;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace GmPki.Issuance.Authorities;

/// <summary>
/// Creates the CA hierarchy (<c>gmpki init</c>): a self-signed root (cA, keyCertSign + cRLSign)
/// and an issuing CA under it (cA with pathLenConstraint 0, AKI/SKI, CRL distribution point,
/// authorityInformationAccess with OCSP and caIssuers, anyPolicy), keys generated inside the key store.
/// </summary>
public static class CaHierarchy
{
    /// <summary>Creates and records the hierarchy.</summary>
    /// <returns>The root and the issuing CA, opened.</returns>
    /// <exception cref="GmPkiException"><c>already-initialized</c> when CAs or keys exist;
    /// <c>request-invalid</c> for bad names or lifetimes.</exception>
    public static async Task<(CertificateAuthority Root, CertificateAuthority Issuing)> CreateAsync(
        HierarchyOptions options,
        PublicationUrls urls,
        IKeyStore keys,
        IAuthorityRegistry registry,
        TimeProvider clock,
        Actor actor,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(urls);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(actor);
        Validate(options);
        if ((await registry.ListAsync(cancellationToken)).Count > 0)
        {
            throw Errors.AlreadyInitialized.With("this installation already has a CA hierarchy.");
        }

        var now = TbsBuilder.WholeSeconds(clock.GetUtcNow().UtcDateTime);
        var sm2Id = System.Text.Encoding.UTF8.GetBytes(options.Sm2UserId);

        var (rootKey, rootReference) = keys.Generate(HierarchyOptions.RootLabel, options.Algorithm, sm2Id);
        var rootName = Name(options.RootCommonName, options);
        var rootKeyId = PublicKey.Parse(rootKey.SubjectPublicKeyInfo.Span).KeyIdentifier();
        var rootExtensions = new X509ExtensionsGenerator();
        rootExtensions.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(true));
        rootExtensions.AddExtension(X509Extensions.KeyUsage, true, CertificateExtensions.KeyUsage(KeyUsages.KeyCertSign | KeyUsages.CrlSign));
        rootExtensions.AddExtension(X509Extensions.SubjectKeyIdentifier, false, new SubjectKeyIdentifier(rootKeyId));
        rootExtensions.AddExtension(X509Extensions.AuthorityKeyIdentifier, false, new AuthorityKeyIdentifier(rootKeyId));
        var rootDer = CertificateAssembler.Sign(
            TbsBuilder.Build(SerialNumbers.Next(), rootKey.SignatureAlgorithm, rootName, now, now.AddYears(options.RootValidityYears), rootName, rootKey.SubjectPublicKeyInfo, rootExtensions.Generate()),
            rootKey);

        var (issuingKey, issuingReference) = keys.Generate(HierarchyOptions.IssuingLabel, options.Algorithm, sm2Id);
        var issuingExtensions = new X509ExtensionsGenerator();
        issuingExtensions.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(0));
        issuingExtensions.AddExtension(X509Extensions.KeyUsage, true, CertificateExtensions.KeyUsage(KeyUsages.KeyCertSign | KeyUsages.CrlSign));
        issuingExtensions.AddExtension(X509Extensions.SubjectKeyIdentifier, false, new SubjectKeyIdentifier(PublicKey.Parse(issuingKey.SubjectPublicKeyInfo.Span).KeyIdentifier()));
        issuingExtensions.AddExtension(X509Extensions.AuthorityKeyIdentifier, false, new AuthorityKeyIdentifier(rootKeyId));
        issuingExtensions.AddExtension(X509Extensions.CertificatePolicies, false, new DerSequence(new PolicyInformation(new DerObjectIdentifier("2.5.29.32.0"))));
        issuingExtensions.AddExtension(X509Extensions.CrlDistributionPoints, false, CertificateExtensions.CrlDistributionPoint(urls.Crl(HierarchyOptions.RootLabel, 0)));
        issuingExtensions.AddExtension(X509Extensions.AuthorityInfoAccess, false, CertificateExtensions.AuthorityInformationAccess(urls.Ocsp, urls.CaIssuers(HierarchyOptions.RootLabel)));
        var issuingDer = CertificateAssembler.Sign(
            TbsBuilder.Build(SerialNumbers.Next(), rootKey.SignatureAlgorithm, rootName, now, now.AddYears(options.IssuingValidityYears), Name(options.IssuingCommonName, options), issuingKey.SubjectPublicKeyInfo, issuingExtensions.Generate()),
            rootKey);

        var root = new AuthorityRecord(HierarchyOptions.RootLabel, AuthorityKind.Root, null, rootDer, rootReference, options.Sm2UserId, now);
        var issuing = new AuthorityRecord(HierarchyOptions.IssuingLabel, AuthorityKind.Issuing, HierarchyOptions.RootLabel, issuingDer, issuingReference, options.Sm2UserId, now);
        await registry.AddAsync(root, Audit(root, actor, now), cancellationToken);
        await registry.AddAsync(issuing, Audit(issuing, actor, now), cancellationToken);
        return (new CertificateAuthority(root, rootKey), new CertificateAuthority(issuing, issuingKey));
    }

    private static void Validate(HierarchyOptions options)
    {
        if (options.RootValidityYears is < 1 or > 30 || options.IssuingValidityYears < 1 || options.IssuingValidityYears > options.RootValidityYears)
        {
            throw Errors.RequestInvalid.With("root lifetime must be 1–30 years and the issuing CA's at most the root's.");
        }

        if (options.Country.Length != 2 || !options.Country.All(char.IsAsciiLetterUpper))
        {
            throw Errors.RequestInvalid.With($"country '{options.Country}' must be a two-letter upper-case code.");
        }

        foreach (var (field, value) in new[] { ("organization", options.Organization), ("root name", options.RootCommonName), ("issuing CA name", options.IssuingCommonName) })
        {
            if (string.IsNullOrWhiteSpace(value) || value.Length > 64)
            {
                throw Errors.RequestInvalid.With($"the {field} must have 1–64 characters.");
            }
        }

        if (options.RootCommonName == options.IssuingCommonName)
        {
            throw Errors.RequestInvalid.With("the root and the issuing CA need different names.");
        }
    }

    private static X509Name Name(string commonName, HierarchyOptions options)
        => new(
            new List<DerObjectIdentifier> { X509Name.C, X509Name.O, X509Name.CN },
            new List<string> { options.Country, options.Organization, commonName },
            new X509DefaultEntryConverter());

    private static AuditEvent Audit(AuthorityRecord authority, Actor actor, DateTime now)
    {
        var certificate = X509CertificateStructure.GetInstance(authority.CertificateDer);
        var details = JsonSerializer.Serialize(new
        {
            kind = authority.Kind.ToString(),
            subject = certificate.Subject.ToString(true, X509Name.DefaultSymbols),
            serial = certificate.SerialNumber.Value.ToString(16),
            notAfter = certificate.EndDate.ToDateTime().ToUniversalTime(),
            keyReference = authority.KeyReference,
        });
        return new AuditEvent(now, "authority.created", actor.Name, actor.Role, "authority:" + authority.Label, "success", details, actor.RequestId);
    }
}
