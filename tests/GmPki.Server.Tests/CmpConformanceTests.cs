using System.Security.Cryptography;
using GmPki.Testing;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cmp;
using Org.BouncyCastle.Asn1.X509;

namespace GmPki.Server.Tests;

/// <summary>
/// The CMP conformance points of RFC 4210 §5.1.1 / RFC 9483 §3.5 and §4.1 (issue 15 item 7), with
/// the real <c>openssl cmp</c> where it can show them: a stored ir replayed is refused
/// (transactionIdInUse, and badSenderNonce with a fresh transactionID) instead of issuing again;
/// certConf and pollReq outside a known transaction get an error message, never pkiConf; the
/// requested validity (<c>-days</c>) is honoured up to the profile's; ip carries the root CA as
/// caPubs; repeated slashes in the path are tolerated.
/// </summary>
public partial class CmpTests
{
    [SkippableFact]
    public async Task OpensslIr_StoredRequestReplayed_RefusedTransactionIdInUseThenBadSenderNonce_NoSecondCertificate()
    {
        using var client = new OpenSslClient(Server);
        var (person, account, secret) = await AccountAsync(client, "物联网设备巳", "cmp-device-6");
        string[] mac = ["-ref", account, "-secret", "pass:" + secret, "-digest", "sm3", "-mac", "hmacWithSHA256", "-unprotected_errors"];
        NewKey(client, "k", "SM2");
        string[] ir = ["-cmd", "ir", "-newkey", "k.key", "-subject", "/C=CN/CN=" + person.Name, .. mac];

        var first = Cmp(client, [.. ir, "-certout", "first.pem", "-reqout", "ir.der,certconf.der"]);
        var replayed = Cmp(client, [.. ir, "-certout", "replayed.pem", "-reqin", "ir.der"]);
        var newTransaction = Cmp(client, [.. ir, "-certout", "renewed.pem", "-reqin", "ir.der", "-reqin_new_tid"]);

        first.ExitCode.ShouldBe(0, first.Output);
        replayed.ExitCode.ShouldNotBe(0, replayed.Output);
        replayed.Output.ShouldContain("transactionIdInUse");
        replayed.Output.ShouldContain("[cmp-transaction-id-in-use]");
        newTransaction.ExitCode.ShouldNotBe(0, newTransaction.Output);
        newTransaction.Output.ShouldContain("badSenderNonce");
        newTransaction.Output.ShouldContain("[cmp-sender-nonce-invalid]");
        File.Exists(client.File("replayed.pem")).ShouldBeFalse();
        File.Exists(client.File("renewed.pem")).ShouldBeFalse();
        var audit = await Server.RecentAuditAsync(200);
        audit.Count(e => e.Action == "application.opened" && e.Actor == "protocol:cmp:" + account).ShouldBe(1);
    }

