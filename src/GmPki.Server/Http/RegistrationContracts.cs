using System.Text.Json;
using GmPki.Core.Errors;
using GmPki.Core.Registration;
using GmPki.Registration.Subscribers;
using GmPki.Registration.Workflow;

namespace GmPki.Server.Http;

/// <summary>A subscriber's data (<c>POST /api/v1/subscribers</c>, or inside an online application). Enum values are kebab-case names.</summary>
/// <param name="Type">individual, enterprise, public-institution, social-group, government-department.</param>
/// <param name="Name">Legal name.</param>
/// <param name="IdentityDocument">resident-identity-card, passport, military-officer-card, unified-social-credit-code, other.</param>
/// <param name="IdentityNumber">Document number.</param>
/// <param name="Region">Six-digit GB/T 2260 code.</param>
/// <param name="OrganizationId">For staff: their organisation's subscriber id.</param>
/// <param name="Phone">Telephone.</param>
/// <param name="Email">E-mail.</param>
/// <param name="Address">Postal address.</param>
public sealed record SubscriberBody(
    string Type, string Name, string IdentityDocument, string IdentityNumber, string Region,
    Guid? OrganizationId = null, string? Phone = null, string? Email = null, string? Address = null)
{
    /// <summary>The workflow's input.</summary>
    /// <exception cref="GmPkiException"><c>request-invalid</c> for unknown type or document names.</exception>
    public SubscriberInput ToInput() => new(
        Names.Parse<SubscriberType>(Type, "type"), Name, Names.Parse<IdentityDocumentType>(IdentityDocument, "identityDocument"),
        IdentityNumber, Region, OrganizationId, Phone, Email, Address);
}

/// <summary>A subscriber as returned to operators (personal data in full; the read is audited).</summary>
/// <param name="Id">Identifier.</param>
/// <param name="Type">Kind.</param>
/// <param name="Name">Legal name.</param>
/// <param name="IdentityDocument">Document type.</param>
/// <param name="IdentityNumber">Document number.</param>
/// <param name="Region">GB/T 2260 code.</param>
/// <param name="OrganizationId">Organisation of staff.</param>
/// <param name="Phone">Telephone.</param>
/// <param name="Email">E-mail.</param>
/// <param name="Address">Postal address.</param>
/// <param name="RegisteredBy">Who registered it.</param>
/// <param name="Agency">Registering agency.</param>
/// <param name="CreatedAt">UTC.</param>
public sealed record SubscriberView(
    Guid Id, string Type, string Name, string IdentityDocument, string IdentityNumber, string Region, Guid? OrganizationId,
    string? Phone, string? Email, string? Address, string RegisteredBy, string? Agency, DateTime CreatedAt)
{
    /// <summary>From the domain record.</summary>
    public static SubscriberView From(Subscriber s) => new(s.Id, KebabNames.Of(s.Type), s.Name, KebabNames.Of(s.IdentityDocument), s.IdentityNumber,
        s.Region, s.OrganizationId, s.Phone, s.Email, s.Address, s.RegisteredBy, s.Agency, s.CreatedAt);
}

/// <summary>An evidence file in a request body.</summary>
/// <param name="Name">File name.</param>
/// <param name="MediaType">Media type.</param>
/// <param name="Content">Base64 content (at most 10 MiB decoded).</param>
public sealed record EvidenceBody(string Name, string MediaType, string Content)
{
    /// <summary>The workflow's input.</summary>
    /// <exception cref="GmPkiException"><c>evidence-invalid</c> without content; <c>request-invalid</c> when the content is not base64.</exception>
    public EvidenceInput ToInput() => new(Name, MediaType, Names.Base64(Content ?? throw Errors.EvidenceInvalid.With("every evidence file needs its content."), "evidence content"));
}

