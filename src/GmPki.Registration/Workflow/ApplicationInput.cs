using GmPki.Core.Registration;

namespace GmPki.Registration.Workflow;

/// <summary>What opening an application takes.</summary>
/// <param name="Kind">What is asked for.</param>
/// <param name="SubscriberId">The applicant.</param>
/// <param name="Profile">Certificate profile; for applications on an existing certificate, defaults to that certificate's profile.</param>
/// <param name="CertificationRequest">PKCS#10 request (PEM or DER) for new, renew and change.</param>
/// <param name="TargetSerial">Hex serial of the certificate acted on, for every kind but new.</param>
/// <param name="Dual">For new: ask for a signing and an encryption certificate (双证书); the profile must name an <c>EncryptionProfile</c>. Renewals and changes of a pair are dual by themselves.</param>
/// <param name="Reason">For revoke: an RFC 5280 reason name (unspecified, keyCompromise, affiliationChanged, superseded, cessationOfOperation, privilegeWithdrawn).</param>
public sealed record ApplicationInput(
    ApplicationKind Kind,
    Guid SubscriberId,
    string? Profile,
    byte[]? CertificationRequest,
    string? TargetSerial,
    string? Reason,
    bool Dual = false);

/// <summary>A newly opened application and the applicant's access token (shown once; only its SM3 hash is stored).</summary>
/// <param name="Application">The application.</param>
/// <param name="AccessToken">Bearer token with which the applicant acts on this application alone.</param>
public sealed record OpenedApplication(CertificateApplication Application, string AccessToken);
