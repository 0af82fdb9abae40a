using GmPki.Verification.Certificates;
using GmPki.Verification.Revocation;

namespace GmPki.Verification.Paths;

/// <summary>
/// Certification path validation (RFC 5280 §6): builds candidate paths from the certificate to
/// the trust anchors through the intermediates and processes each until one is valid. GmPki's
/// own implementation over BouncyCastle's ASN.1 classes; signatures through
/// <see cref="Cryptography.Signing.VerificationKey"/> (SM2 on GmPki's engine with the GM/T 0009
/// default signer ID). Conformance: <c>docs/conformance.md</c>.
/// </summary>
public static class PathValidator
{
    /// <summary>Validates <paramref name="request"/>.</summary>
    /// <param name="request">The certificate, anchors, intermediates, revocation data and options.</param>
    /// <param name="clock">Supplies the validation time when the request has none.</param>
    /// <returns>The result; a certificate that cannot be parsed is reported as <see cref="PathFailure.Malformed"/>, never thrown.</returns>
    public static PathValidationResult Validate(PathValidationRequest request, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(clock);
        var time = (request.ValidationTime ?? clock.GetUtcNow()).UtcDateTime;
        time = new DateTime(time.Ticks - (time.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
        ParsedCertificate target;
        try
        {
            target = ParsedCertificate.Parse(request.Certificate);
        }
        catch (FormatException e)
        {
            return new PathValidationResult(false, PathFailure.Malformed, "the certificate: " + e.Message, [], [], time);
        }

        var context = new ValidationContext(request, time, [.. request.TrustAnchors.Select(ParsedCertificate.TryParse).OfType<ParsedCertificate>()], [.. request.Intermediates.Select(ParsedCertificate.TryParse).OfType<ParsedCertificate>()],
            [.. request.Crls.Select(TryParseCrl).OfType<ParsedCrl>()], [.. request.OcspResponses.Select(TryParseOcsp).OfType<OcspEvidence>()]);
        return Run(context, target, null);
    }

    /// <summary>Throws unless <paramref name="der"/> is a DER X.509 certificate (RFC 5280 §4.1) the validator can read, for callers that refuse such input rather than report it as <see cref="PathFailure.Malformed"/>.</summary>
    /// <param name="der">The certificate, DER.</param>
    /// <exception cref="FormatException">Truncated, trailing data, a bad time, a short TBSCertificate, … (the message says which).</exception>
    public static void RequireCertificate(byte[] der) => ParsedCertificate.Parse(der);

    /// <summary>True when <paramref name="signer"/> (a CRL signer's certificate) has a valid path to <paramref name="anchor"/> (§6.3.3 (f)).</summary>
    internal static bool ValidateSigner(ValidationContext context, ParsedCertificate signer, ParsedCertificate anchor)
        => Run(context, signer, anchor).Valid;

    private static PathValidationResult Run(ValidationContext context, ParsedCertificate target, ParsedCertificate? anchor)
    {
        var exhausted = false;
        (PathException Error, IReadOnlyList<ParsedCertificate> Path)? first = null;
        foreach (var path in PathBuilder.Candidates(context, target, anchor, () => exhausted = true))
        {
            try
            {
                var processed = PathProcessor.Process(context, path);
                return new PathValidationResult(true, null, null, Elements(path, processed.Revocation), [.. processed.Policies.Order(StringComparer.Ordinal)], context.Time)
                {
                    Warnings = processed.Warnings,
                };
            }
            catch (PathException e)
            {
                first ??= (e, path);
            }
        }

        if (first is { } failure)
        {
            return new PathValidationResult(false, failure.Error.Failure, failure.Error.Message, Elements(failure.Path, null), [], context.Time);
        }

        return exhausted
            ? new PathValidationResult(false, PathFailure.TooComplex, "path building gave up: too many candidate issuers.", [], [], context.Time)
            : new PathValidationResult(false, PathFailure.NoPath, $"no path from {target} to a trust anchor: no certificate for issuer {target.Issuer} leads to one.", [], [], context.Time);
    }

    private static List<PathElement> Elements(IReadOnlyList<ParsedCertificate> path, IReadOnlyList<string>? revocation)
        => [.. path.Select((c, i) => new PathElement(
                i == 0 ? "trust-anchor" : i == path.Count - 1 ? "end-entity" : "intermediate",
                c.Subject.ToString(), c.Issuer.ToString(), c.SerialHex, c.NotBefore, c.NotAfter, c.Sha256, revocation?[i] ?? "not-checked"))
            .Reverse()];

    private static ParsedCrl? TryParseCrl(byte[] der)
    {
        try
        {
            return ParsedCrl.Parse(der);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static OcspEvidence? TryParseOcsp(byte[] der)
    {
        try
        {
            return OcspEvidence.Parse(der);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
