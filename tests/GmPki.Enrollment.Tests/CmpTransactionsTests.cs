using GmPki.Core.Enrollment;
using GmPki.Core.Errors;
using GmPki.Core.Registration;
using GmPki.Enrollment.Cmp;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cmp;
using Org.BouncyCastle.Asn1.X509;

namespace GmPki.Enrollment.Tests;

/// <summary>
/// The CMP transaction rules (RFC 4210 §5.1.1, §5.3.18, §5.3.22) over a ledger: a pollReq or
/// certConf continues only a transaction the ledger holds for the same account, and only with the
/// <c>recipNonce</c> of the server's last answer; a fresh engine over the same ledger (a restart)
/// continues it the same way.
/// </summary>
public class CmpTransactionsTests
{
    private static readonly byte[] TransactionId = [1, 2, 3, 4, 5, 6, 7, 8];

    private readonly MemoryCmpTransactionStore _store = new();

    [Fact]
    public async Task Continued_UnknownTransaction_IsNone()
        => (await Transactions().ContinuedAsync(Exchange("device-1", TransactionId, recipNonce: [9]), CancellationToken.None)).ShouldBeNull();

    [Fact]
    public async Task Continued_AfterRecordingAWaitingEnrollment_ByANewInstanceWithTheServersNonce_IsThatTransaction()
    {
        var ir = Exchange("device-1", TransactionId, recipNonce: null);
        await Transactions().RecordAsync(ir, null, CmpTransactionState.Waiting, Application(), PkiBody.TYPE_INIT_REP, 0, CancellationToken.None);

        var continued = await Transactions().ContinuedAsync(Exchange("device-1", TransactionId, recipNonce: ir.ServerNonce), CancellationToken.None);

        continued.ShouldNotBeNull();
        continued.State.ShouldBe(CmpTransactionState.Waiting);
        continued.AnswerType.ShouldBe(PkiBody.TYPE_INIT_REP);
        continued.ServerNonce.ShouldBe(Convert.ToHexString(ir.ServerNonce));
    }

    [Fact]
    public async Task Continued_ByAnotherAccount_IsNone()
    {
        var ir = Exchange("device-1", TransactionId, recipNonce: null);
        await Transactions().RecordAsync(ir, null, CmpTransactionState.Issued, Application(), PkiBody.TYPE_CERT_REP, 0, CancellationToken.None);

        (await Transactions().ContinuedAsync(Exchange("device-2", TransactionId, recipNonce: ir.ServerNonce), CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task Continued_WithAStaleRecipNonce_IsRefused()
    {
        var ir = Exchange("device-1", TransactionId, recipNonce: null);
        await Transactions().RecordAsync(ir, null, CmpTransactionState.Issued, Application(), PkiBody.TYPE_CERT_REP, 0, CancellationToken.None);

        var refused = await Should.ThrowAsync<GmPkiException>(() => Transactions().ContinuedAsync(Exchange("device-1", TransactionId, recipNonce: [0xFF]), CancellationToken.None));

        refused.Error.ShouldBe(Errors.CmpRecipientNonceInvalid);
        refused.Detail.ShouldContain("recipNonce");
    }

    [Fact]
    public async Task Admit_TheSameMessageTwice_SecondIsTransactionIdInUse()
    {
        var ir = Exchange("device-1", TransactionId, recipNonce: null, PkiBody.TYPE_INIT_REQ);
        await Transactions().AdmitAsync(ir, CancellationToken.None);

        var refused = await Should.ThrowAsync<GmPkiException>(() => Transactions().AdmitAsync(ir, CancellationToken.None));

        refused.Error.ShouldBe(Errors.CmpTransactionIdInUse);
    }

    [Fact]
    public async Task Admit_ANewTransactionReusingASenderNonce_IsSenderNonceInvalid()
    {
        var ir = Exchange("device-1", TransactionId, recipNonce: null, PkiBody.TYPE_INIT_REQ);
        await Transactions().AdmitAsync(ir, CancellationToken.None);
        var header = ir.Request.Header;
        var replay = ir with
        {
            Request = new PkiMessage(Header([9, 9, 9, 9], header.SenderNonce.GetOctets(), null), ir.Request.Body),
        };

        var refused = await Should.ThrowAsync<GmPkiException>(() => new CmpTransactions(_store, TimeProvider.System).AdmitAsync(replay, CancellationToken.None));

        refused.Error.ShouldBe(Errors.CmpSenderNonceInvalid);
    }

    [Fact]
    public async Task Admit_ACertConfOfAStartedTransaction_IsAdmitted_AnIrWithoutSenderNonceIsNot()
    {
        await Transactions().AdmitAsync(Exchange("device-1", TransactionId, recipNonce: null, PkiBody.TYPE_INIT_REQ), CancellationToken.None);

        await Transactions().AdmitAsync(Exchange("device-1", TransactionId, recipNonce: [1], PkiBody.TYPE_CERT_CONFIRM), CancellationToken.None);
        var noNonce = Exchange("device-1", [7, 7], recipNonce: null, PkiBody.TYPE_INIT_REQ) with
        {
            Request = new PkiMessage(Header([7, 7], null, null), new PkiBody(PkiBody.TYPE_INIT_REQ, new DerSequence())),
        };

        (await Should.ThrowAsync<GmPkiException>(() => Transactions().AdmitAsync(noNonce, CancellationToken.None))).Error.ShouldBe(Errors.CmpSenderNonceInvalid);
    }

    private CmpTransactions Transactions() => new(_store, TimeProvider.System);

    private static PkiHeader Header(byte[] transactionId, byte[]? senderNonce, byte[]? recipNonce)
    {
        var header = new PkiHeaderBuilder(PkiHeader.CMP_2000, new GeneralName(new X509Name("CN=client")), new GeneralName(new X509Name("CN=GmPki")));
        header.SetTransactionID(transactionId);
        if (senderNonce is not null)
        {
            header.SetSenderNonce(senderNonce);
        }

        if (recipNonce is not null)
        {
            header.SetRecipNonce(recipNonce);
        }

        return header.Build();
    }

    private static CertificateApplication Application() => new(Guid.NewGuid(), ApplicationKind.New, ApplicationState.AwaitingApproval, 1, Guid.NewGuid(), "personal", null, null, true, null, null,
        "protocol:cmp:device-1", null, DateTime.UtcNow, DateTime.UtcNow, []);

    private static CmpExchange Exchange(string account, byte[] transactionId, byte[]? recipNonce, int bodyType = PkiBody.TYPE_POLL_REQ)
    {
        var message = new PkiMessage(Header(transactionId, System.Security.Cryptography.RandomNumberGenerator.GetBytes(16), recipNonce), new PkiBody(bodyType, new DerSequence()));
        var sender = new CmpSender(new ProtocolAccount(EnrollmentProtocol.Cmp, account, Guid.NewGuid(), "personal", Guid.NewGuid(), "00", null, "registrar", null, DateTime.UtcNow, false),
            "cmp-password-based-mac", null, null, null, null);
        return new CmpExchange(message, sender, System.Security.Cryptography.RandomNumberGenerator.GetBytes(16), "test");
    }
}