    [SkippableFact]
    public async Task Sm2Signed_CertConfAndPollReqOfUnknownTransactions_ErrorMessagesNotPkiConf_AndAReplayedGenmIsRefused()
    {
        using var client = new OpenSslClient(Server);
        var (person, account, secret) = await AccountAsync(client, "物联网设备午", "cmp-device-7");
        NewKey(client, "sm2", "EC -pkeyopt ec_paramgen_curve:SM2");
        Cmp(client, "-cmd", "ir", "-newkey", "sm2.key", "-subject", "/C=CN/CN=" + person.Name, "-certout", "sm2.pem", "-ref", account, "-secret", "pass:" + secret,
            "-digest", "sm3", "-mac", "hmacWithSHA256").ExitCode.ShouldBe(0);
        var certificate = ReadCertificate(client, "sm2.pem");
        var certConf = new PkiBody(PkiBody.TYPE_CERT_CONFIRM, new DerSequence(new CertStatus(new byte[32], Org.BouncyCastle.Math.BigInteger.Zero)));
        var pollReq = new PkiBody(PkiBody.TYPE_POLL_REQ, new DerSequence(new DerSequence(new DerInteger(0))));
        var genm = new PkiBody(PkiBody.TYPE_GEN_MSG, new GenMsgContent(new InfoTypeAndValue(new DerObjectIdentifier("1.3.6.1.5.5.7.4.17"))));

        var (_, confirmed) = await SendSm2SignedAsync(client, "certconf", certificate, "sm2.key", certConf, RandomNumberGenerator.GetBytes(16), RandomNumberGenerator.GetBytes(16));
        var (_, polled) = await SendSm2SignedAsync(client, "pollreq", certificate, "sm2.key", pollReq, RandomNumberGenerator.GetBytes(16), RandomNumberGenerator.GetBytes(16));
        var (_, answered) = await SendSm2SignedAsync(client, "genm", certificate, "sm2.key", genm, RandomNumberGenerator.GetBytes(16));
        var (status, _) = Curl.Run("-H", "Content-Type: application/pkixcmp", "--data-binary", "@" + client.File("genm.der"), "-o", client.File("again.rsp"), Server.BaseUrl + "/cmp");
        var again = PkiMessage.GetInstance(await File.ReadAllBytesAsync(client.File("again.rsp")));

        Failure(confirmed).ShouldBe(("cmp-transaction-unknown", PkiFailureInfo.BadRequest));
        Failure(polled).ShouldBe(("cmp-transaction-unknown", PkiFailureInfo.BadRequest));
        answered.Body.Type.ShouldBe(PkiBody.TYPE_GEN_REP);
        status.ShouldBe(200);
        Failure(again).ShouldBe(("cmp-transaction-id-in-use", PkiFailureInfo.TransactionIdInUse));
    }

    [SkippableFact]
    public async Task OpensslIr_DaysAndRepeatedSlashes_ValidityHonouredUpToTheProfile_RootCaAsCaPubs()
    {
        using var client = new OpenSslClient(Server);
        var (person, account, secret) = await AccountAsync(client, "物联网设备未", "cmp-device-8");
        string[] mac = ["-ref", account, "-secret", "pass:" + secret, "-digest", "sm3", "-mac", "hmacWithSHA256"];
        NewKey(client, "short", "SM2");
        NewKey(client, "long", "SM2");

        var shortened = Cmp(client, ["-cmd", "ir", "-newkey", "short.key", "-subject", "/C=CN/CN=" + person.Name, "-days", "30", "-certout", "short.pem",
            "-cacertsout", "capubs.pem", .. mac], path: "/cmp//personal/");
        var capped = Cmp(client, ["-cmd", "ir", "-newkey", "long.key", "-subject", "/C=CN/CN=" + person.Name, "-days", "100000", "-certout", "long.pem", .. mac], path: "/cmp////");

        shortened.ExitCode.ShouldBe(0, shortened.Output);
        capped.ExitCode.ShouldBe(0, capped.Output);
        Lifetime(ReadCertificate(client, "short.pem")).ShouldBeInRange(TimeSpan.FromDays(30) - TimeSpan.FromMinutes(1), TimeSpan.FromDays(30) + TimeSpan.FromMinutes(10));
        var profileValidity = Lifetime(ReadCertificate(client, "long.pem"));
        profileValidity.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromDays(365));
        profileValidity.ShouldBeLessThan(TimeSpan.FromDays(366));
        ReadCertificate(client, "capubs.pem").GetDerEncoded().ShouldBe(Convert.FromBase64String(string.Concat((await ChainAsync())[^1].Split('\n').Where(l => !l.StartsWith("-----", StringComparison.Ordinal)))));
    }

    private static TimeSpan Lifetime(X509CertificateStructure certificate) => certificate.EndDate.ToDateTime() - certificate.StartDate.ToDateTime();

    /// <summary>The GmPki code in the statusString and the failInfo bit of a CMP error message.</summary>
    private static (string Code, int FailInfo) Failure(PkiMessage answer)
    {
        answer.Body.Type.ShouldBe(PkiBody.TYPE_ERROR);
        var status = ErrorMsgContent.GetInstance(answer.Body.Content).PkiStatusInfo;
        var text = status.StatusString[0].GetString();
        return (text[(text.IndexOf('[', StringComparison.Ordinal) + 1)..text.IndexOf(']', StringComparison.Ordinal)], status.FailInfo.IntValue);
    }
}
