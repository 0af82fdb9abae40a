using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Core.Registration;
using GmPki.Registration.Protocols;
using GmPki.Registration.Workflow;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cmp;
using Org.BouncyCastle.Asn1.Crmf;
using Org.BouncyCastle.Asn1.X509;

namespace GmPki.Server.Cmp;

/// <summary>
/// What each CMP request body does (RFC 4210 §5.3, RFC 9480), as registration applications
/// (<see cref="ProtocolEnrollment"/>): ir, cr and p10cr enroll (a <c>new</c> application), kur
/// renews the certificate that signed it (a <c>renew</c> application), rr revokes a certificate of
/// the account's subscriber (a <c>revoke</c> application), certConf is answered with pkiConf,
/// genm with genp carrying <c>id-it-caCerts</c> (RFC 9480 §4.3.1). Under the profile's
/// two-person rule an enrollment answers status <c>waiting</c> and the client polls (pollReq,
/// answered pollRep with <c>checkAfter</c> until a reviewer decides, <see cref="CmpTransactions"/>);
/// a revocation answers <c>waiting</c> too and the client repeats the rr for the same certificate,
/// which resumes it. A repeated enrollment request (same account, same exact request) resumes the
/// application it opened, as in EST.
/// </summary>
internal static class CmpOperations
{
    /// <summary>Seconds a polling client waits before its next pollReq (pollRep <c>checkAfter</c>, RFC 4210 §5.3.22).</summary>
    public const int CheckAfterSeconds = 10;

    /// <summary><c>id-it-caCerts</c> (RFC 9480 §4.3.1).</summary>
    public const string CaCerts = "1.3.6.1.5.5.7.4.17";

    /// <summary>The response body to <paramref name="message"/> from the authenticated <paramref name="sender"/>.</summary>
    /// <exception cref="GmPkiException"><c>request-invalid</c> for an unsupported body, more than one request, or an application rejected; <c>unauthenticated</c> for kur without signature protection; any error of the enrollment or revocation.</exception>
    public static async Task<PkiBody> AnswerAsync(PkiMessage message, CmpSender sender, HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(context);
        var body = message.Body;
        return body.Type switch
        {
            PkiBody.TYPE_INIT_REQ or PkiBody.TYPE_CERT_REQ or PkiBody.TYPE_KEY_UPDATE_REQ or PkiBody.TYPE_P10_CERT_REQ
                => await EnrollAsync(message, sender, context, cancellationToken),
            PkiBody.TYPE_REVOCATION_REQ => await RevokeAsync(RevReqContent.GetInstance(body.Content), sender, context, cancellationToken),
            PkiBody.TYPE_CERT_CONFIRM => new PkiBody(PkiBody.TYPE_CONFIRM, DerNull.Instance),
            PkiBody.TYPE_GEN_MSG => await GeneralAsync(GenMsgContent.GetInstance(body.Content), context, cancellationToken),
            PkiBody.TYPE_POLL_REQ => await PollAsync(message.Header, sender, context, cancellationToken),
            _ => throw Errors.RequestInvalid.With($"CMP body type {body.Type} is not offered; this CA answers ir, cr, p10cr, kur, rr, certConf, genm and pollReq."),
        };
    }

    private static async Task<PkiBody> EnrollAsync(PkiMessage message, CmpSender sender, HttpContext context, CancellationToken cancellationToken)
    {
        var body = message.Body;
        var (request, certReqId) = body.Type == PkiBody.TYPE_P10_CERT_REQ
            ? (Org.BouncyCastle.Asn1.Pkcs.CertificationRequest.GetInstance(body.Content).GetDerEncoded(), -1)
            : CertReqMsgOf(CertReqMessages.GetInstance(body.Content));
        string? renewed = null;
        if (body.Type == PkiBody.TYPE_KEY_UPDATE_REQ)
        {
            renewed = sender.CertificateSerial
                ?? throw Errors.Unauthenticated.With("a key update request is signed with the certificate being updated (RFC 4210 §5.3.5), not MAC-protected.");
        }

        var application = await ApplyAsync(context, sender, request,
            (enrollment, requestId) => enrollment.EnrollAsync(sender.Account, sender.Authentication, request, renewed, requestId, cancellationToken), cancellationToken);
        var answer = body.Type switch
        {
            PkiBody.TYPE_INIT_REQ => PkiBody.TYPE_INIT_REP,
            PkiBody.TYPE_KEY_UPDATE_REQ => PkiBody.TYPE_KEY_UPDATE_REP,
            _ => PkiBody.TYPE_CERT_REP,
        };
        if (application.State != ApplicationState.Completed && message.Header.TransactionID is { } transaction)
        {
            context.RequestServices.GetRequiredService<CmpTransactions>().Add(sender.Account.Name, transaction.GetOctets(), new CmpTransactions.Waiting(application.Id, answer, certReqId));
        }

        return await CertificateResponseAsync(application, answer, certReqId, context, cancellationToken);
    }

