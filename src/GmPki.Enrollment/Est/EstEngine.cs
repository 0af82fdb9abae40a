using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Core.Profiles;
using GmPki.Core.Registration;
using GmPki.Issuance.Formats;
using GmPki.Registration.Protocols;
using GmPki.Registration.Workflow;
using Org.BouncyCastle.Asn1.X509;

namespace GmPki.Enrollment.Est;

/// <summary>
/// Enrollment over Secure Transport (RFC 7030, docs/protocols.md) without its HTTP binding:
/// <c>cacerts</c>, <c>csrattrs</c>, <c>simpleenroll</c>, <c>simplereenroll</c> and
/// <c>serverkeygen</c>, each for an optional label (a profile name). An enrollment authenticates
/// an EST protocol account (<see cref="EstCredentials"/>) and becomes a registration application
/// (<see cref="ProtocolEnrollment"/>); under the profile's two-person rule it answers <c>202</c>
/// with <c>Retry-After</c> until a reviewer approves, and the client repeats the same request,
/// which resumes the application it opened.
/// </summary>
public sealed class EstEngine
{
    /// <summary>Seconds a client waits before asking again for a request awaiting a reviewer (RFC 7030 §4.2.3).</summary>
    public const int RetryAfterSeconds = 60;

    private readonly ProtocolEnrollment _enrollment;
    private readonly EstAuthentication _authentication;
    private readonly IRegistrationLedger _ledger;
    private readonly ICertificateDirectory _certificates;
    private readonly IEnrollmentAuthority _authority;
    private readonly IReadOnlyDictionary<string, CertificateProfile> _profiles;

    /// <summary>An engine over the registration workflow, the protocol accounts, the ledgers and the issuing CA.</summary>
    public EstEngine(ProtocolEnrollment enrollment, ProtocolAccounts accounts, IRegistrationLedger ledger, ICertificateDirectory certificates,
        IEnrollmentAuthority authority, IReadOnlyDictionary<string, CertificateProfile> profiles)
    {
        _enrollment = enrollment;
        _authentication = new EstAuthentication(accounts);
        _ledger = ledger;
        _certificates = certificates;
        _authority = authority;
        _profiles = profiles;
    }

    /// <summary>The CA certificates, certs-only PKCS#7 (RFC 7030 §4.1).</summary>
    /// <exception cref="GmPkiException"><c>profile-unknown</c>; <c>issuer-unavailable</c>.</exception>
    public async Task<EstAnswer> CaCertificatesAsync(string? label, CancellationToken cancellationToken)
    {
        ProfileOf(label);
        return EstAnswer.Base64Of(CertificateEncodings.ToPkcs7(await _authority.ChainAsync(cancellationToken)), EstMessages.CertsOnly);
    }

    /// <summary>The attributes the label's profile wants in a request (RFC 7030 §4.5); 204 without a label.</summary>
    /// <exception cref="GmPkiException"><c>profile-unknown</c>.</exception>
    public EstAnswer CsrAttributes(string? label)
        => ProfileOf(label) is { } profile ? EstAnswer.Base64Of(EstCsrAttributes.For(profile.KeyAlgorithms), EstMessages.CsrAttrs) : new EstAnswer(204, string.Empty, []);

    /// <summary>simpleenroll (RFC 7030 §4.2.1) or, with <paramref name="reenroll"/>, simplereenroll (§4.2.2: same subject as the certificate renewed).</summary>
    /// <param name="label">The profile label of the path, or null.</param>
    /// <param name="reenroll">Whether this is a re-enrollment.</param>
    /// <param name="credentials">What the request presented.</param>
    /// <param name="request">DER PKCS#10 (<see cref="EstMessages.DecodeRequest"/>).</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <exception cref="GmPkiException"><c>profile-unknown</c>, <c>unauthenticated</c>, <c>forbidden</c>, <c>csr-*</c>, <c>certificate-not-found</c>, <c>request-invalid</c> for a rejected application; any error of the enrollment.</exception>
    public async Task<EstAnswer> EnrollAsync(string? label, bool reenroll, EstCredentials credentials, byte[] request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var (account, presented) = await AccountForAsync(label, credentials, cancellationToken);
        var client = RegistrationActor.ProtocolClient(account, null, credentials.RequestId);
        var application = await _ledger.FindPendingApplicationAsync(client.Name, request, cancellationToken) is { } pending
            ? await _enrollment.ResumeAsync(pending, account, credentials.RequestId, cancellationToken)
            : await _enrollment.EnrollAsync(account, presented is null ? "http-basic" : "tls-client-certificate", request,
                reenroll ? await RenewedSerialAsync(account, request, presented, cancellationToken) : null, credentials.RequestId, cancellationToken);
        return await AnswerAsync(application, cancellationToken);
    }