/// <summary>Opens an application (<c>POST /api/v1/applications</c>).</summary>
/// <param name="Kind">new, renew, extend, change, suspend, resume, revoke, key-recovery (authority-revoke is opened through <c>POST /api/v1/authority-revocations</c>).</param>
/// <param name="SubscriberId">The applicant, when registered.</param>
/// <param name="Subscriber">For an applicant applying online for the first time: their data.</param>
/// <param name="Profile">Certificate profile.</param>
/// <param name="Csr">PKCS#10 request for new, renew and change: PEM, or base64 of the DER.</param>
/// <param name="TargetSerial">The certificate acted on.</param>
/// <param name="Reason">Revocation reason.</param>
/// <param name="Dual">For new: a signing and an encryption certificate (双证书); the profile must name an EncryptionProfile. Renewals, changes and extensions of a pair are dual by themselves.</param>
public sealed record OpenApplicationBody(
    string Kind, Guid? SubscriberId = null, SubscriberBody? Subscriber = null, string? Profile = null, string? Csr = null, string? TargetSerial = null, string? Reason = null,
    bool Dual = false);

/// <summary>A newly opened application with the applicant's access token (shown once).</summary>
/// <param name="Application">The application.</param>
/// <param name="AccessToken">Send as <c>Authorization: Bearer …</c> to act as the applicant on this application.</param>
public sealed record OpenedApplicationView(ApplicationView Application, string AccessToken);

/// <summary>Identity verification body.</summary>
/// <param name="Method">in-person, id-card-reader, online-verification, organization-documents.</param>
/// <param name="Passed">Result.</param>
/// <param name="DocumentChecked">What was checked.</param>
/// <param name="Notes">Remarks.</param>
/// <param name="Evidence">Scans.</param>
public sealed record IdentityBody(string Method, bool Passed, string DocumentChecked, string? Notes = null, IReadOnlyList<EvidenceBody>? Evidence = null);

/// <summary>Materials review body.</summary>
/// <param name="Checklist">Item → complete and correct.</param>
/// <param name="Notes">Remarks.</param>
/// <param name="Evidence">Scans.</param>
public sealed record MaterialsBody(Dictionary<string, bool> Checklist, string? Notes = null, IReadOnlyList<EvidenceBody>? Evidence = null);

/// <summary>Notices acknowledgement or agreement signature body.</summary>
/// <param name="Version">Document version shown.</param>
/// <param name="Method">click (notices), signature, paper-scan.</param>
/// <param name="Signature">Base64 signature over the document's SM3 digest.</param>
/// <param name="Evidence">Signed paper copy.</param>
public sealed record ConsentBody(int Version, string Method, string? Signature = null, IReadOnlyList<EvidenceBody>? Evidence = null);

/// <summary>Will confirmation body.</summary>
/// <param name="Method">click, signature, in-person, phone, paper-scan.</param>
/// <param name="Statement">The declared will.</param>
/// <param name="Signature">Base64 signature over SM3 of the statement.</param>
/// <param name="Evidence">Recording or scan.</param>
public sealed record WillBody(string Method, string Statement, string? Signature = null, IReadOnlyList<EvidenceBody>? Evidence = null);

/// <summary>Hand-over and acceptance body.</summary>
/// <param name="Method">click, in-person, signature, paper-scan.</param>
/// <param name="ReceiverIdentityNumber">When an operator hands over: the receiver's identity number.</param>
/// <param name="Evidence">Signed receipt.</param>
public sealed record AcceptanceBody(string Method, string? ReceiverIdentityNumber = null, IReadOnlyList<EvidenceBody>? Evidence = null);

/// <summary>Withdrawal body.</summary>
/// <param name="Reason">Why.</param>
public sealed record WithdrawalBody(string Reason);

