namespace GmPki.Core.Registration;

/// <summary>
/// The steps of the registration workflow, each satisfying an article (M24 §21, D §20);
/// which steps an application needs, and in which order, depends on its kind
/// (<c>docs/registration.md</c>).
/// </summary>
public enum WorkflowStep
{
    /// <summary>Identity verification (身份查验), M24 §21, D §20(1).</summary>
    IdentityVerification,

    /// <summary>Review of the application materials (材料审查), M24 §21.</summary>
    MaterialsReview,

    /// <summary>Notices given and acknowledged (告知事项), M24 §21, D §23.</summary>
    NoticeAcknowledgement,

    /// <summary>Service agreement signed (电子认证服务协议), M24 §21, D §24, R22 3.3.</summary>
    AgreementSignature,

    /// <summary>The applicant's will for this operation (意愿), D §20(1).</summary>
    WillConfirmation,

    /// <summary>Applicant, receiver and certificate subject are the same party, R22 item 3.</summary>
    SubjectConsistency,

    /// <summary>Approval by a reviewer (two-person rule where the profile says so).</summary>
    Approval,

    /// <summary>The CA acts: issues, suspends, resumes or revokes.</summary>
    Fulfilment,

    /// <summary>Hand-over and acceptance of the certificate (证书交付与接受), D §20(1).</summary>
    Acceptance,

    /// <summary>
    /// Urgent report of a lost or compromised key (挂失, M09 §31): recorded only as the first step
    /// of a revocation application, it puts the certificate on hold at once; the revocation's own
    /// steps complete it afterwards.
    /// </summary>
    UrgentSuspension,

    /// <summary>
    /// Review of the CA's grounds for revoking on its own (撤销事由审查, D §25 (2)–(5)): the ground,
    /// the facts and their evidence (a court order, the finding of false information, …).
    /// </summary>
    GroundsReview,

    /// <summary>
    /// Review of a legal order for judicial key recovery (司法文书审查): the issuing authority, the
    /// document's number and date, the facts, the scanned order, and the recipient certificate it designates.
    /// </summary>
    LegalOrderReview,

    /// <summary>
    /// The first KMC officer's approval of a judicial key recovery (密钥管理员审批); the second
    /// officer — another account and another person — records <see cref="Approval"/>.
    /// </summary>
    KmcApproval,
}