    /// <summary>
    /// serverkeygen (RFC 7030 §4.4): authenticated like simpleenroll; the account's profile must
    /// allow server key generation and have no two-person rule (the generated key cannot wait for a reviewer).
    /// </summary>
    /// <exception cref="GmPkiException">As <see cref="EnrollAsync"/>; <c>forbidden</c> when the profile does not allow it.</exception>
    public async Task<EstAnswer> ServerKeyGenAsync(string? label, EstCredentials credentials, byte[] clientRequest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var (account, presented) = await AccountForAsync(label, credentials, cancellationToken);
        var profile = ProfileOf(account.Profile)!;
        if (!profile.ServerKeyGeneration || profile.TwoPersonRule)
        {
            throw Errors.Forbidden.With(profile.TwoPersonRule
                ? $"profile '{profile.Name}' needs a reviewer's approval, and a generated private key cannot wait for it: use simpleenroll with your own key."
                : $"profile '{profile.Name}' does not allow server key generation (ServerKeyGeneration): use simpleenroll with your own key.");
        }

        var (key, pkcs8) = EstServerKeyGeneration.Generate(profile);
        try
        {
            var application = await _enrollment.EnrollAsync(account, presented is null ? "http-basic" : "tls-client-certificate",
                EstServerKeyGeneration.RequestFor(clientRequest, key), null, credentials.RequestId, cancellationToken);
            if (application.State != ApplicationState.Completed)
            {
                return await AnswerAsync(application, cancellationToken);
            }

            var issued = await _certificates.FindAsync(application.ResultSerial!, cancellationToken);
            return EstServerKeyGeneration.Answer(pkcs8, CertificateEncodings.ToPkcs7([issued!.CertificateDer!]));
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    private async Task<EstAnswer> AnswerAsync(CertificateApplication application, CancellationToken cancellationToken)
    {
        if (application.State is ApplicationState.AwaitingApproval or ApplicationState.Approved)
        {
            return new EstAnswer(202, "text/plain",
                System.Text.Encoding.UTF8.GetBytes($"application {application.Id} awaits a reviewer (two-person rule); repeat this request after {RetryAfterSeconds} s.\n"),
                RetryAfterSeconds: RetryAfterSeconds);
        }

        if (application.State == ApplicationState.Rejected)
        {
            throw RejectedApplication.Error(application);
        }

        var issued = await _certificates.FindAsync(application.ResultSerial!, cancellationToken);
        return EstAnswer.Base64Of(CertificateEncodings.ToPkcs7([issued!.CertificateDer!]), EstMessages.CertsOnly);
    }

    /// <summary>The authenticated account, which must enroll for the label's profile when the path has one.</summary>
    /// <exception cref="GmPkiException"><c>profile-unknown</c>; <c>unauthenticated</c>; <c>forbidden</c> for another profile's label.</exception>
    private async Task<(ProtocolAccount Account, string? Presented)> AccountForAsync(string? label, EstCredentials credentials, CancellationToken cancellationToken)
    {
        ProfileOf(label);
        var (account, presented) = await _authentication.AuthenticateAsync(credentials, cancellationToken);
        return label is null || label == account.Profile ? (account, presented)
            : throw Errors.Forbidden.With($"EST account '{account.Name}' enrolls for profile '{account.Profile}', not '{label}'.");
    }

    /// <summary>The profile a label names (null without a label).</summary>
    /// <exception cref="GmPkiException"><c>profile-unknown</c>.</exception>
    private CertificateProfile? ProfileOf(string? label)
        => label is null ? null
            : _profiles.GetValueOrDefault(label) ?? throw Errors.ProfileUnknown.With($"no profile '{label}' (the EST label is a profile name).");

    /// <summary>
    /// The certificate a re-enrollment renews (RFC 7030 §4.2.2: same subject): the one presented in
    /// TLS, or else the newest issued, unrevoked certificate of the account's subscriber and profile
    /// whose subject is the request's.
    /// </summary>
    /// <exception cref="GmPkiException"><c>csr-malformed</c>; <c>request-invalid</c> when the request's subject is not the presented certificate's; <c>certificate-not-found</c> when there is none.</exception>
    private async Task<string> RenewedSerialAsync(ProtocolAccount account, byte[] request, string? presented, CancellationToken cancellationToken)
    {
        var subject = EstMessages.RequestInfoOf(request, "re-enrollment").Subject;
        if (presented is not null)
        {
            var current = X509CertificateStructure.GetInstance((await _certificates.FindAsync(presented, cancellationToken))!.CertificateDer);
            return current.Subject.Equivalent(subject) ? presented
                : throw Errors.RequestInvalid.With($"a re-enrollment keeps the subject of the certificate being renewed ({current.Subject}), not {subject} (RFC 7030 §4.2.2).");
        }

        foreach (var serial in (await _ledger.ListCertificatesOfSubscriberAsync(account.SubscriberId, cancellationToken)).Reverse())
        {
            if (await _certificates.FindAsync(serial, cancellationToken) is { State: CertificateState.Issued, CertificateDer: { } der, Status: not CertificateStatus.Revoked } record
                && record.Reservation.Profile == account.Profile
                && X509CertificateStructure.GetInstance(der).Subject.Equivalent(subject))
            {
                return serial;
            }
        }

        throw Errors.CertificateNotFound.With($"account '{account.Name}' has no unrevoked {account.Profile} certificate with subject {subject} to re-enroll; use simpleenroll.");
    }
}
