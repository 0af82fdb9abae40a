using GmPki.Cryptography.Signing;
using GmPki.Verification.Certificates;
using GmPki.Verification.Names;
using GmPki.Verification.Paths;
using Org.BouncyCastle.Asn1.X509;

namespace GmPki.Verification.Revocation;

/// <summary>
/// CRL processing of RFC 5280 §6.3.3 with use-deltas: for each distribution point of the
/// certificate (or the issuer's implied one), the complete CRLs in scope (issuer or indirect
/// cRLIssuer, issuingDistributionPoint names and certificate kinds, reasons), signed by a key
/// whose own path leads to the same trust anchor, current at the validation time, and the
/// newest delta CRL that applies to each; until all reasons are covered or the certificate is
/// found revoked.
/// </summary>
internal static class CrlChecker
{
    /// <summary>Decides the status of <paramref name="certificate"/> from the request's CRLs.</summary>
    /// <param name="context">The validation.</param>
    /// <param name="certificate">The certificate checked.</param>
    /// <param name="issuer">Its issuer in the path (or the trust anchor).</param>
    /// <param name="issuerKey">The issuer's working public key (with inherited DSA parameters).</param>
    /// <param name="anchor">The path's trust anchor, which CRL signers' paths must also lead to.</param>
    public static RevocationOutcome Check(ValidationContext context, ParsedCertificate certificate, ParsedCertificate issuer, VerificationKey issuerKey, ParsedCertificate anchor)
    {
        var points = certificate.CrlDistributionPoints ?? [new DistributionPoint(null, null, null)];
        var reasons = 0;
        RevokedEntry? revoked = null;
        var notes = new List<string>();
        foreach (var point in points)
        {
            foreach (var crl in context.Crls.Where(c => c.DeltaBase is null))
            {
                if (revoked is not null || (reasons & DistributionPoints.AllReasons) == DistributionPoints.AllReasons)
                {
                    break;
                }

                var interim = InScope(crl, point, certificate);
                if (interim is not { } mask || (mask & ~reasons) == 0)
                {
                    continue;
                }

                if (crl.Problem is not null)
                {
                    notes.Add(crl.Problem);
                    continue;
                }

                if (crl.ThisUpdate > context.Time)
                {
                    notes.Add("a CRL's thisUpdate is after the validation time.");
                    continue;
                }

                var signer = Signer(context, crl, issuer, issuerKey, anchor);
                if (signer is null)
                {
                    notes.Add($"no key valid for the CRL issued by {crl.Issuer} verifies it.");
                    continue;
                }

                var delta = Delta(context, crl, signer);
                if (crl.NextUpdate < context.Time && delta is null)
                {
                    notes.Add($"the CRL of {crl.Issuer} is out of date (nextUpdate {crl.NextUpdate:u}).");
                    continue;
                }

                var listed = Find(delta, certificate) ?? Find(crl, certificate);
                if (listed is not null && listed.Reason != RevokedEntry.RemoveFromCrl && listed.RevokedAt <= context.Time)
                {
                    revoked = listed;
                }

                reasons |= mask;
            }
        }

        if (revoked is not null)
        {
            return new RevocationOutcome(RevocationOutcome.Revoked, $"revoked on {revoked.RevokedAt:u} ({revoked.ReasonName}).");
        }

        return (reasons & DistributionPoints.AllReasons) == DistributionPoints.AllReasons
            ? new RevocationOutcome(RevocationOutcome.Good, "not listed on a current CRL.")
            : new RevocationOutcome(RevocationOutcome.Unknown, notes.Count > 0 ? notes[0] : "no CRL covers it.");
    }

