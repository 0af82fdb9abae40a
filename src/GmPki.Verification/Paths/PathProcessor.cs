using GmPki.Cryptography.Signing;
using GmPki.Verification.Certificates;
using GmPki.Verification.Names;
using GmPki.Verification.Policies;
using GmPki.Verification.Revocation;

namespace GmPki.Verification.Paths;

/// <summary>What a path that passed processing yields.</summary>
/// <param name="Policies">The user-constrained policy set (§6.1.6).</param>
/// <param name="Revocation">Revocation state per certificate, in path order (trust anchor first).</param>
/// <param name="Warnings">Rules the profile tolerated, one sentence each.</param>
internal sealed record ProcessedPath(IReadOnlySet<string> Policies, IReadOnlyList<string> Revocation, IReadOnlyList<string> Warnings);

/// <summary>
/// The basic path validation of RFC 5280 §6.1 over one candidate path (trust anchor first):
/// initialization (§6.1.2), basic certificate processing (§6.1.3), preparation for the next
/// certificate (§6.1.4) and wrap-up (§6.1.5), with the profile's certificate rules, revocation
/// (§6.3) and the relying party's purposes and peer name. Throws <see cref="PathException"/>.
/// </summary>
internal static class PathProcessor
{
    private const string AnyExtendedKeyUsage = "2.5.29.37.0";