    /// <summary>
    /// A poll for an enrollment awaiting a reviewer (RFC 4210 §5.3.22): pollRep with
    /// <c>checkAfter</c> while it waits, the certificate response once a reviewer approved.
    /// </summary>
    private static async Task<PkiBody> PollAsync(PkiHeader header, CmpSender sender, HttpContext context, CancellationToken cancellationToken)
    {
        var transactions = context.RequestServices.GetRequiredService<CmpTransactions>();
        var transaction = header.TransactionID?.GetOctets() ?? [];
        var waiting = transactions.Find(sender.Account.Name, transaction)
            ?? throw Errors.RequestInvalid.With($"no enrollment of cmp account '{sender.Account.Name}' in this transaction awaits a reviewer (or the server restarted): send the request again.");
        var pending = await context.RequestServices.GetRequiredService<IRegistrationLedger>().FindApplicationAsync(waiting.ApplicationId, cancellationToken)
            ?? throw Errors.ApplicationNotFound.With($"application {waiting.ApplicationId} is gone.");
        CertificateApplication application;
        try
        {
            application = await ApplyAsync(context, sender, pending, cancellationToken);
        }
        catch (GmPkiException)
        {
            transactions.Remove(sender.Account.Name, transaction);
            throw;
        }

        if (application.State != ApplicationState.Completed)
        {
            return new PkiBody(PkiBody.TYPE_POLL_REP, new PollReply(new DerInteger(waiting.CertReqId), new DerInteger(CheckAfterSeconds)));
        }

        transactions.Remove(sender.Account.Name, transaction);
        return await CertificateResponseAsync(application, waiting.AnswerType, waiting.CertReqId, context, cancellationToken);
    }

    /// <summary>ip, cp or kup: the certificate of a completed application, or status <c>waiting</c>.</summary>
    private static async Task<PkiBody> CertificateResponseAsync(CertificateApplication application, int answer, int certReqId, HttpContext context, CancellationToken cancellationToken)
    {
        if (application.State != ApplicationState.Completed)
        {
            return new PkiBody(answer, new CertRepMessage(null, [new CertResponse(new DerInteger(certReqId), Waiting(application))]));
        }

        var issued = await context.RequestServices.GetRequiredService<ICertificateDirectory>().FindAsync(application.ResultSerial!, cancellationToken);
        var certificate = new CmpCertificate(X509CertificateStructure.GetInstance(issued!.CertificateDer));
        return new PkiBody(answer, new CertRepMessage(null,
            [new CertResponse(new DerInteger(certReqId), new PkiStatusInfo((int)PkiStatus.Granted), new CertifiedKeyPair(new CertOrEncCert(certificate)), null)]));
    }

    private static async Task<PkiBody> RevokeAsync(RevReqContent content, CmpSender sender, HttpContext context, CancellationToken cancellationToken)
    {
        var details = content.ToRevDetailsArray() is [var single] ? single
            : throw Errors.RequestInvalid.With("one revocation request (RevDetails) per message.");
        var serial = details.CertDetails.SerialNumber is { } number ? SerialText.FromOctets(number.Value.ToByteArrayUnsigned())
            : throw Errors.RequestInvalid.With("the revocation request names the certificate by serialNumber in certDetails (RFC 4210 §5.3.9).");
        var reason = CmpRevocationReasons.Of(details.CrlEntryDetails);
        var application = await PendingRevocationAsync(context, sender, serial, cancellationToken) is { } pending
            ? await ApplyAsync(context, sender, pending, cancellationToken)
            : Final(await context.RequestServices.GetRequiredService<ProtocolEnrollment>()
                .RevokeAsync(sender.Account, sender.Authentication, serial, reason, content.GetDerEncoded(), context.TraceIdentifier, cancellationToken));
        var status = application.State == ApplicationState.Completed ? new PkiStatusInfo((int)PkiStatus.Granted) : Waiting(application);
        return new PkiBody(PkiBody.TYPE_REVOCATION_REP, new RevRepContentBuilder().Add(status).Build());
    }

