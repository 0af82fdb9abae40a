namespace GmPki.Core.Registration;

/// <summary>
/// An application (申请) for one certificate operation, with the steps recorded so far.
/// </summary>
/// <param name="Id">Identifier.</param>
/// <param name="Kind">What is asked for.</param>
/// <param name="State">Where it stands.</param>
/// <param name="Version">Incremented by every recorded step; writes name the version they saw, so concurrent steps cannot interleave.</param>
/// <param name="SubscriberId">The applicant (who must also be the receiver and the certificate's subject).</param>
/// <param name="Profile">Certificate profile.</param>
/// <param name="TargetSerial">For renew, extend, change, suspend, resume, revoke, key recovery: the certificate acted on.</param>
/// <param name="CertificationRequest">For new, renew, change: the PKCS#10 request (DER).</param>
/// <param name="TwoPersonRule">Whether the approver must differ from the identity verifier (from the profile at creation).</param>
/// <param name="Reason">For revoke and suspend: the RFC 5280 reason name; otherwise null.</param>
/// <param name="ResultSerial">The certificate the fulfilment issued, or null.</param>
/// <param name="CreatedBy">Audit name of whoever opened it.</param>
/// <param name="Agency">Delegated agency that opened it, or null.</param>
/// <param name="CreatedAt">UTC creation instant.</param>
/// <param name="UpdatedAt">UTC instant of the last step.</param>
/// <param name="Steps">Recorded steps, oldest first.</param>
/// <param name="Dual">Whether the application yields a pair (双证书, GM/T 0034): the signing certificate for the request's key and an encryption certificate for a key pair the key management centre generates and escrows (docs/kmc.md).</param>
public sealed record CertificateApplication(
    Guid Id,
    ApplicationKind Kind,
    ApplicationState State,
    int Version,
    Guid SubscriberId,
    string Profile,
    string? TargetSerial,
    byte[]? CertificationRequest,
    bool TwoPersonRule,
    string? Reason,
    string? ResultSerial,
    string CreatedBy,
    string? Agency,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    IReadOnlyList<StepRecord> Steps,
    bool Dual = false)
{
    /// <summary>The most recent passed record of <paramref name="step"/>, or null.</summary>
    public StepRecord? Passed(WorkflowStep step) => Steps.LastOrDefault(s => s.Step == step && s.Passed);

    /// <summary>Who approved it, in order: the actors of the passed <see cref="WorkflowStep.KmcApproval"/> and <see cref="WorkflowStep.Approval"/> steps.</summary>
    public IReadOnlyList<string> Approvers => [.. Steps.Where(s => s.Step is WorkflowStep.KmcApproval or WorkflowStep.Approval && s.Passed).Select(s => s.Actor)];
}
