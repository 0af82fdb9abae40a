using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using GmPki.Enrollment.Cmp;
using GmPki.Registration.Workflow;
using GmPki.Server.Http;
using GmPki.Testing;
using Microsoft.Extensions.DependencyInjection;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cmp;
using Org.BouncyCastle.Asn1.X509;

namespace GmPki.Server.Tests;

/// <summary>
/// CMP (RFC 4210 / RFC 9480 over HTTP, RFC 6712) with the real <c>openssl cmp</c> (OpenSSL 3)
/// as the client: a <c>cmp</c> account created on a completed desk application enrolls SM2 and
/// ECDSA keys with ir, cr and p10cr under a password-based MAC (owf SM3 or SHA-256, mac
/// hmacWithSHA256), then — signing with the certificate it got — renews it (kur), asks for the
/// CA certificates (genm) and revokes (rr); every request is a recorded application, and
/// refusals are CMP error messages, audited.
/// </summary>
public partial class CmpTests(Sm2ServerFixture fixture) : IClassFixture<Sm2ServerFixture>
{
    private RunningServer Server => fixture.Server;

    [SkippableFact]
    public async Task OpensslMac_IrCrP10crWithSm2Keys_CertificatesForTheHoldersKeys_RecordedAsApplications()
    {
        using var client = new OpenSslClient(Server);
        var (person, account, secret) = await AccountAsync(client, "物联网设备子", "cmp-device-1");
        string[] mac = ["-ref", account, "-secret", "pass:" + secret, "-digest", "sm3", "-mac", "hmacWithSHA256"];
        NewKey(client, "ir", "SM2");
        NewKey(client, "cr", "SM2");
        client.MakeRequest("p10", "-algorithm SM2", "/C=CN/CN=" + person.Name);

        var ir = Cmp(client, ["-cmd", "ir", "-newkey", "ir.key", "-subject", "/C=CN/CN=" + person.Name, "-certout", "ir.pem", .. mac]);
        var cr = Cmp(client, ["-cmd", "cr", "-newkey", "cr.key", "-subject", "/C=CN/CN=" + person.Name, "-certout", "cr.pem", .. mac]);
        var p10 = Cmp(client, ["-cmd", "p10cr", "-csr", "p10.csr", "-certout", "p10.pem", .. mac], path: "/cmp/personal");

        ir.ExitCode.ShouldBe(0, ir.Output);
        cr.ExitCode.ShouldBe(0, cr.Output);
        p10.ExitCode.ShouldBe(0, p10.Output);
        ir.Output.ShouldContain("received IP");
        ir.Output.ShouldContain("received PKICONF");
        foreach (var name in new[] { "ir", "cr", "p10" })
        {
            OpenSsl.MustRun(client.Path, "x509", "-in", name + ".pem", "-noout", "-pubkey").ShouldBe(OpenSsl.MustRun(client.Path, "pkey", "-in", name + ".key", "-pubout"));
            OpenSsl.MustRun(client.Path, "x509", "-in", name + ".pem", "-noout", "-subject", "-nameopt", "utf8").ShouldContain("CN=" + person.Name);
        }

        var audit = await Server.RecentAuditAsync(150);
        var steps = audit.Where(e => e.Action == "application.step-recorded" && e.Actor == "protocol:cmp:" + account).Select(e => JsonDocument.Parse(e.Details!).RootElement).ToList();
        steps.Count(d => d.GetProperty("step").GetString() == "acceptance").ShouldBe(3);
        steps.ShouldContain(d => d.GetProperty("step").GetString() == "identity-verification" && d.GetProperty("method").GetString() == "protocol-authentication"
            && d.GetProperty("details").GetRawText().Contains("cmp-password-based-mac", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task OpensslSignature_KurGenmRrWithAnEcdsaKey_WithTheEnrolledCertificate_ResponsesSignedByTheCmpProtectionKey()
    {
        using var client = new OpenSslClient(Server);
        const string algorithm = "EC -pkeyopt ec_paramgen_curve:P-256", digest = "sha256", name = "物联网设备寅";
        var (_, account, secret) = await AccountAsync(client, name, "cmp-device-2");
        NewKey(client, "old", algorithm);
        NewKey(client, "new", algorithm);
        Cmp(client, "-cmd", "ir", "-newkey", "old.key", "-subject", "/C=CN/CN=" + name, "-certout", "old.pem", "-ref", account, "-secret", "pass:" + secret,
            "-mac", "hmacWithSHA256", "-digest", digest).ExitCode.ShouldBe(0);
        await File.WriteAllTextAsync(client.File("issuing.pem"), (await ChainAsync())[0]);
        await File.WriteAllTextAsync(client.File("protection.pem"), ProtectionCertificatePem(Server));
        string[] signed = ["-srvcert", "protection.pem", "-digest", digest];

        var otherCertificate = Cmp(client, ["-cmd", "kur", "-cert", "old.pem", "-key", "old.key", "-newkey", "new.key", "-oldcert", "issuing.pem", "-certout", "other.pem", .. signed]);
        var kur = Cmp(client, ["-cmd", "kur", "-cert", "old.pem", "-key", "old.key", "-newkey", "new.key", "-certout", "new.pem", .. signed]);
        var genm = Cmp(client, ["-cmd", "genm", "-infotype", "caCerts", "-cert", "new.pem", "-key", "new.key", "-rspout", "genp.der", .. signed]);
        var rr = Cmp(client, ["-cmd", "rr", "-cert", "new.pem", "-key", "new.key", "-oldcert", "new.pem", "-revreason", "4", .. signed]);
        var afterRevocation = Cmp(client, ["-cmd", "genm", "-infotype", "caCerts", "-cert", "new.pem", "-key", "new.key", "-unprotected_errors", .. signed]);

        otherCertificate.ExitCode.ShouldNotBe(0, otherCertificate.Output);
        otherCertificate.Output.ShouldContain("badCertId", customMessage: otherCertificate.Output);
        otherCertificate.Output.ShouldContain("[cmp-old-cert-id-mismatch]");
        kur.ExitCode.ShouldBe(0, kur.Output);
        kur.Output.ShouldContain("received KUP");
        OpenSsl.MustRun(client.Path, "x509", "-in", "new.pem", "-noout", "-pubkey").ShouldBe(OpenSsl.MustRun(client.Path, "pkey", "-in", "new.key", "-pubout"));
        genm.ExitCode.ShouldBe(0, genm.Output);
        genm.Output.ShouldContain("id-it-caCerts");
        var genp = PkiMessage.GetInstance(await File.ReadAllBytesAsync(client.File("genp.der")));
        var caCerts = GenRepContent.GetInstance(genp.Body.Content).ToInfoTypeAndValueArray().Single();
        caCerts.InfoType.Id.ShouldBe("1.3.6.1.5.5.7.4.17");
        var chain = await Server.Client.GetStringAsync("/api/v1/ca/chain");
        var sent = Asn1Sequence.GetInstance(caCerts.InfoValue).OfType<Asn1Encodable>().ToList();
        sent.Count.ShouldBe(2);
        foreach (var prefix in sent.Select(c => Convert.ToBase64String(c.GetDerEncoded())[..60]))
        {
            chain.ShouldContain(prefix);
        }

        rr.ExitCode.ShouldBe(0, rr.Output);
        afterRevocation.ExitCode.ShouldNotBe(0);
        var serial = OpenSsl.MustRun(client.Path, "x509", "-in", "new.pem", "-noout", "-serial").Trim().Split('=')[1];
        serial = Core.Ledger.SerialText.Normalize(serial);
        var certificate = await Server.Registrar.GetFromJsonAsync<JsonElement>($"/api/v1/certificates/{serial}", Counter.Web);
        certificate.GetProperty("status").GetString().ShouldBe("revoked");
        var audit = await Server.RecentAuditAsync(200);
        audit.ShouldContain(e => e.Action == "application.opened" && e.Actor == "protocol:cmp:" + account && e.Details!.Contains("\"kind\":\"renew\"", StringComparison.Ordinal));
        audit.ShouldContain(e => e.Action == "application.opened" && e.Actor == "protocol:cmp:" + account && e.Details!.Contains("\"reason\":\"superseded\"", StringComparison.Ordinal));
        audit.ShouldContain(e => e.Action == "cmp.request-rejected" && e.Details!.Contains("unauthenticated", StringComparison.Ordinal) && e.Details!.Contains(serial, StringComparison.Ordinal));
    }

    /// <summary>
    /// SM2 signature protection, which <c>openssl cmp</c> 3.0 cannot make: the genm is assembled
    /// here, signed by <c>openssl pkeyutl</c> with the enrolled SM2 key and the GM/T 0009 default ID,
    /// and the signed genp is checked by openssl with that ID and the key of the CMP protection
    /// certificate first in its extraCerts.
    /// </summary>
    [SkippableFact]
    public async Task Sm2SignedGenm_SignedWithTheDefaultId_GenpSignedByTheCmpProtectionKeyWithTheSameId()
    {
        Curl.RequireInstalled();
        using var client = new OpenSslClient(Server);
        var (person, account, secret) = await AccountAsync(client, "物联网设备辰", "cmp-device-5");
        NewKey(client, "sm2", "EC -pkeyopt ec_paramgen_curve:SM2");
        Cmp(client, "-cmd", "ir", "-newkey", "sm2.key", "-subject", "/C=CN/CN=" + person.Name, "-certout", "sm2.pem", "-ref", account, "-secret", "pass:" + secret,
            "-digest", "sm3", "-mac", "hmacWithSHA256").ExitCode.ShouldBe(0);
        var certificate = ReadCertificate(client, "sm2.pem");
        var body = new PkiBody(PkiBody.TYPE_GEN_MSG, new GenMsgContent(
            new InfoTypeAndValue(new DerObjectIdentifier("1.3.6.1.5.5.7.4.17"))));

        var (status, genp) = await SendSm2SignedAsync(client, "genm", certificate, "sm2.key", body, RandomNumberGenerator.GetBytes(16));

        status.ShouldBe(200);
        genp.Body.Type.ShouldBe(PkiBody.TYPE_GEN_REP, genp.Body.Content.ToString());
        genp.Header.ProtectionAlg.Algorithm.Id.ShouldBe("1.2.156.10197.1.501");
        await File.WriteAllBytesAsync(client.File("genp.tbs"), new ProtectedPart(genp.Header, genp.Body).GetDerEncoded());
        await File.WriteAllBytesAsync(client.File("genp.sig"), genp.Protection.GetOctets());
        await File.WriteAllBytesAsync(client.File("protection.der"), genp.GetExtraCerts()[0].GetDerEncoded());
        OpenSsl.MustRun(client.Path, "x509", "-inform", "DER", "-in", "protection.der", "-pubkey", "-noout", "-out", "protection.pub");
        OpenSsl.Run(client.Path, "pkeyutl", "-verify", "-rawin", "-digest", "sm3", "-pkeyopt", "distid:1234567812345678", "-pubin", "-inkey", "protection.pub",
            "-in", "genp.tbs", "-sigfile", "genp.sig").ExitCode.ShouldBe(0);
        var extensions = OpenSsl.MustRun(client.Path, "x509", "-inform", "DER", "-in", "protection.der", "-noout", "-subject", "-ext", "keyUsage,extendedKeyUsage");
        extensions.ShouldContain("GmPki CMP Protection");
        extensions.ShouldContain("Digital Signature");
    }

    [SkippableFact]
    public async Task OpensslAndCurl_WrongSecretUnknownAccountMalformedDer_ErrorMessagesWithFailInfo_Audited()
    {
        using var client = new OpenSslClient(Server);
        var (person, account, _) = await AccountAsync(client, "物联网设备卯", "cmp-device-4");
        NewKey(client, "k", "SM2");
        string[] ir = ["-cmd", "ir", "-newkey", "k.key", "-subject", "/C=CN/CN=" + person.Name, "-certout", "k.pem", "-digest", "sm3", "-mac", "hmacWithSHA256", "-unprotected_errors"];
        await File.WriteAllBytesAsync(client.File("junk.der"), [0x30, 0x03, 0x02, 0x01]);

        var wrong = Cmp(client, [.. ir, "-ref", account, "-secret", "pass:not-the-secret"]);
        var unknown = Cmp(client, [.. ir, "-ref", "no-such-account", "-secret", "pass:whatever"]);
        var junk = Curl.Run("-H", "Content-Type: application/pkixcmp", "--data-binary", "@" + client.File("junk.der"), "-o", client.File("junk.rsp"), Server.BaseUrl + "/cmp");
        var wrongType = Curl.Run("-H", "Content-Type: application/octet-stream", "--data-binary", "@" + client.File("junk.der"), Server.BaseUrl + "/cmp");

        wrong.ExitCode.ShouldNotBe(0);
        wrong.Output.ShouldContain("received ERROR", customMessage: wrong.Output);
        wrong.Output.ShouldContain("[unauthenticated]");
        wrong.Output.ShouldContain("badMessageCheck");
        unknown.Output.ShouldContain("[unauthenticated]");
        junk.Status.ShouldBe(200);
        var parsed = OpenSsl.MustRun(client.Path, "asn1parse", "-inform", "DER", "-in", "junk.rsp", "-i");
        parsed.ShouldContain("cont [ 23 ]");
        parsed.ShouldContain("[request-invalid]");
        wrongType.Status.ShouldBe(415);
        var audit = await Server.RecentAuditAsync(30);
        audit.ShouldContain(e => e.Action == "cmp.request-rejected" && e.Details!.Contains(account, StringComparison.Ordinal) && e.Details!.Contains("unauthenticated", StringComparison.Ordinal));
        audit.ShouldContain(e => e.Action == "cmp.request-rejected" && e.Details!.Contains("no-such-account", StringComparison.Ordinal));
        audit.ShouldContain(e => e.Action == "cmp.request-rejected" && e.Details!.Contains("unparsed request", StringComparison.Ordinal));
        audit.ShouldContain(e => e.Action == "cmp.request-rejected" && e.Details!.Contains("unsupported-media-type", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task OpensslIrAndRr_TwoPersonRule_WaitingThenPollRepOrRepeatedRrUntilReviewerApproves()
    {
        using var client = new OpenSslClient(Server);
        var organization = await Counter.RegisterAsync(Server.Registrar, Counter.Organization("某市人民政府", "government-department"));
        var staff = Counter.Person("公务员庚", organization);
        const string subject = "/C=CN/O=某市人民政府/OU=办公室/CN=公务员庚";
        var basis = await Counter.PostAsync(Server.Registrar, Counter.New(staff, "government-staff",
            await File.ReadAllTextAsync(client.File(client.MakeRequest("basis", "-algorithm SM2", subject)))));
        var completed = await Counter.ApproveAndCompleteAsync(Server, basis.Result!.Application.Id, staff.IdentityNumber);
        var secret = await CreateAccountAsync("cmp-staff-1", "government-staff", completed.Id);
        NewKey(client, "staff", "SM2");

        var enrolling = Task.Run(() => Cmp(client, "-cmd", "ir", "-newkey", "staff.key", "-subject", subject, "-certout", "staff.pem", "-ref", "cmp-staff-1", "-secret", "pass:" + secret,
            "-digest", "sm3", "-mac", "hmacWithSHA256", "-total_timeout", "120"));
        ApplicationView? pending = null;
        for (var attempt = 0; attempt < 100 && pending is null; attempt++)
        {
            await Task.Delay(200);
            pending = (await Server.Registrar.GetFromJsonAsync<ApplicationPage>("/api/v1/applications?state=awaiting-approval&pageSize=500", Counter.Web))!.Items
                .SingleOrDefault(a => a.CreatedBy == "protocol:cmp:cmp-staff-1");
        }

        pending.ShouldNotBeNull();
        (await Counter.StepAsync(Server.Reviewer, pending.Id, "approval", new ApprovalInput(true, "核实无误，同意。"))).Status.ShouldBe(HttpStatusCode.OK);
        var (code, output) = await enrolling;

        code.ShouldBe(0, output);
        output.ShouldContain("received POLLREP");
        output.ShouldContain("received IP");
        OpenSsl.MustRun(client.Path, "x509", "-in", "staff.pem", "-noout", "-pubkey").ShouldBe(OpenSsl.MustRun(client.Path, "pkey", "-in", "staff.key", "-pubout"));
        (await Server.Registrar.GetFromJsonAsync<ApplicationView>($"/api/v1/applications/{pending.Id}", Counter.Web))!.State.ShouldBe("completed");
        string[] revoke = ["-cmd", "rr", "-oldcert", "staff.pem", "-ref", "cmp-staff-1", "-secret", "pass:" + secret, "-digest", "sm3", "-mac", "hmacWithSHA256"];
        var waiting = Cmp(client, revoke);
        var revocation = (await Server.Registrar.GetFromJsonAsync<ApplicationPage>("/api/v1/applications?state=awaiting-approval&pageSize=500", Counter.Web))!.Items
            .Single(a => a.CreatedBy == "protocol:cmp:cmp-staff-1");
        var again = Cmp(client, revoke);
        (await Counter.StepAsync(Server.Reviewer, revocation.Id, "approval", new ApprovalInput(true, "同意吊销。"))).Status.ShouldBe(HttpStatusCode.OK);
        var revoked = Cmp(client, revoke);

        waiting.ExitCode.ShouldNotBe(0, waiting.Output);
        waiting.Output.ShouldContain("waiting");
        again.ExitCode.ShouldNotBe(0, again.Output);
        revoked.ExitCode.ShouldBe(0, revoked.Output);
        (await Server.Registrar.GetFromJsonAsync<ApplicationView>($"/api/v1/applications/{revocation.Id}", Counter.Web))!.State.ShouldBe("completed");
        (await Server.Registrar.GetFromJsonAsync<ApplicationPage>("/api/v1/applications?state=awaiting-approval&pageSize=500", Counter.Web))!.Items
            .ShouldNotContain(a => a.CreatedBy == "protocol:cmp:cmp-staff-1");
    }

    [SkippableFact]
    public async Task OpensslIr_TwoPersonRule_ServerRestartsWhileTheClientPolls_PollAndCertConfContinueTheStoredTransaction()
    {
        // checkAfter 30 s: the client's next poll comes after the restart (some seconds on a busy machine);
        // -keep_alive 0: a new connection per message, as the restart closes the old ones.
        await using var server = await RunningServer.StartAsync(services: services => services.AddSingleton(new CmpOptions(CheckAfterSeconds: 30)));
        using var client = new OpenSslClient(server);
        var organization = await Counter.RegisterAsync(server.Registrar, Counter.Organization("某县人民政府", "government-department"));
        var staff = Counter.Person("公务员辛", organization);
        const string subject = "/C=CN/O=某县人民政府/OU=办公室/CN=公务员辛";
        var basis = await Counter.PostAsync(server.Registrar, Counter.New(staff, "government-staff",
            await File.ReadAllTextAsync(client.File(client.MakeRequest("basis", "-algorithm SM2", subject)))));
        var completed = await Counter.ApproveAndCompleteAsync(server, basis.Result!.Application.Id, staff.IdentityNumber);
        var secret = await CreateAccountAsync(server, "cmp-staff-2", "government-staff", completed.Id);
        NewKey(client, "staff", "SM2");

        var enrolling = Task.Run(() => Cmp(server, client, ["-cmd", "ir", "-newkey", "staff.key", "-subject", subject, "-certout", "staff.pem", "-ref", "cmp-staff-2",
            "-secret", "pass:" + secret, "-digest", "sm3", "-mac", "hmacWithSHA256", "-total_timeout", "120", "-keep_alive", "0"]));
        var pending = await PendingAsync(server, "protocol:cmp:cmp-staff-2");
        await server.RestartAsync();
        (await Counter.StepAsync(server.Reviewer, pending.Id, "approval", new ApprovalInput(true, "核实无误，同意。"))).Status.ShouldBe(HttpStatusCode.OK);
        var (code, output) = await enrolling;

        code.ShouldBe(0, output);
        output.ShouldContain("received IP");
        output.ShouldContain("received PKICONF");
        OpenSsl.MustRun(client.Path, "x509", "-in", "staff.pem", "-noout", "-pubkey").ShouldBe(OpenSsl.MustRun(client.Path, "pkey", "-in", "staff.key", "-pubout"));
        (await server.RecentAuditAsync(50)).ShouldNotContain(e => e.Action == "cmp.request-rejected");
    }

    /// <summary>The application <paramref name="createdBy"/> opened that awaits approval, once it appears.</summary>
    private static async Task<ApplicationView> PendingAsync(RunningServer server, string createdBy)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            await Task.Delay(200);
            if ((await server.Registrar.GetFromJsonAsync<ApplicationPage>("/api/v1/applications?state=awaiting-approval&pageSize=500", Counter.Web))!.Items
                .SingleOrDefault(a => a.CreatedBy == createdBy) is { } pending)
            {
                return pending;
            }
        }

        throw new TimeoutException($"no application of {createdBy} awaits approval.");
    }

    /// <summary>A person with a certificate from the counter (the basis) and a cmp account on it for the personal profile.</summary>
    private async Task<(SubscriberBody Person, string Account, string Secret)> AccountAsync(OpenSslClient client, string name, string account)
    {
        var person = Counter.Person(name);
        var basis = await Counter.IssueAsync(Server.Registrar, Counter.New(person, "personal",
            await File.ReadAllTextAsync(client.File(client.MakeRequest("basis", "-algorithm SM2", "/C=CN/CN=" + name)))));
        return (person, account, await CreateAccountAsync(account, "personal", basis.Application.Id));
    }

    /// <summary>Creates a cmp account; returns its secret.</summary>
    private Task<string> CreateAccountAsync(string account, string profile, Guid basis) => CreateAccountAsync(Server, account, profile, basis);

    /// <summary>Creates a cmp account on <paramref name="server"/>; returns its secret.</summary>
    private static async Task<string> CreateAccountAsync(RunningServer server, string account, string profile, Guid basis)
    {
        using var response = await server.Registrar.PostAsJsonAsync("/api/v1/protocol-accounts", new ProtocolAccountBody("cmp", account, profile, basis), Counter.Web);
        var raw = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, raw);
        return JsonSerializer.Deserialize<CreatedProtocolAccountView>(raw, Counter.Web)!.Secret;
    }

    /// <summary>
    /// Sends <paramref name="body"/> (transaction <paramref name="transactionId"/>, a fresh senderNonce)
    /// signed by <c>openssl pkeyutl</c> with the SM2 key in <paramref name="keyFile"/> and the GM/T 0009
    /// default ID, <paramref name="certificate"/> first in extraCerts; returns the HTTP status and the answer.
    /// </summary>
    private async Task<(int Status, PkiMessage Answer)> SendSm2SignedAsync(OpenSslClient client, string name, X509CertificateStructure certificate, string keyFile, PkiBody body,
        byte[] transactionId, byte[]? recipNonce = null)
    {
        Curl.RequireInstalled();
        var header = new PkiHeaderBuilder(2, new GeneralName(certificate.Subject), new GeneralName(new X509Name("CN=GmPki")));
        header.SetProtectionAlg(new AlgorithmIdentifier(new DerObjectIdentifier("1.2.156.10197.1.501")));
        header.SetTransactionID(transactionId);
        header.SetSenderNonce(RandomNumberGenerator.GetBytes(16));
        if (recipNonce is not null)
        {
            header.SetRecipNonce(recipNonce);
        }

        var built = header.Build();
        await File.WriteAllBytesAsync(client.File(name + ".tbs"), new ProtectedPart(built, body).GetDerEncoded());
        OpenSsl.MustRun(client.Path, "pkeyutl", "-sign", "-rawin", "-digest", "sm3", "-pkeyopt", "distid:1234567812345678", "-inkey", keyFile, "-in", name + ".tbs", "-out", name + ".sig");
        var message = new PkiMessage(built, body, new DerBitString(await File.ReadAllBytesAsync(client.File(name + ".sig"))), [new CmpCertificate(certificate)]);
        await File.WriteAllBytesAsync(client.File(name + ".der"), message.GetDerEncoded());
        var (status, _) = Curl.Run("-H", "Content-Type: application/pkixcmp", "--data-binary", "@" + client.File(name + ".der"), "-o", client.File(name + ".rsp"), Server.BaseUrl + "/cmp");
        return (status, PkiMessage.GetInstance(await File.ReadAllBytesAsync(client.File(name + ".rsp"))));
    }

    /// <summary>
    /// The CMP protection certificate of <paramref name="server"/> (PEM), as its data directory keeps it.
    /// The client pins it (<c>-srvcert</c>): OpenSSL 3.0 cannot validate an SM2 chain signed with the
    /// GM/T 0009 default ID from a trust anchor, but checks the pinned certificate's keyUsage.
    /// </summary>
    private static string ProtectionCertificatePem(RunningServer server)
    {
        var stored = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Directory.GetFiles(Path.Combine(server.WorkDirectory, "data", "cmp-protection"), "*.json").Single()));
        var base64 = stored.RootElement.GetProperty("Certificate").GetString()!;
        return "-----BEGIN CERTIFICATE-----\n" + string.Join('\n', base64.Chunk(64).Select(c => new string(c))) + "\n-----END CERTIFICATE-----\n";
    }

    /// <summary>The CA chain as PEM blocks, issuing CA first, root last.</summary>
    private async Task<string[]> ChainAsync()
        => (await Server.Client.GetStringAsync("/api/v1/ca/chain")).Split("-----END CERTIFICATE-----", StringSplitOptions.TrimEntries)
            .Where(b => b.Length > 0).Select(b => b + "\n-----END CERTIFICATE-----\n").ToArray();

    /// <summary>The certificate in the PEM file <paramref name="name"/> of the client's directory.</summary>
    private static X509CertificateStructure ReadCertificate(OpenSslClient client, string name)
        => X509CertificateStructure.GetInstance(
            Convert.FromBase64String(string.Concat(File.ReadAllLines(client.File(name)).Where(l => !l.StartsWith("-----", StringComparison.Ordinal)))));

    private static void NewKey(OpenSslClient client, string name, string algorithm)
        => OpenSsl.MustRun(client.Path, ["genpkey", "-algorithm", .. algorithm.Split(' '), "-out", name + ".key"]);

    /// <summary>Runs <c>openssl cmp</c> against the server; returns its exit code and everything it printed.</summary>
    private (int ExitCode, string Output) Cmp(OpenSslClient client, string[] arguments, string path = "/cmp") => Cmp(Server, client, arguments, path);

    /// <summary>Runs <c>openssl cmp</c> against <paramref name="server"/>; returns its exit code and everything it printed.</summary>
    private static (int ExitCode, string Output) Cmp(RunningServer server, OpenSslClient client, string[] arguments, string path = "/cmp")
    {
        var (code, output, error) = OpenSsl.Run(client.Path, ["cmp", "-server", server.BaseUrl + path, "-recipient", "/CN=GmPki", "-msg_timeout", "60", .. arguments]);
        return (code, output + error);
    }

    private (int ExitCode, string Output) Cmp(OpenSslClient client, params string[] arguments) => Cmp(client, arguments, "/cmp");
}
