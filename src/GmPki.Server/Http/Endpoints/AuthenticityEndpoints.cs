using System.Security.Cryptography;
using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Core.Registration;
using GmPki.Issuance.Formats;
using GmPki.Server.Installation;
using GmPki.Server.OpenApi;
using GmPki.Verification.Encoding;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace GmPki.Server.Http.Endpoints;

/// <summary>
/// <c>POST /api/v1/directory/authenticity</c>: confirms whether a certificate was issued by this
/// installation and is genuine (D §19(2)), anonymous. The certificate's issuer
/// name is compared byte for byte with the subjects of this installation's CAs, its serial looked up
/// in the ledger under that CA, and the stored certificate compared byte for byte with the one
/// sent; a CA certificate of this installation is genuine when it is one of theirs exactly.
/// </summary>
internal static class AuthenticityEndpoints
{
    /// <summary>Path of the check.</summary>
    public const string Path = "/api/v1/directory/authenticity";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost(Path, CheckAsync)
            .WithTags("Directory").AllowAnonymous()
            .WithJsonBody<AuthenticityBody>()
            .Produces<AuthenticityResponse>()
            .Operation("checkAuthenticity", "Was this certificate issued here, exactly as it is? (D §19(2))",
                "证书真伪查验：{\"certificate\": \"PEM 或 base64 DER\"} → genuine、different-bytes、not-issued 或 foreign-issuer；真实时附状态和证书链。"
                + " Verdict genuine, different-bytes, not-issued or foreign-issuer; status and chain when genuine.");
    }

    private static async Task<AuthenticityResponse> CheckAsync(HttpRequest http, IPublicDirectory directory, AuthorityDirectory authorities, CancellationToken cancellationToken)
    {
        var body = await RelyingPartyJson.ReadAsync<AuthenticityBody>(http, cancellationToken);
        var der = Decode(body.Certificate);
        var tbs = Parse(der).TbsCertificate;
        var serial = SerialOf(tbs.SerialNumber);
        var cas = await authorities.ListAsync(cancellationToken);
        var issuers = cas.Where(a => X509CertificateStructure.GetInstance(a.CertificateDer).Subject.GetDerEncoded().AsSpan().SequenceEqual(tbs.Issuer.GetDerEncoded())).ToList();
        var answer = new AuthenticityResponse("foreign-issuer", false, issuers.FirstOrDefault()?.Label, tbs.Issuer.ToString(true, X509Name.DefaultSymbols), serial,
            tbs.Subject.ToString(true, X509Name.DefaultSymbols), tbs.StartDate.ToDateTime().ToUniversalTime(), tbs.EndDate.ToDateTime().ToUniversalTime(),
            Convert.ToHexStringLower(SHA256.HashData(der)), null, null, null, null, null);
        if (cas.FirstOrDefault(a => a.CertificateDer.AsSpan().SequenceEqual(der)) is { } authority)
        {
            return answer with
            {
                Verdict = "genuine", IssuedHere = true, Issuer = authority.ParentLabel ?? authority.Label, Status = KebabNames.Of(CertificateStatus.Good),
                Chain = CertificateEncodings.ToPem(IssuerChains.From(cas, authority.Label)),
            };
        }

        foreach (var issuer in issuers)
        {
            if (await directory.FindAsync(issuer.Label, serial, cancellationToken) is not { } entry)
            {
                continue;
            }

            var issued = entry.Certificate.CertificateDer!;
            if (!issued.AsSpan().SequenceEqual(der))
            {
                return answer with { Verdict = "different-bytes", Issuer = issuer.Label, IssuedSha256 = Convert.ToHexStringLower(SHA256.HashData(issued)) };
            }

            var good = entry.Certificate.Status == CertificateStatus.Good;
            return answer with
            {
                Verdict = "genuine", IssuedHere = true, Issuer = issuer.Label, Status = KebabNames.Of(entry.Certificate.Status),
                Reason = good ? null : entry.Reason, StatusChangedAt = good ? null : entry.StatusChangedAt,
                Chain = CertificateEncodings.ToPem([der, .. IssuerChains.From(cas, issuer.Label)]),
            };
        }

        return issuers.Count > 0 ? answer with { Verdict = "not-issued" } : answer;
    }

    /// <exception cref="GmPkiException"><c>certificate-malformed</c>: missing, not PEM or base64 DER, or several certificates.</exception>
    private static byte[] Decode(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw Errors.CertificateMalformed.With("'certificate' is missing.");
        }

        try
        {
            var certificates = PkixEncoding.Decode(text, PkixEncoding.Certificate);
            return certificates.Count == 1 ? certificates[0] : throw Errors.CertificateMalformed.With($"'certificate' holds {certificates.Count} certificates; send one.");
        }
        catch (FormatException e)
        {
            throw Errors.CertificateMalformed.With("'certificate': " + e.Message);
        }
    }

    /// <exception cref="GmPkiException"><c>certificate-malformed</c>: not one DER Certificate (RFC 5280 §4.1), or trailing data.</exception>
    private static X509CertificateStructure Parse(byte[] der)
    {
        try
        {
            return X509CertificateStructure.GetInstance(Asn1Object.FromByteArray(der));
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidCastException or InvalidOperationException or FormatException)
        {
            throw Errors.CertificateMalformed.With("'certificate' is not a DER X.509 certificate: " + e.Message);
        }
    }

    /// <summary>The ledger's form of a serial: lowercase hex of the positive integer's octets without leading zeros (two's complement octets for a negative one, which this installation never issues).</summary>
    private static string SerialOf(DerInteger serial)
    {
        var octets = serial.Value.SignValue < 0 ? serial.Value.ToByteArray() : serial.Value.ToByteArrayUnsigned();
        return octets.Length == 0 ? "00" : Convert.ToHexStringLower(octets);
    }
}