    public static ProcessedPath Process(ValidationContext context, IReadOnlyList<ParsedCertificate> path)
    {
        var request = context.Request;
        var anchor = path[0];
        var n = path.Count - 1;
        var minimumRsa = 2048;
        var warnings = new List<string>();
        CertificateRules.Check(anchor, PathRole.TrustAnchor, request.Profile, minimumRsa, warnings);
        CheckValidity(anchor, context.Time);

        var graph = new PolicyGraph();
        var treeNull = false;
        var explicitPolicy = request.RequireExplicitPolicy ? 0 : n + 1;
        var inhibitAnyPolicy = request.InhibitAnyPolicy ? 0 : n + 1;
        var policyMapping = request.InhibitPolicyMapping ? 0 : n + 1;
        var maxPathLength = anchor.PathLength is { } anchorLength ? Math.Min(n, anchorLength) : n;
        var constraints = new List<NameConstraintSet>();
        if (anchor.NameConstraints is { } anchorConstraints)
        {
            constraints.Add(anchorConstraints);
        }

        var workingKey = anchor.Key!;
        var workingIssuer = anchor;
        var intermediates = 0;
        var revocation = new string[path.Count];
        revocation[0] = "not-checked";
        for (var i = 1; i <= n; i++)
        {
            var certificate = path[i];
            var last = i == n;
            CertificateRules.Check(certificate, last ? PathRole.EndEntity : PathRole.Intermediate, request.Profile, minimumRsa, warnings);

            // §6.1.3 (a): signature, validity, revocation, name chaining.
            if (SignatureChecks.Check(request, certificate.SignatureAlgorithmOid, certificate.SignatureParameters, certificate.TbsDer, certificate.Signature, workingKey, certificate.ToString()) is { } bad)
            {
                throw new PathException(bad.Failure, bad.Reason);
            }

            CheckValidity(certificate, context.Time);
            if (!certificate.Issuer.Matches(workingIssuer.Subject))
            {
                throw new PathException(PathFailure.NoPath, $"{certificate}: its issuer name does not match {workingIssuer.Subject}.");
            }

            revocation[i] = CheckRevocation(context, certificate, workingIssuer, workingKey, anchor, last);

            // §6.1.3 (b), (c): name constraints, except for self-issued intermediates.
            if (!(certificate.SelfIssued && !last))
            {
                CheckNames(certificate, constraints);
            }

            // §6.1.3 (d)–(f): policies.
            if (certificate.Policies is { } policies)
            {
                if (!treeNull)
                {
                    graph.AddCertificate(i, policies, inhibitAnyPolicy > 0 || (!last && certificate.SelfIssued));
                    treeNull = graph.IsEmpty;
                }
            }
            else
            {
                graph.Clear();
                treeNull = true;
            }

            if (explicitPolicy == 0 && treeNull)
            {
                throw new PathException(PathFailure.Policy, $"{certificate}: an explicit policy is required and no acceptable policy remains (RFC 5280 §6.1.3 (f)).");
            }

            if (last)
            {
                break;
            }

            // §6.1.4: preparation for certificate i + 1.
            if (certificate.PolicyMappings is { } mappings)
            {
                if (mappings.Any(m => m.IssuerDomain == PolicyGraph.AnyPolicy || m.SubjectDomain == PolicyGraph.AnyPolicy))
                {
                    throw new PathException(PathFailure.Policy, $"{certificate}: policyMappings maps to or from anyPolicy (RFC 5280 §6.1.4 (a)).");
                }

                if (!treeNull)
                {
                    var anyQualifiers = certificate.Policies?.FirstOrDefault(p => p.Policy == PolicyGraph.AnyPolicy).Qualifiers;
                    graph.ApplyMappings(i, mappings, policyMapping > 0, anyQualifiers);
                    treeNull = graph.IsEmpty;
                }
            }

            workingKey = NextKey(certificate, workingKey);
            workingIssuer = certificate;
            if (certificate.NameConstraints is { } set)
            {
                constraints.Add(set);
            }

            if (!certificate.SelfIssued)
            {
                explicitPolicy = Math.Max(0, explicitPolicy - 1);
                policyMapping = Math.Max(0, policyMapping - 1);
                inhibitAnyPolicy = Math.Max(0, inhibitAnyPolicy - 1);
                if (maxPathLength <= 0)
                {
                    throw new PathException(PathFailure.PathLengthExceeded, $"{certificate}: a pathLenConstraint above allows no further CA certificate (RFC 5280 §6.1.4 (l)).");
                }

                maxPathLength--;
                intermediates++;
            }

            explicitPolicy = Math.Min(explicitPolicy, certificate.RequireExplicitPolicy ?? int.MaxValue);
            policyMapping = Math.Min(policyMapping, certificate.InhibitPolicyMapping ?? int.MaxValue);
            inhibitAnyPolicy = Math.Min(inhibitAnyPolicy, certificate.InhibitAnyPolicy ?? int.MaxValue);
            maxPathLength = Math.Min(maxPathLength, certificate.PathLength ?? int.MaxValue);
            CheckCriticalExtensions(certificate);
        }

        if (request.MaxIntermediates is { } max && intermediates > max)
        {
            throw new PathException(PathFailure.PathLengthExceeded, $"the path has {intermediates} intermediate CA certificates; at most {max} are allowed.");
        }

        // §6.1.5: wrap-up.
        var endEntity = path[n];
        if (explicitPolicy > 0)
        {
            explicitPolicy--;
        }

        if (endEntity.RequireExplicitPolicy == 0)
        {
            explicitPolicy = 0;
        }

        CheckCriticalExtensions(endEntity);
        var accepted = treeNull ? new HashSet<string>() : graph.Intersect(request.InitialPolicies.ToHashSet());
        if (explicitPolicy == 0 && accepted.Count == 0)
        {
            throw new PathException(PathFailure.Policy, $"{endEntity}: an explicit policy is required and none of the acceptable policies is valid for the path (RFC 5280 §6.1.5 (g)).");
        }

        CheckPurpose(request, endEntity);
        return new ProcessedPath(accepted, revocation, warnings);
    }

    private static void CheckValidity(ParsedCertificate certificate, DateTime time)
    {
        if (time < certificate.NotBefore)
        {
            throw new PathException(PathFailure.NotYetValid, $"{certificate}: not valid before {certificate.NotBefore:u}.");
        }

        if (time > certificate.NotAfter)
        {
            throw new PathException(PathFailure.Expired, $"{certificate}: expired at {certificate.NotAfter:u}.");
        }
    }

