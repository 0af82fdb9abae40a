using GmPki.Core.Errors;
using GmPki.Core.Registration;
using GmPki.Core.Security;
using GmPki.Registration.Workflow;

namespace GmPki.Registration.Tests;

public sealed class StepPermissionsTests
{
    private static readonly Guid Id = Guid.NewGuid();

    private static CertificateApplication Application(ApplicationKind kind = ApplicationKind.New, bool twoPersonRule = false, string? agency = null)
        => new(Id, kind, ApplicationState.Open, 0, Guid.NewGuid(), "personal", null, null, twoPersonRule, null, null, "operator:someone", agency,
            DateTime.UtcNow, DateTime.UtcNow, [], false);

    private static RegistrationActor As(OperatorRole role, string? agency = null) => RegistrationActor.Operator("operator:" + role, role, agency, null);

    private static bool Allowed(RegistrationActor actor, WorkflowStep step, CertificateApplication application)
    {
        try
        {
            StepPermissions.Demand(actor, step, application);
            return true;
        }
        catch (GmPkiException e) when (e.Error == Core.Errors.Errors.Forbidden)
        {
            return false;
        }
    }

    [Theory]
    [InlineData(OperatorRole.Registrar, true)]
    [InlineData(OperatorRole.Reviewer, false)]
    [InlineData(OperatorRole.CaAdministrator, false)]
    [InlineData(OperatorRole.AuditOfficer, false)]
    [InlineData(OperatorRole.KmcOfficer, false)]
    public void Only_the_desk_verifies_identity(OperatorRole role, bool allowed)
        => Allowed(As(role), WorkflowStep.IdentityVerification, Application()).ShouldBe(allowed);

    [Fact]
    public void The_applicant_records_consents_and_acceptance_but_not_identity_or_approval()
    {
        var applicant = RegistrationActor.Applicant(Id, null);
        Allowed(applicant, WorkflowStep.NoticeAcknowledgement, Application()).ShouldBeTrue();
        Allowed(applicant, WorkflowStep.AgreementSignature, Application()).ShouldBeTrue();
        Allowed(applicant, WorkflowStep.Acceptance, Application()).ShouldBeTrue();
        Allowed(applicant, WorkflowStep.IdentityVerification, Application()).ShouldBeFalse();
        Allowed(applicant, WorkflowStep.Approval, Application()).ShouldBeFalse();
    }

    [Fact]
    public void An_applicant_acts_only_on_their_own_application()
        => Allowed(RegistrationActor.Applicant(Guid.NewGuid(), null), WorkflowStep.NoticeAcknowledgement, Application()).ShouldBeFalse();

    [Fact]
    public void Under_the_two_person_rule_only_a_reviewer_approves()
    {
        Allowed(As(OperatorRole.Registrar), WorkflowStep.Approval, Application(twoPersonRule: false)).ShouldBeTrue();
        Allowed(As(OperatorRole.Registrar), WorkflowStep.Approval, Application(twoPersonRule: true)).ShouldBeFalse();
        Allowed(As(OperatorRole.Reviewer), WorkflowStep.Approval, Application(twoPersonRule: true)).ShouldBeTrue();
    }

    [Fact]
    public void An_agency_operator_acts_only_on_its_own_agencys_applications()
    {
        Allowed(As(OperatorRole.AgencyOperator, "hz-desk"), WorkflowStep.IdentityVerification, Application(agency: "hz-desk")).ShouldBeTrue();
        Allowed(As(OperatorRole.AgencyOperator, "hz-desk"), WorkflowStep.IdentityVerification, Application(agency: "nb-desk")).ShouldBeFalse();
        Allowed(As(OperatorRole.AgencyOperator, "hz-desk"), WorkflowStep.IdentityVerification, Application()).ShouldBeFalse();
    }

    [Fact]
    public void A_judicial_key_recovery_is_worked_by_registrars_and_kmc_officers_only()
    {
        var judicial = Application(ApplicationKind.JudicialKeyRecovery, twoPersonRule: true);
        Allowed(As(OperatorRole.Registrar), WorkflowStep.LegalOrderReview, judicial).ShouldBeTrue();
        Allowed(As(OperatorRole.AgencyOperator), WorkflowStep.LegalOrderReview, judicial).ShouldBeFalse();
        Allowed(As(OperatorRole.KmcOfficer), WorkflowStep.KmcApproval, judicial).ShouldBeTrue();
        Allowed(As(OperatorRole.Reviewer), WorkflowStep.Approval, judicial).ShouldBeFalse();
        Allowed(As(OperatorRole.KmcOfficer), WorkflowStep.Approval, judicial).ShouldBeTrue();
        Allowed(As(OperatorRole.Registrar), WorkflowStep.Fulfilment, judicial).ShouldBeTrue();
    }

    [Fact]
    public void A_protocol_client_checks_subject_consistency_of_its_own_enrollment_but_a_plain_applicant_does_not()
    {
        var account = new ProtocolAccount(EnrollmentProtocol.Acme, "web-01", Guid.NewGuid(), "server-tls", Guid.NewGuid(), "00", null, "operator:admin", null, DateTime.UtcNow, false);
        Allowed(RegistrationActor.ProtocolClient(account, Id, null), WorkflowStep.SubjectConsistency, Application()).ShouldBeTrue();
        Allowed(RegistrationActor.Applicant(Id, null), WorkflowStep.SubjectConsistency, Application()).ShouldBeFalse();
    }
}
