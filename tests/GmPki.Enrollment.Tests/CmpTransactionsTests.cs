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

        refused.Error.ShouldBe(Errors.RequestInvalid);
        refused.Detail.ShouldContain("recipNonce");
    }

    private CmpTransactions Transactions() => new(_store, TimeProvider.System);

    private static CertificateApplication Application() => new(Guid.NewGuid(), ApplicationKind.New, ApplicationState.AwaitingApproval, 1, Guid.NewGuid(), "personal", null, null, true, null, null,
        "protocol:cmp:device-1", null, DateTime.UtcNow, DateTime.UtcNow, []);

    private static CmpExchange Exchange(string account, byte[] transactionId, byte[]? recipNonce)
    {
        var header = new PkiHeaderBuilder(PkiHeader.CMP_2000, new GeneralName(new X509Name("CN=client")), new GeneralName(new X509Name("CN=GmPki")));
        header.SetTransactionID(transactionId);
        header.SetSenderNonce(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        if (recipNonce is not null)
        {
            header.SetRecipNonce(recipNonce);
        }

        var message = new PkiMessage(header.Build(), new PkiBody(PkiBody.TYPE_POLL_REQ, new DerSequence()));
        var sender = new CmpSender(new ProtocolAccount(EnrollmentProtocol.Cmp, account, Guid.NewGuid(), "personal", Guid.NewGuid(), "00", null, "registrar", null, DateTime.UtcNow, false),
            "cmp-password-based-mac", null, null, null, null);
        return new CmpExchange(message, sender, System.Security.Cryptography.RandomNumberGenerator.GetBytes(16), "test");
    }
}
