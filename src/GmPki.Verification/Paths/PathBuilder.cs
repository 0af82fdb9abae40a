using GmPki.Verification.Certificates;

namespace GmPki.Verification.Paths;

/// <summary>
/// Finds candidate certification paths from a certificate up to a trust anchor, depth first:
/// issuers are certificates whose subject matches the issuer name, trust anchors before
/// intermediates and, among each, those whose subjectKeyIdentifier equals the
/// authorityKeyIdentifier first. A path never holds a certificate twice nor two with the same
/// subject and key (cross-signing cycles); depth and the context's work budget bound the search.
/// </summary>
internal static class PathBuilder
{
    /// <summary>Candidate paths, trust anchor first and <paramref name="target"/> last.</summary>
    /// <param name="context">The validation (work budget, certificates).</param>
    /// <param name="target">The certificate to build from.</param>
    /// <param name="anchor">When set, only paths to this trust anchor.</param>
    /// <param name="exhausted">Set when the work budget ran out before every path was tried.</param>
    public static IEnumerable<List<ParsedCertificate>> Candidates(ValidationContext context, ParsedCertificate target, ParsedCertificate? anchor, Action exhausted)
    {
        var anchors = anchor is null ? context.Anchors : [anchor];
        var path = new List<ParsedCertificate> { target };
        return Extend(context, anchors, path, exhausted);
    }

    private static IEnumerable<List<ParsedCertificate>> Extend(ValidationContext context, IReadOnlyList<ParsedCertificate> anchors, List<ParsedCertificate> path, Action exhausted)
    {
        var child = path[^1];
        foreach (var issuer in Ordered(anchors, child))
        {
            if (!context.Spend())
            {
                exhausted();
                yield break;
            }

            path.Add(issuer);
            yield return [.. Enumerable.Reverse(path)];
            path.RemoveAt(path.Count - 1);
        }

        if (path.Count >= ValidationContext.MaxPathLength - 1)
        {
            yield break;
        }

        foreach (var issuer in Ordered(context.Intermediates, child))
        {
            if (path.Any(p => p.Sha256 == issuer.Sha256 || (p.Subject.Matches(issuer.Subject) && p.SubjectPublicKeyInfo.AsSpan().SequenceEqual(issuer.SubjectPublicKeyInfo)))
                || anchors.Any(a => a.Sha256 == issuer.Sha256))
            {
                continue;
            }

            if (!context.Spend())
            {
                exhausted();
                yield break;
            }

            path.Add(issuer);
            foreach (var found in Extend(context, anchors, path, exhausted))
            {
                yield return found;
            }

            path.RemoveAt(path.Count - 1);
        }
    }

    private static IEnumerable<ParsedCertificate> Ordered(IReadOnlyList<ParsedCertificate> candidates, ParsedCertificate child)
        => candidates
            .Where(c => c.Subject.Matches(child.Issuer))
            .OrderBy(c => child.AuthorityKeyId is null || c.SubjectKeyId is null ? 1 : child.AuthorityKeyId.AsSpan().SequenceEqual(c.SubjectKeyId) ? 0 : 2);
}
