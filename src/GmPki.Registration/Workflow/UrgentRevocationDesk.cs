using System.Globalization;
using System.Text;
using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Core.Registration;
using GmPki.Core.Security;

namespace GmPki.Registration.Workflow;

/// <summary>Who telephoned an urgent report, as they identified themselves to the registrar.</summary>
/// <param name="Name">The caller's name; must be the holder's registered name.</param>
/// <param name="IdentityNumber">The caller's identity document number; must be the holder's.</param>
/// <param name="Note">What else the registrar noted (call reference, circumstances), or null.</param>
public sealed record PhoneCaller(string Name, string IdentityNumber, string? Note);

/// <summary>
/// An urgent report made online by a holder who still has the key: a signature with the
/// certificate's key over <see cref="UrgentRevocationDesk.MessageOf"/>.
/// </summary>
/// <param name="Serial">The certificate (hex, colons allowed).</param>
/// <param name="Reason">RFC 5280 reason the completed revocation will carry (<c>keyCompromise</c> when null).</param>
/// <param name="SignedAt">When the holder signed; accepted within 5 minutes of the server's clock.</param>
/// <param name="Signature">DER signature (SM2, ECDSA) or PKCS#1 v1.5 (RSA) with the certificate's key.</param>
public sealed record SignedUrgentReport(string Serial, string? Reason, DateTimeOffset SignedAt, byte[] Signature);