    /// <summary>§6.3.3 (b) and (c): the reasons <paramref name="crl"/> covers for <paramref name="certificate"/> through <paramref name="point"/>; null when out of scope.</summary>
    private static int? InScope(ParsedCrl crl, DistributionPoint point, ParsedCertificate certificate)
    {
        IReadOnlyList<NameValue>? crlIssuers = point.CrlIssuer is { } names ? NameValue.FromAll(names) : null;
        var idp = crl.IssuingDistributionPoint;
        if (crlIssuers is not null)
        {
            if (idp?.IsIndirectCrl != true || !crlIssuers.Any(n => n.Directory?.Matches(crl.Issuer) == true))
            {
                return null;
            }
        }
        else if (!crl.Issuer.Matches(certificate.Issuer))
        {
            return null;
        }

        if (crl.DistributionPointNames is { } idpNames)
        {
            var pointNames = point.DistributionPointName is { } name
                ? DistributionPoints.Names(name, crlIssuers?.FirstOrDefault(n => n.Directory is not null)?.Directory ?? certificate.Issuer)
                : crlIssuers;
            if (pointNames is null || !DistributionPoints.Intersect(idpNames, pointNames))
            {
                return null;
            }
        }

        if (idp is not null && ((idp.OnlyContainsUserCerts && certificate.IsCa) || (idp.OnlyContainsCACerts && !certificate.IsCa) || idp.OnlyContainsAttributeCerts))
        {
            return null;
        }

        var pointReasons = point.Reasons is { } flags ? flags.IntValue : DistributionPoints.AllReasons;
        return crl.Reasons & pointReasons;
    }

    /// <summary>§6.3.3 (e), (f): a key that signed the CRL and may sign CRLs for this path; null when none.</summary>
    private static VerificationKey? Signer(ValidationContext context, ParsedCrl crl, ParsedCertificate issuer, VerificationKey issuerKey, ParsedCertificate anchor)
    {
        var candidates = new[] { issuer }.Concat(context.Anchors.Where(a => a == anchor)).Concat(context.Intermediates)
            .Where(c => c.Subject.Matches(crl.Issuer) && c.Allows(KeyUsage.CrlSign))
            .DistinctBy(c => c.Sha256);
        foreach (var candidate in candidates)
        {
            var key = candidate == issuer ? issuerKey : candidate.Key;
            if (key is null || SignatureChecks.Check(context.Request, crl.SignatureAlgorithmOid, crl.SignatureParameters, crl.TbsDer, crl.Signature, key, "the CRL") is not null)
            {
                continue;
            }

            if (candidate == issuer || candidate == anchor || context.PendingSigners.Contains(candidate)
                || (context.SignerDepth < ValidationContext.MaxSignerDepth && PathValidator.ValidateSigner(context.ForSigner(candidate), candidate, anchor)))
            {
                return key;
            }
        }

        return null;
    }

    /// <summary>§6.3.3 (g): the newest current delta CRL for <paramref name="complete"/> signed by the same key.</summary>
    private static ParsedCrl? Delta(ValidationContext context, ParsedCrl complete, VerificationKey signer)
        => context.Crls
            .Where(d => d.DeltaBase is { } deltaBase && d.Problem is null && d.Issuer.Matches(complete.Issuer)
                && complete.Number is { } number && deltaBase.CompareTo(number) <= 0 && d.Number?.CompareTo(number) > 0
                && (d.IssuingDistributionPointDer ?? []).AsSpan().SequenceEqual(complete.IssuingDistributionPointDer ?? [])
                && d.ThisUpdate <= context.Time && !(d.NextUpdate < context.Time)
                && SignatureChecks.Check(context.Request, d.SignatureAlgorithmOid, d.SignatureParameters, d.TbsDer, d.Signature, signer, "the delta CRL") is null)
            .OrderByDescending(d => d.Number)
            .FirstOrDefault();

    private static RevokedEntry? Find(ParsedCrl? crl, ParsedCertificate certificate)
    {
        if (crl is null)
        {
            return null;
        }

        var serial = new Org.BouncyCastle.Math.BigInteger(certificate.SerialOctets);
        return crl.Entries.FirstOrDefault(e => e.Serial.Equals(serial) && e.Issuer.Matches(certificate.Issuer));
    }
}
