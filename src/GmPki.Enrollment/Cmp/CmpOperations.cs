using GmPki.Core.Enrollment;
using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Core.Registration;
using GmPki.Registration.Protocols;
using GmPki.Registration.Workflow;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cmp;
using Org.BouncyCastle.Asn1.Crmf;
using Org.BouncyCastle.Asn1.X509;

namespace GmPki.Enrollment.Cmp;

/// <summary>
/// What each CMP request body does (RFC 4210 §5.3, RFC 9480), as registration applications
/// (<see cref="ProtocolEnrollment"/>): ir, cr and p10cr enroll (a <c>new</c> application), kur
/// renews the certificate that signed it (a <c>renew</c> application), rr revokes a certificate of
/// the account's subscriber (a <c>revoke</c> application), certConf is answered with pkiConf,
/// genm with genp carrying <c>id-it-caCerts</c> (RFC 9480 §4.3.1). Under the profile's
/// two-person rule an enrollment answers status <c>waiting</c> and the client polls (pollReq,
/// answered pollRep with <c>checkAfter</c> until a reviewer decides); the transaction is kept in the
/// ledger (<see cref="CmpTransactions"/>), so a pollReq or certConf after a restart continues it;
/// a revocation answers <c>waiting</c> too and the client repeats the rr for the same certificate,
/// which resumes it. A repeated enrollment request (same account, same exact request) resumes the
/// application it opened, as in EST.
/// </summary>
internal sealed class CmpOperations(ProtocolEnrollment enrollment, IRegistrationLedger ledger, ICertificateDirectory certificates, IEnrollmentAuthority authority,
    CmpTransactions transactions, CmpOptions options)
{
    /// <summary><c>id-it-caCerts</c> (RFC 9480 §4.3.1).</summary>
    public const string CaCerts = "1.3.6.1.5.5.7.4.17";

    /// <summary>The response body to the request of <paramref name="exchange"/>.</summary>
    /// <exception cref="GmPkiException"><c>request-invalid</c> for an unsupported body, more than one request or an application rejected; the replay errors of <see cref="CmpTransactions.AdmitAsync"/>; <c>cmp-transaction-unknown</c> for a pollReq or certConf outside a known transaction; <c>unauthenticated</c> for kur without signature protection, <c>cmp-old-cert-id-mismatch</c> for a kur naming another certificate; any error of the enrollment or revocation.</exception>
    public async Task<PkiBody> AnswerAsync(CmpExchange exchange, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        await transactions.AdmitAsync(exchange, cancellationToken);
        var body = exchange.Request.Body;
        return body.Type switch
        {
            PkiBody.TYPE_INIT_REQ or PkiBody.TYPE_CERT_REQ or PkiBody.TYPE_KEY_UPDATE_REQ or PkiBody.TYPE_P10_CERT_REQ
                => await EnrollAsync(exchange, cancellationToken),
            PkiBody.TYPE_REVOCATION_REQ => await RevokeAsync(RevReqContent.GetInstance(body.Content), exchange, cancellationToken),
            PkiBody.TYPE_CERT_CONFIRM => await ConfirmAsync(exchange, cancellationToken),
            PkiBody.TYPE_GEN_MSG => await GeneralAsync(GenMsgContent.GetInstance(body.Content), cancellationToken),
            PkiBody.TYPE_POLL_REQ => await PollAsync(exchange, cancellationToken),
            _ => throw Errors.RequestInvalid.With($"CMP body type {body.Type} is not offered; this CA answers ir, cr, p10cr, kur, rr, certConf, genm and pollReq."),
        };
    }

    private async Task<PkiBody> EnrollAsync(CmpExchange exchange, CancellationToken cancellationToken)
    {
        var (body, sender) = (exchange.Request.Body, exchange.Sender);
        var (request, certReqId) = body.Type == PkiBody.TYPE_P10_CERT_REQ
            ? (Org.BouncyCastle.Asn1.Pkcs.CertificationRequest.GetInstance(body.Content).GetDerEncoded(), -1)
            : CertReqMsgOf(CertReqMessages.GetInstance(body.Content));
        string? renewed = null;
        if (body.Type == PkiBody.TYPE_KEY_UPDATE_REQ)
        {
            renewed = sender.CertificateSerial
                ?? throw Errors.Unauthenticated.With("a key update request is signed with the certificate being updated (RFC 4210 §5.3.5), not MAC-protected.");
            CmpOldCertId.Check(CertReqMsg.GetInstance(Asn1Object.FromByteArray(request)), exchange.Request.GetExtraCerts()[0].X509v3PKCert);
        }

        var client = RegistrationActor.ProtocolClient(sender.Account, null, exchange.RequestId);
        var application = await ledger.FindPendingApplicationAsync(client.Name, request, cancellationToken) is { } pending
            ? await ResumeAsync(exchange, pending, cancellationToken)
            : Final(await enrollment.EnrollAsync(sender.Account, sender.Authentication, request, renewed, exchange.RequestId, cancellationToken));
        var answer = body.Type switch
        {
            PkiBody.TYPE_INIT_REQ => PkiBody.TYPE_INIT_REP,
            PkiBody.TYPE_KEY_UPDATE_REQ => PkiBody.TYPE_KEY_UPDATE_REP,
            _ => PkiBody.TYPE_CERT_REP,
        };
        await transactions.RecordAsync(exchange, null, StateOf(application), application, answer, certReqId, cancellationToken);
        return await CertificateResponseAsync(application, answer, certReqId, WithCaPubs(answer, sender), cancellationToken);
    }

    /// <summary>
    /// A poll for an enrollment awaiting a reviewer (RFC 4210 §5.3.22): pollRep with
    /// <c>checkAfter</c> while it waits, the certificate response once a reviewer approved.
    /// </summary>
    private async Task<PkiBody> PollAsync(CmpExchange exchange, CancellationToken cancellationToken)
    {
        var waiting = await transactions.ContinuedAsync(exchange, cancellationToken) is { State: CmpTransactionState.Waiting } found ? found
            : throw Errors.CmpTransactionUnknown.With($"no enrollment of cmp account '{exchange.Sender.Account.Name}' in transaction {exchange.TransactionId} awaits a reviewer (RFC 4210 §5.3.22).");
        var pending = await ledger.FindApplicationAsync(waiting.ApplicationId, cancellationToken)
            ?? throw Errors.ApplicationNotFound.With($"application {waiting.ApplicationId} is gone.");
        var application = await ResumeAsync(exchange, pending, cancellationToken);
        await transactions.RecordAsync(exchange, waiting, StateOf(application), application, waiting.AnswerType, waiting.CertReqId, cancellationToken);
        return application.State == ApplicationState.Completed
            ? await CertificateResponseAsync(application, waiting.AnswerType, waiting.CertReqId, WithCaPubs(waiting.AnswerType, exchange.Sender), cancellationToken)
            : new PkiBody(PkiBody.TYPE_POLL_REP, new PollReply(new DerInteger(waiting.CertReqId), new DerInteger(options.CheckAfterSeconds)));
    }

    /// <summary>certConf (RFC 4210 §5.3.18) for a certificate this transaction sent: pkiConf, and the transaction is confirmed.</summary>
    private async Task<PkiBody> ConfirmAsync(CmpExchange exchange, CancellationToken cancellationToken)
    {
        var issued = await transactions.ContinuedAsync(exchange, cancellationToken) is { State: CmpTransactionState.Issued or CmpTransactionState.Confirmed } found ? found
            : throw Errors.CmpTransactionUnknown.With($"no certificate of cmp account '{exchange.Sender.Account.Name}' in transaction {exchange.TransactionId} awaits confirmation (RFC 4210 §5.3.18).");
        var application = await ledger.FindApplicationAsync(issued.ApplicationId, cancellationToken)
            ?? throw Errors.ApplicationNotFound.With($"application {issued.ApplicationId} is gone.");
        await transactions.RecordAsync(exchange, issued, CmpTransactionState.Confirmed, application, issued.AnswerType, issued.CertReqId, cancellationToken);
        return new PkiBody(PkiBody.TYPE_CONFIRM, DerNull.Instance);
    }

    /// <summary>
    /// Whether a certificate answer carries <c>caPubs</c> (RFC 4210 §5.3.4, RFC 9483 §4.1.1): an
    /// ip always (the answer to an initial request, whose client may have no trust anchor yet); a
    /// cp when the request was MAC-protected (its client trusts no certificate of this PKI yet);
    /// a kup never (its client holds a certificate of this PKI and its chain).
    /// </summary>
    private static bool WithCaPubs(int answer, CmpSender sender)
        => answer == PkiBody.TYPE_INIT_REP || (answer == PkiBody.TYPE_CERT_REP && sender.Mac is not null);

    /// <summary>ip, cp or kup: the certificate of a completed application (with the root CA certificate as <c>caPubs</c> when <paramref name="withCaPubs"/>), or status <c>waiting</c>.</summary>
    private async Task<PkiBody> CertificateResponseAsync(CertificateApplication application, int answer, int certReqId, bool withCaPubs, CancellationToken cancellationToken)
    {
        if (application.State != ApplicationState.Completed)
        {
            return new PkiBody(answer, new CertRepMessage(null, [new CertResponse(new DerInteger(certReqId), Waiting(application))]));
        }

        var issued = await certificates.FindAsync(application.ResultSerial!, cancellationToken);
        var certificate = new CmpCertificate(X509CertificateStructure.GetInstance(issued!.CertificateDer));
        var caPubs = withCaPubs ? [new CmpCertificate(X509CertificateStructure.GetInstance((await authority.ChainAsync(cancellationToken))[^1]))] : (CmpCertificate[]?)null;
        return new PkiBody(answer, new CertRepMessage(caPubs,
            [new CertResponse(new DerInteger(certReqId), new PkiStatusInfo((int)PkiStatus.Granted), new CertifiedKeyPair(new CertOrEncCert(certificate)), null)]));
    }

    private async Task<PkiBody> RevokeAsync(RevReqContent content, CmpExchange exchange, CancellationToken cancellationToken)
    {
        var details = content.ToRevDetailsArray() is [var single] ? single
            : throw Errors.RequestInvalid.With("one revocation request (RevDetails) per message.");
        var serial = details.CertDetails.SerialNumber is { } number ? SerialText.FromOctets(number.Value.ToByteArrayUnsigned())
            : throw Errors.RequestInvalid.With("the revocation request names the certificate by serialNumber in certDetails (RFC 4210 §5.3.9).");
        var reason = CmpRevocationReasons.Of(details.CrlEntryDetails);
        var sender = exchange.Sender;
        var application = await PendingRevocationAsync(sender, serial, cancellationToken) is { } pending
            ? await ResumeAsync(exchange, pending, cancellationToken)
            : Final(await enrollment.RevokeAsync(sender.Account, sender.Authentication, serial, reason, content.GetDerEncoded(), exchange.RequestId, cancellationToken));
        var status = application.State == ApplicationState.Completed ? new PkiStatusInfo((int)PkiStatus.Granted) : Waiting(application);
        return new PkiBody(PkiBody.TYPE_REVOCATION_REP, new RevRepContentBuilder().Add(status).Build());
    }

    private async Task<PkiBody> GeneralAsync(GenMsgContent content, CancellationToken cancellationToken)
    {
        var chain = (await authority.ChainAsync(cancellationToken)).Select(c => (Asn1Encodable)new CmpCertificate(X509CertificateStructure.GetInstance(c))).ToArray();
        var answers = content.ToInfoTypeAndValueArray()
            .Where(itav => itav.InfoType.Id == CaCerts)
            .Select(_ => new InfoTypeAndValue(new DerObjectIdentifier(CaCerts), new DerSequence(chain)))
            .ToArray();
        return new PkiBody(PkiBody.TYPE_GEN_REP, new GenRepContent(answers));
    }

    private static CmpTransactionState StateOf(CertificateApplication application)
        => application.State == ApplicationState.Completed ? CmpTransactionState.Issued : CmpTransactionState.Waiting;

    /// <summary>
    /// The revocation of <paramref name="serial"/> this account asked for that still waits for a
    /// reviewer or for its fulfilment (a repeated rr resumes it; a revoke application carries no
    /// request bytes to match, so the pending applications of the account's agency are searched).
    /// </summary>
    private async Task<CertificateApplication?> PendingRevocationAsync(CmpSender sender, string serial, CancellationToken cancellationToken)
    {
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
    private async Task<CertificateApplication> ResumeAsync(CmpExchange exchange, CertificateApplication pending, CancellationToken cancellationToken)
        => Final(await enrollment.ResumeAsync(pending, exchange.Sender.Account, exchange.RequestId, cancellationToken));

    /// <summary>The application unless it was rejected.</summary>
    /// <exception cref="GmPkiException"><c>request-invalid</c> naming the failed step.</exception>
    private static CertificateApplication Final(CertificateApplication application)
    {
        if (application.State == ApplicationState.Rejected)
        {
            throw RejectedApplication.Error(application);
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