    private static async Task<PkiBody> GeneralAsync(GenMsgContent content, HttpContext context, CancellationToken cancellationToken)
    {
        var chain = (await context.RequestServices.GetRequiredService<CmpAuthority>().ChainAsync(cancellationToken))
            .Select(c => (Asn1Encodable)new CmpCertificate(X509CertificateStructure.GetInstance(c))).ToArray();
        var answers = content.ToInfoTypeAndValueArray()
            .Where(itav => itav.InfoType.Id == CaCerts)
            .Select(_ => new InfoTypeAndValue(new DerObjectIdentifier(CaCerts), new DerSequence(chain)))
            .ToArray();
        return new PkiBody(PkiBody.TYPE_GEN_REP, new GenRepContent(answers));
    }

    /// <summary>
    /// Runs <paramref name="apply"/> once: a repeated request (same account, same exact request
    /// bytes) resumes the application it opened before, as EST does.
    /// </summary>
    private static async Task<CertificateApplication> ApplyAsync(HttpContext context, CmpSender sender, byte[] request,
        Func<ProtocolEnrollment, string, Task<CertificateApplication>> apply, CancellationToken cancellationToken)
    {
        var client = RegistrationActor.ProtocolClient(sender.Account, null, context.TraceIdentifier);
        return await context.RequestServices.GetRequiredService<IRegistrationLedger>().FindPendingApplicationAsync(client.Name, request, cancellationToken) is { } pending
            ? await ApplyAsync(context, sender, pending, cancellationToken)
            : Final(await apply(context.RequestServices.GetRequiredService<ProtocolEnrollment>(), context.TraceIdentifier));
    }

    /// <summary>
    /// The revocation of <paramref name="serial"/> this account asked for that still waits for a
    /// reviewer or for its fulfilment (a repeated rr resumes it; a revoke application carries no
    /// request bytes to match, so the pending applications of the account's agency are searched).
    /// </summary>
    private static async Task<CertificateApplication?> PendingRevocationAsync(HttpContext context, CmpSender sender, string serial, CancellationToken cancellationToken)
    {
        var ledger = context.RequestServices.GetRequiredService<IRegistrationLedger>();
        var client = RegistrationActor.ProtocolClient(sender.Account, null, null).Name;
        foreach (var state in new[] { ApplicationState.AwaitingApproval, ApplicationState.Approved })
        {
            for (var number = 1; ; number++)
            {
                var page = await ledger.ListApplicationsAsync(state, sender.Account.Agency, number, 500, cancellationToken);
                if (page.Items.FirstOrDefault(a => a.Kind == ApplicationKind.Revoke && a.CreatedBy == client && a.TargetSerial == serial) is { } found)
                {
                    return found;
                }

                if (number * page.PageSize >= page.Total)
                {
                    break;
                }
            }
        }

        return null;
    }

    /// <summary>Resumes a pending application (issues and delivers once a reviewer approved).</summary>
    private static async Task<CertificateApplication> ApplyAsync(HttpContext context, CmpSender sender, CertificateApplication pending, CancellationToken cancellationToken)
        => Final(await context.RequestServices.GetRequiredService<ProtocolEnrollment>().ResumeAsync(pending, sender.Account, context.TraceIdentifier, cancellationToken));

    /// <summary>The application unless it was rejected.</summary>
    /// <exception cref="GmPkiException"><c>request-invalid</c> naming the failed step.</exception>
    private static CertificateApplication Final(CertificateApplication application)
    {
        if (application.State == ApplicationState.Rejected)
        {
            var failed = application.Steps.Last(s => !s.Passed);
            throw Errors.RequestInvalid.With($"application {application.Id} was rejected at {KebabNames.Of(failed.Step)}: {failed.Details}");
        }

        return application;
    }

    private static (byte[] Request, int CertReqId) CertReqMsgOf(CertReqMessages messages)
        => messages.ToCertReqMsgArray() is [var single]
            ? (single.GetDerEncoded(), single.CertReq.CertReqID.IntValueExact)
            : throw Errors.RequestInvalid.With("one certificate request (CertReqMsg) per message.");

    private static PkiStatusInfo Waiting(CertificateApplication application)
        => new((int)PkiStatus.Waiting, new PkiFreeText(new DerUtf8String($"application {application.Id} awaits a reviewer (two-person rule); send the same request again later.")));

    /// <summary>
    /// <c>PollRepContent ::= SEQUENCE OF SEQUENCE { certReqId, checkAfter, reason OPTIONAL }</c>
    /// (RFC 4210 §5.3.22): BouncyCastle 1.8.10 encodes a single inner SEQUENCE without the outer
    /// SEQUENCE OF, which OpenSSL rejects, so the one entry is wrapped here.
    /// </summary>
    private sealed class PollReply(DerInteger certReqId, DerInteger checkAfter) : PollRepContent(certReqId, checkAfter)
    {
        public override Asn1Object ToAsn1Object() => new DerSequence(new DerSequence(CertReqID, CheckAfter));
    }
}