/// <summary>The counter flow (<c>POST /api/v1/counter/applications</c>): a registrar records every step for an applicant present in person.</summary>
/// <param name="Kind">What is asked for.</param>
/// <param name="IdentityMethod">How the identity was verified.</param>
/// <param name="Materials">The materials checklist.</param>
/// <param name="WillStatement">The applicant's declared will.</param>
/// <param name="Subscriber">The applicant's data, or null with <paramref name="SubscriberId"/>.</param>
/// <param name="SubscriberId">A registered applicant.</param>
/// <param name="Profile">Certificate profile.</param>
/// <param name="Csr">PKCS#10 request: PEM, or base64 of the DER.</param>
/// <param name="TargetSerial">The certificate acted on.</param>
/// <param name="Reason">Revocation reason.</param>
/// <param name="IdentityEvidence">Identity document scans.</param>
/// <param name="PaperForms">Signed notices, agreement and application form scans.</param>
/// <param name="NoticeVersion">Notice version on the signed paper; null for the version in force (another version: 400 <c>step-invalid</c>, nothing recorded).</param>
/// <param name="AgreementVersion">Agreement version on the signed paper; likewise.</param>
/// <param name="Dual">For new: a signing and an encryption certificate (双证书); the profile must name an EncryptionProfile.</param>
public sealed record CounterBody(
    string Kind, string IdentityMethod, Dictionary<string, bool> Materials, string WillStatement,
    SubscriberBody? Subscriber = null, Guid? SubscriberId = null, string? Profile = null, string? Csr = null, string? TargetSerial = null, string? Reason = null,
    IReadOnlyList<EvidenceBody>? IdentityEvidence = null, IReadOnlyList<EvidenceBody>? PaperForms = null, int? NoticeVersion = null, int? AgreementVersion = null,
    bool Dual = false);

/// <summary>The counter flow's result: the application and, once issued, the certificate and its chain.</summary>
/// <param name="Application">The application.</param>
/// <param name="Certificate">The certificate (PEM), or null when not issued (yet).</param>
/// <param name="Chain">Issuing CA then root (PEM), or null.</param>
/// <param name="Pair">For a dual application once issued: the pair with the encryption key's envelope; otherwise null.</param>
public sealed record CounterResultView(ApplicationView Application, string? Certificate, string? Chain, PairView? Pair = null);

/// <summary>An application with its steps, and the certificate once issued.</summary>
/// <param name="Id">Identifier.</param>
/// <param name="Kind">Kind.</param>
/// <param name="State">open, awaiting-approval, approved, fulfilled, completed, rejected, withdrawn.</param>
/// <param name="Version">Step counter.</param>
/// <param name="SubscriberId">Applicant.</param>
/// <param name="Profile">Profile.</param>
/// <param name="TargetSerial">Certificate acted on.</param>
/// <param name="TwoPersonRule">Whether approval needs a second person.</param>
/// <param name="Reason">Revocation reason.</param>
/// <param name="ResultSerial">Certificate issued.</param>
/// <param name="NextStep">The step the application needs next, or null.</param>
/// <param name="CreatedBy">Who opened it.</param>
/// <param name="Agency">Agency.</param>
/// <param name="CreatedAt">UTC.</param>
/// <param name="UpdatedAt">UTC.</param>
/// <param name="Steps">Recorded steps.</param>
/// <param name="Dual">Whether it yields a dual pair (its pair: <c>GET /api/v1/applications/{id}/pair</c>).</param>
public sealed record ApplicationView(
    Guid Id, string Kind, string State, int Version, Guid SubscriberId, string Profile, string? TargetSerial, bool TwoPersonRule,
    string? Reason, string? ResultSerial, string? NextStep, string CreatedBy, string? Agency, DateTime CreatedAt, DateTime UpdatedAt,
    IReadOnlyList<StepView> Steps, bool Dual)
{
    /// <summary>From the domain record.</summary>
    public static ApplicationView From(CertificateApplication a) => new(
        a.Id, KebabNames.Of(a.Kind), KebabNames.Of(a.State), a.Version, a.SubscriberId, a.Profile, a.TargetSerial, a.TwoPersonRule, a.Reason,
        a.ResultSerial, a.State is ApplicationState.Open or ApplicationState.AwaitingApproval or ApplicationState.Approved or ApplicationState.Fulfilled
            ? StepTable.Next(a) is { } next ? KebabNames.Of(next) : null
            : null,
        a.CreatedBy, a.Agency, a.CreatedAt, a.UpdatedAt,
        [.. a.Steps.Select(s => new StepView(KebabNames.Of(s.Step), s.Passed, s.RecordedAt, s.Actor, s.Role, s.Agency, s.Method,
            JsonDocument.Parse(s.Details).RootElement, s.Evidence))],
        a.Dual);
}

