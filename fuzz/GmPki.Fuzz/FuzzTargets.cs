using System.Text.Json;
using GmPki.Core.Errors;
using GmPki.Enrollment.Acme;
using GmPki.Enrollment.Cmp;
using GmPki.Issuance.Requests;
using GmPki.Status.Ocsp;
using GmPki.Timestamping;
using GmPki.Verification.Certificates;
using GmPki.Verification.Revocation;
using GmPki.Verification.Signatures;
using Org.BouncyCastle.Asn1.Cmp;

namespace GmPki.Fuzz;

/// <summary>The fuzz targets: every parser of bytes a client or relying party sends (docs/fuzzing.md).</summary>
/// <remarks>Nothing here may run instrumented code before SharpFuzz has set up the trace map
/// (<c>Fuzzer.OutOfProcess.Run</c>): instrumented code run earlier writes to no map and the process dies.</remarks>
internal static class FuzzTargets
{
    /// <summary>All targets, in the order fuzz/ci.sh runs them.</summary>
    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        new("csr", "csr", input => CertificationRequestParser.Parse(input), IsClientError),
        new("crmf", "crmf", input => CrmfRequestParser.Parse(input), IsClientError),
        new("cmp", "cmp", Cmp, IsClientError),
        new("ocsp-request", "ocsp-request", input => OcspRequestReader.Read(input), IsClientError),
        new("tsa-request", "tsa-request", input => TimestampRequest.Parse(input, new TimestampPolicy(TimestampPolicy.DefaultPolicyOid)), _ => false),
        new("cms", "cms", Cms, e => e is FormatException),
        new("certificate", "certificate", input => ParsedCertificate.Parse(input), e => e is FormatException),
        new("crl", "crl", input => ParsedCrl.Parse(input), e => e is FormatException),
        new("ocsp-response", "ocsp-response", input => OcspEvidence.Parse(input), e => e is FormatException),
        new("acme-jws", "acme-jws", AcmeJws, IsClientError),
    ];

    /// <summary>The target named <paramref name="name"/>, or null.</summary>
    public static FuzzTarget? Find(string name) => All.FirstOrDefault(t => t.Name == name);

    /// <summary>A GmPki error of a 4xx kind: the documented refusal of the request parsers.</summary>
    private static bool IsClientError(Exception e) => e is GmPkiException { Error.Kind: not (ErrorKind.Internal or ErrorKind.Unavailable) };

    /// <summary>A PKIMessage and the parts CmpProtection reads before it looks up the account (RFC 4210 §5.1).</summary>
    private static void Cmp(byte[] input)
    {
        var message = CmpEngine.Parse(input);
        _ = new ProtectedPart(message.Header, message.Body).GetDerEncoded();
        if (CmpPasswordMac.Is(message.Header.ProtectionAlg))
        {
            CmpPasswordMac.ParametersOf(message.Header.ProtectionAlg);
        }

        _ = message.GetExtraCerts();
        _ = message.Body.Type;
    }

    /// <summary>A ContentInfo with SignedData, and its signers' identifiers.</summary>
    private static void Cms(byte[] input)
    {
        var signed = CmsSignedData.Parse(input);
        foreach (var signer in signed.Signers)
        {
            _ = SignerVerifier.FindCertificate(signer.SignerID, signed.Certificates);
        }
    }

    /// <summary>An ACME POST body (RFC 8555 §6.2): the flattened JWS, its header members, its JWK (thumbprint and signature check) and its payload.</summary>
    private static void AcmeJws(byte[] input)
    {
        var jws = Enrollment.Acme.AcmeJws.Parse(AcmeJson.Parse(input, "body"));
        _ = (jws.Url, jws.Nonce, jws.Kid, jws.PayloadJson());
        if (jws.Jwk is JsonElement jwk)
        {
            _ = AcmeJwk.Thumbprint(jwk);
            _ = AcmeJwk.Verify(jwk, jws.Algorithm, jws.SigningInput, jws.Signature);
        }
    }
}