    private static string CheckRevocation(ValidationContext context, ParsedCertificate certificate, ParsedCertificate issuer, VerificationKey issuerKey, ParsedCertificate anchor, bool last)
    {
        if (context.Request.Revocation == RevocationMode.None || (context.Request.Revocation == RevocationMode.Leaf && !last))
        {
            return "not-checked";
        }

        var outcome = OcspChecker.Check(context, certificate, issuer, issuerKey) ?? CrlChecker.Check(context, certificate, issuer, issuerKey, anchor);
        return outcome.State switch
        {
            RevocationOutcome.Good => outcome.State,
            RevocationOutcome.Revoked => throw new PathException(PathFailure.Revoked, $"{certificate}: {outcome.Detail}"),
            _ => throw new PathException(PathFailure.RevocationUnknown, $"{certificate}: revocation status unknown: {outcome.Detail}"),
        };
    }

    private static void CheckNames(ParsedCertificate certificate, List<NameConstraintSet> constraints)
    {
        if (constraints.Count == 0)
        {
            return;
        }

        var names = new List<NameValue>();
        if (!certificate.Subject.IsEmpty)
        {
            names.Add(new NameValue(NameForm.Directory, Directory: certificate.Subject));
        }

        names.AddRange(certificate.Subject.EmailAddresses.Select(e => new NameValue(NameForm.Rfc822, e)));
        names.AddRange(certificate.SubjectAltNames ?? []);
        if ((long)names.Count * constraints.Sum(c => c.Count) > ValidationContext.NameComparisonBudget)
        {
            throw new PathException(PathFailure.TooComplex, $"{certificate}: checking {names.Count} names against {constraints.Sum(c => c.Count)} name constraints exceeds the work budget.");
        }

        foreach (var set in constraints)
        {
            foreach (var name in names)
            {
                if (set.Check(name) is { } violation)
                {
                    throw new PathException(PathFailure.NameConstraints, $"{certificate}: {violation}");
                }
            }
        }
    }

    /// <summary>§6.1.4 (d)–(f): the next working key, inheriting DSA parameters.</summary>
    private static VerificationKey NextKey(ParsedCertificate certificate, VerificationKey workingKey)
    {
        var key = certificate.Key!;
        if (key.HasParameters)
        {
            return key;
        }

        return workingKey.Family == KeyFamily.Dsa && workingKey.HasParameters
            ? key.InheritParameters(workingKey)
            : throw new PathException(PathFailure.AlgorithmNotAccepted, $"{certificate}: its DSA key has no parameters and its issuer's key has none to inherit (RFC 5280 §6.1.4 (f)).");
    }

    private static void CheckCriticalExtensions(ParsedCertificate certificate)
    {
        var unknown = certificate.Extensions.FirstOrDefault(e => e.Value.IsCritical && !KnownExtensions.IsRecognized(e.Key)).Key;
        if (unknown is not null)
        {
            throw new PathException(PathFailure.UnknownCriticalExtension, $"{certificate}: it has an unrecognised critical extension {unknown} (RFC 5280 §4.2).");
        }
    }

    private static void CheckPurpose(PathValidationRequest request, ParsedCertificate endEntity)
    {
        if (endEntity.ExtendedKeyUsages is { } usages)
        {
            var anyAllowed = request.Profile != ValidationProfile.WebPki && usages.Contains(AnyExtendedKeyUsage);
            var missing = request.RequiredExtendedKeyUsages.FirstOrDefault(u => !usages.Contains(u) && !anyAllowed);
            if (missing is not null)
            {
                throw new PathException(PathFailure.ExtendedKeyUsage, $"{endEntity}: extKeyUsage does not allow {missing}.");
            }
        }

        if (request.PeerName is { } peer && !PeerNames.Matches(endEntity, peer))
        {
            throw new PathException(PathFailure.NameMismatch, $"{endEntity}: its subjectAltName does not include {peer.Kind} {peer.Value}.");
        }
    }
}