/// <summary>A recorded step.</summary>
/// <param name="Step">Step name.</param>
/// <param name="Passed">Result.</param>
/// <param name="RecordedAt">UTC.</param>
/// <param name="Actor">Who.</param>
/// <param name="Role">Their role.</param>
/// <param name="Agency">Their agency.</param>
/// <param name="Method">How.</param>
/// <param name="Details">Step facts.</param>
/// <param name="Evidence">Evidence files (content at <c>/api/v1/evidence/{id}</c>).</param>
public sealed record StepView(string Step, bool Passed, DateTime RecordedAt, string Actor, string? Role, string? Agency, string Method, JsonElement Details, IReadOnlyList<EvidenceSummary> Evidence);

/// <summary>Publishes a document version.</summary>
/// <param name="Title">Title.</param>
/// <param name="Sections">Section key → text.</param>
/// <param name="CpsVersion">For an agreement: the CPS version in force.</param>
public sealed record PublishDocumentBody(string Title, Dictionary<string, string> Sections, int? CpsVersion = null);

/// <summary>Parsing helpers for request bodies.</summary>
internal static class Names
{
    /// <summary>A kebab-case enum name.</summary>
    /// <exception cref="GmPkiException"><c>request-invalid</c>.</exception>
    public static T Parse<T>(string? name, string field)
        where T : struct, Enum
        => KebabNames.TryParse<T>(name, out var value) ? value.Value
            : throw Errors.RequestInvalid.With($"{field} '{name}' is not one of {string.Join(", ", KebabNames.All<T>())}.");

    /// <summary>
    /// A PKCS#10 request from a JSON field: PEM text (<c>-----BEGIN CERTIFICATE REQUEST-----</c>,
    /// newlines escaped as <c>\n</c>) is passed on as is, anything else is read as base64 of the DER.
    /// </summary>
    /// <returns>The PEM text's ASCII bytes or the DER; null when <paramref name="value"/> is null.</returns>
    /// <exception cref="GmPkiException"><c>csr-malformed</c> when neither PEM nor base64.</exception>
    public static byte[]? Csr(string? value)
    {
        if (value is null || value.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            return value is null ? null : System.Text.Encoding.ASCII.GetBytes(value);
        }

        var der = new byte[value.Length];
        return Convert.TryFromBase64String(value, der, out var length) ? der[..length]
            : throw Errors.CsrMalformed.With("the csr field is neither PEM nor base64 of a DER PKCS#10 request.");
    }

    /// <summary>Decoded base64.</summary>
    /// <exception cref="GmPkiException"><c>request-invalid</c>.</exception>
    public static byte[] Base64(string? value, string field)
    {
        try
        {
            return Convert.FromBase64String(value ?? throw Errors.RequestInvalid.With($"{field} is missing."));
        }
        catch (FormatException)
        {
            throw Errors.RequestInvalid.With($"{field} is not base64.");
        }
    }

    /// <summary>Decoded hexadecimal (either case).</summary>
    /// <exception cref="GmPkiException"><c>request-invalid</c>.</exception>
    public static byte[] Hex(string? value, string field)
    {
        try
        {
            return Convert.FromHexString(value ?? throw Errors.RequestInvalid.With($"{field} is missing."));
        }
        catch (FormatException)
        {
            throw Errors.RequestInvalid.With($"{field} is not hexadecimal.");
        }
    }
}

/// <summary>A page of applications.</summary>
/// <param name="Items">The applications, newest first.</param>
/// <param name="Total">Number of applications matching.</param>
/// <param name="Page">1-based page number.</param>
/// <param name="PageSize">Page size (1–500).</param>
public sealed record ApplicationPage(IReadOnlyList<ApplicationView> Items, int Total, int Page, int PageSize);