/// <summary>
/// Urgent reports of a lost carrier or a key out of control (挂失, M09 §31: the holder reports at
/// once and the CA revokes). The report takes effect immediately: the certificate goes on hold
/// (RFC 5280 certificateHold, seen by CRLs and OCSP at the next publication) in the same write that
/// records the report as the first step (<see cref="WorkflowStep.UrgentSuspension"/>) of a
/// revocation application. That application is then completed afterwards through the ordinary
/// revocation steps (identity, materials, notices, agreement, will, approval), whose fulfilment
/// turns the hold into a revocation with the reported reason. A report found false is withdrawn
/// or rejected, and the holder resumes the certificate with a resume application.
/// </summary>
public sealed class UrgentRevocationDesk(
    IRegistrationLedger ledger,
    CertificateScopes scopes,
    ApplicationDesk applications,
    StepWriter steps,
    IAuditLog audit)
{
    /// <summary>How far an online report's signing time may be from the server's clock.</summary>
    public static readonly TimeSpan SignatureWindow = TimeSpan.FromMinutes(5);

    private static readonly OperatorRole[] Desk = [OperatorRole.Registrar, OperatorRole.AgencyOperator];

    /// <summary>
    /// The bytes an online report signs, UTF-8 without a final newline:
    /// <c>gmpki-urgent-revocation\n{serial, lowercase hex}\n{reason}\n{signing time, Unix seconds}</c>.
    /// </summary>
    public static byte[] MessageOf(string serialHex, string reason, DateTimeOffset signedAt)
        => Encoding.UTF8.GetBytes($"gmpki-urgent-revocation\n{SerialText.Normalize(serialHex)}\n{reason}\n{signedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}");

    /// <summary>A registrar (or the subscriber's agency operator) records a report telephoned by the holder.</summary>
    /// <returns>The revocation application, open, with the urgent suspension recorded; its access token lets the holder continue online.</returns>
    /// <exception cref="GmPkiException"><c>forbidden</c> for other roles; <c>certificate-not-found</c>; <c>request-invalid</c> (revoked already, bad reason); <c>urgent-report-unverified</c> (audited) when the caller is not the holder; <c>application-changed</c> when the status changed meanwhile.</exception>
    public async Task<OpenedApplication> ReportByPhoneAsync(string serial, string? reason, PhoneCaller caller, RegistrationActor registrar, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(registrar);
        if (!registrar.HasRole(Desk))
        {
            throw Errors.Forbidden.With("urgent reports by telephone are recorded by registrars and agency operators.");
        }

        var (record, holder) = await HolderAsync(serial, cancellationToken);
        if (!Same(caller.Name, holder.Name) || !Same(caller.IdentityNumber, holder.IdentityNumber))
        {
            throw await RefusalAsync(registrar, record.SerialHex, "phone", "the caller's name or identity number is not the holder's", cancellationToken);
        }

        return await SuspendAsync(record, holder, reason, registrar, selfService: false, "phone",
            new { channel = "phone", caller = PersonalData.Mask(caller.IdentityNumber), note = caller.Note }, cancellationToken);
    }

    /// <summary>The holder reports online, proving possession of the certificate's key.</summary>
    /// <returns>The revocation application, open, with the urgent suspension recorded, and its access token.</returns>
    /// <exception cref="GmPkiException"><c>certificate-not-found</c>; <c>request-invalid</c>; <c>urgent-report-unverified</c> (audited) for a signature that does not verify or a signing time outside <see cref="SignatureWindow"/>; <c>application-changed</c>.</exception>
    public async Task<OpenedApplication> ReportOnlineAsync(SignedUrgentReport report, string? requestId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var (record, holder) = await HolderAsync(report.Serial, cancellationToken);
        var actor = new RegistrationActor("holder:certificate:" + record.SerialHex, null, null, null, requestId);
        var reason = report.Reason ?? "keyCompromise";
        var skew = (report.SignedAt - steps.Clock.GetUtcNow()).Duration();
        if (skew > SignatureWindow)
        {
            throw await RefusalAsync(actor, record.SerialHex, "online", $"signed at {report.SignedAt:O}, {skew.TotalMinutes:F0} minutes from the server's clock (limit {SignatureWindow.TotalMinutes:F0})", cancellationToken);
        }

        if (!ApplicantCertificate.VerifyHolderSignature(CertificateScopes.PublicKeyOf(record), MessageOf(record.SerialHex, reason, report.SignedAt), report.Signature))
        {
            throw await RefusalAsync(actor, record.SerialHex, "online", "the signature does not verify with the certificate's key", cancellationToken);
        }

        return await SuspendAsync(record, holder, reason, actor, selfService: true, "online-signature",
            new { channel = "online", signedAt = report.SignedAt.ToUniversalTime() }, cancellationToken);
    }

    private async Task<OpenedApplication> SuspendAsync(CertificateRecord record, Subscriber holder, string? reason, RegistrationActor actor, bool selfService,
        string method, object details, CancellationToken cancellationToken)
    {
        var opened = await applications.OpenAsync(new ApplicationInput(ApplicationKind.Revoke, holder.Id, null, null, record.SerialHex, reason ?? "keyCompromise"),
            actor, selfService, cancellationToken);
        var hold = record.Status == CertificateStatus.Good
            ? new CertificateStatusChange(record.SerialHex, CertificateStatus.Good, CertificateStatus.Suspended, "certificateHold", steps.Clock.GetUtcNow().UtcDateTime)
            : null;
        var application = await steps.RecordAsync(opened.Application, WorkflowStep.UrgentSuspension, true, actor, method,
            new { report = details, certificate = record.SerialHex, hold = hold is not null }, null, cancellationToken, statusChange: hold);
        return opened with { Application = application };
    }

    private async Task<(CertificateRecord Record, Subscriber Holder)> HolderAsync(string serial, CancellationToken cancellationToken)
    {
        var (record, holder) = await scopes.HolderOfAsync(serial, cancellationToken);
        if (record.Status == CertificateStatus.Revoked)
        {
            throw Errors.RequestInvalid.With($"certificate {record.SerialHex} is revoked already.");
        }

        return (record, await ledger.FindSubscriberAsync(holder, cancellationToken) ?? throw Errors.SubscriberNotFound.With($"no subscriber {holder}."));
    }

    /// <summary>Audits the refusal of an urgent report and returns the exception to throw (<c>urgent-report-unverified</c>, marked audited).</summary>
    private async Task<GmPkiException> RefusalAsync(RegistrationActor actor, string serial, string channel, string why, CancellationToken cancellationToken)
    {
        await audit.AppendAsync(actor.Event(steps.Clock.GetUtcNow().UtcDateTime, "certificate.urgent-report-refused", "certificate:" + serial, "rejected",
            new { channel, reason = why }), cancellationToken);
        return Errors.UrgentReportUnverified.With($"urgent report for {serial} refused: {why}.").MarkAudited();
    }

    private static bool Same(string given, string registered) => string.Equals(given.Trim(), registered.Trim(), StringComparison.OrdinalIgnoreCase);
}
