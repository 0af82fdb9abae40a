using System.Security.Cryptography;
using System.Text;
using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Core.Registration;
using GmPki.Cryptography.Signing;
using GmPki.Cryptography.Sm;
using GmPki.Registration.Protocols;
using Org.BouncyCastle.Asn1.Cmp;

namespace GmPki.Enrollment.Cmp;

/// <summary>The authenticated sender of a CMP request and how its message was protected.</summary>
/// <param name="Account">The enabled <c>cmp</c> protocol account.</param>
/// <param name="Authentication">What the identity step records: <c>cmp-password-based-mac</c> or <c>cmp-signature</c>.</param>
/// <param name="Secret">For MAC protection: the account's secret (UTF-8), to protect the response with.</param>
/// <param name="Mac">For MAC protection: the request's PBM parameters.</param>
/// <param name="CertificateSerial">For signature protection: the serial of the signer's certificate (this CA issued it to the account).</param>
/// <param name="Sm2UserId">For signature protection: the SM2 signer ID the CA signs the response with (the one the client's SM2 signature verified with, else the empty ID).</param>
internal sealed record CmpSender(ProtocolAccount Account, string Authentication, byte[]? Secret, PbmParameter? Mac, string? CertificateSerial, ReadOnlyMemory<byte>? Sm2UserId);

/// <summary>
/// Verifies the protection of a CMP request (RFC 4210 §5.1.3): password-based MAC with the
/// secret of the <c>cmp</c> account the <c>senderKID</c> names, or a signature by a good
/// certificate this CA issued through that account's enrollments (the first of
/// <c>extraCerts</c>, RFC 4210 §5.1.1; the rule of <see cref="ProtocolAccounts.AuthenticateByCertificateAsync"/>).
/// Unprotected requests are refused.
/// </summary>
internal static class CmpProtection
{
    /// <summary>The authenticated sender.</summary>
    /// <exception cref="GmPkiException"><c>unauthenticated</c> (no or unknown protection, unknown or disabled account, wrong secret, a certificate not bound to an account, a bad signature); <c>request-invalid</c> for unacceptable PBM parameters.</exception>
    public static async Task<CmpSender> AuthenticateAsync(PkiMessage message, ProtocolAccounts accounts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(accounts);
        var algorithm = message.Header.ProtectionAlg;
        if (algorithm is null || message.Protection is null)
        {
            throw Errors.Unauthenticated.With("the request is not protected; CMP requests carry a password-based MAC or a signature (RFC 4210 §5.1.3).");
        }

        var protectedPart = new ProtectedPart(message.Header, message.Body).GetDerEncoded();
        var protection = message.Protection.GetOctets();
        if (CmpPasswordMac.Is(algorithm))
        {
            var name = message.Header.SenderKID is { } kid ? Encoding.UTF8.GetString(kid.GetOctets())
                : throw Errors.Unauthenticated.With("a MAC-protected request names its cmp account in senderKID (openssl cmp -ref).");
            var parameters = CmpPasswordMac.ParametersOf(algorithm);
            var revealed = await accounts.RevealSecretAsync(EnrollmentProtocol.Cmp, name, cancellationToken);
            var key = revealed is { } found ? Encoding.UTF8.GetBytes(found.Secret) : null;
            return key is not null && CryptographicOperations.FixedTimeEquals(CmpPasswordMac.Compute(parameters, key, protectedPart), protection)
                ? new CmpSender(revealed!.Value.Account, "cmp-password-based-mac", key, parameters, null, null)
                : throw Errors.Unauthenticated.With($"unknown or disabled cmp account, or wrong secret (account '{name}').");
        }

        var signer = message.GetExtraCerts() is { Length: > 0 } extra ? extra[0].X509v3PKCert
            : throw Errors.Unauthenticated.With("a signature-protected request carries the signer's certificate first in extraCerts (RFC 4210 §5.1.1).");
        var bound = await accounts.AuthenticateByCertificateAsync(EnrollmentProtocol.Cmp, signer.GetDerEncoded(), cancellationToken)
            ?? throw Errors.Unauthenticated.With($"the signer certificate {SerialText.FromOctets(signer.SerialNumber.Value.ToByteArrayUnsigned())} is not a good certificate this CA issued through a cmp enrollment.");
        var id = VerifiedSm2UserId(SignatureAlgorithm.Find(algorithm.Algorithm.Id), PublicKey.Parse(signer.SubjectPublicKeyInfo.GetDerEncoded()), protectedPart, protection)
            ?? throw Errors.Unauthenticated.With($"the protection of the request does not verify with the key of certificate {bound.Serial} ({algorithm.Algorithm.Id}).");
        return new CmpSender(bound.Account, "cmp-signature", null, null, bound.Serial, id);
    }

    /// <summary>
    /// The SM2 signer ID a valid signature verified with — the empty ID OpenSSL 3.0 uses, or the
    /// GM/T 0009 default — and the empty ID for ECDSA and RSA signatures (their clients verify an
    /// SM2 CA's response as OpenSSL does); null when the signature is invalid or its algorithm not accepted.
    /// </summary>
    private static ReadOnlyMemory<byte>? VerifiedSm2UserId(SignatureAlgorithm? algorithm, PublicKey key, byte[] data, byte[] signature)
    {
        if (algorithm is not { Accepted: true })
        {
            return null;
        }

        foreach (var id in new[] { Sm2UserId.Empty, Sm2UserId.Default })
        {
            if (key.Verify(algorithm, data, signature, id.Span))
            {
                return id;
            }
        }

        return null;
    }
}
