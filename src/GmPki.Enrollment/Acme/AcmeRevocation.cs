using System.Buffers.Text;
using System.Text.Json;
using GmPki.Core.Ledger;
using GmPki.Core.Registration;
using GmPki.Registration.Protocols;
using GmPki.Registration.Workflow;
using Org.BouncyCastle.Asn1.X509;

namespace GmPki.Enrollment.Acme;

/// <summary>
/// revokeCert (RFC 8555 §7.6): signed by an account whose protocol account's subscriber holds the
/// certificate (<c>kid</c>), or by the certificate's own key (<c>jwk</c>, for a certificate issued
/// through an ACME enrollment). It becomes a revoke application
/// (<see cref="ProtocolEnrollment.RevokeAsync"/>), fulfilled at once; the next CRL and OCSP
/// answers show it.
/// </summary>
internal static class AcmeRevocation
{
    public static async Task<AcmeResult> RevokeAsync(AcmeExchange context, CancellationToken cancellationToken)
    {
        var request = await AcmeRequests.ReadAsync(context, AcmeSigner.Either, cancellationToken);
        var der = Certificate(request.Text("certificate"));
        var reasonCode = AcmeJson.Member(request.Payload, "reason") is { } given
            ? given.ValueKind == JsonValueKind.Number && given.TryGetInt32(out var code) ? code : throw AcmeErrors.BadRevocationReason.With("'reason' is a CRLReason integer.")
            : 0;
        var reason = RevocationReasons.ByCode.GetValueOrDefault(reasonCode) ?? throw AcmeErrors.BadRevocationReason.With($"reason {reasonCode} is not one of {RevocationReasons.Listed} (RFC 5280 CRLReason).");
        string serial;
        try
        {
            serial = SerialText.FromOctets(X509CertificateStructure.GetInstance(der).SerialNumber.Value.ToByteArrayUnsigned());
        }
        catch (Exception e) when (e is ArgumentException or InvalidCastException or IOException)
        {
            throw AcmeErrors.Malformed.With($"'certificate' is not a DER certificate: {e.Message}");
        }

        var record = await context.Engine.Certificates.FindAsync(serial, cancellationToken);
        if (record?.CertificateDer is not { } issued || !issued.AsSpan().SequenceEqual(der))
        {
            throw AcmeErrors.NotFound.With($"this CA issued no certificate {serial} with these bytes.");
        }

        if (record.Status == CertificateStatus.Revoked)
        {
            throw AcmeErrors.AlreadyRevoked.With($"certificate {serial} is revoked already.");
        }

        var (account, authentication) = request.Account is { } signer
            ? (await AcmeRequests.ProtocolAccountAsync(context, signer, cancellationToken), "jws-account-key")
            : (await CertificateKeyAccountAsync(context, request, der, cancellationToken), "jws-certificate-key");
        if (await context.Engine.Ledger.FindSubscriberOfCertificateAsync(serial, cancellationToken) != account.SubscriberId)
        {
            throw AcmeErrors.Unauthorized.With($"certificate {serial} was not issued to the subscriber of protocol account '{account.Name}'.");
        }

        var application = await context.Engine.Enrollment.RevokeAsync(account, authentication, serial, reason, request.Jws.SigningInput, context.RequestId, cancellationToken);
        return application.State == ApplicationState.Completed
            ? new AcmeResult(200, null, [])
            : throw AcmeErrors.Unauthorized.With($"revocation application {application.Id} is {KebabNames.Of(application.State)}: a reviewer approves it (two-person rule).");
    }

    /// <summary>The protocol account that enrolled a certificate whose key signed the request.</summary>
    private static async Task<ProtocolAccount> CertificateKeyAccountAsync(AcmeExchange context, AcmeRequest request, byte[] der, CancellationToken cancellationToken)
    {
        var spki = X509CertificateStructure.GetInstance(der).SubjectPublicKeyInfo.GetDerEncoded();
        if (!AcmeJwk.SubjectPublicKeyInfo(request.Jwk).AsSpan().SequenceEqual(spki))
        {
            throw AcmeErrors.Unauthorized.With("the jwk is not the certificate's public key; sign with the certificate's key or an account key (kid).");
        }

        return (await context.Engine.Accounts.AuthenticateByCertificateAsync(EnrollmentProtocol.Acme, der, cancellationToken))?.Account
            ?? throw AcmeErrors.Unauthorized.With("the certificate was not issued through an ACME enrollment of an enabled protocol account.");
    }

    private static byte[] Certificate(string? text)
    {
        try
        {
            return Base64Url.DecodeFromChars(text ?? throw AcmeErrors.Malformed.With("revokeCert carries 'certificate' (base64url DER)."));
        }
        catch (FormatException)
        {
            throw AcmeErrors.Malformed.With("'certificate' is not base64url.");
        }
    }
}
