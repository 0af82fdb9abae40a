using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GmPki.Core.Keys;
using GmPki.Hosting;
using GmPki.Hosting.Keys;
using GmPki.Hosting.Timestamping;
using GmPki.Testing;
using GmPki.Verification.Encoding;
using GmPki.Verification.Signatures;
using Microsoft.Extensions.DependencyInjection;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Asn1.Tsp;

namespace GmPki.Server.Tests;

/// <summary><c>POST /tsa</c> of a running server, driven by openssl ts and curl.</summary>
public class TimestampApiTests(Sm2ServerFixture fixture) : IClassFixture<Sm2ServerFixture>
{
    private static readonly byte[] Document = "某市人民政府办公厅 关于… 的通知"u8.ToArray();

    private RunningServer Server => fixture.Server;

    [SkippableTheory]
    [InlineData(KeyAlgorithm.EcdsaP256, "-sha256")]
    [InlineData(KeyAlgorithm.Rsa2048, "-sha256")]
    [InlineData(KeyAlgorithm.Rsa2048, "-sha1")]
    public async Task Tsa_OpenSslQueryOnEcdsaOrRsaInstallation_OpenSslVerifiesReply(KeyAlgorithm algorithm, string digest)
    {
        OpenSsl.RequireInstalled();
        await using var server = await RunningServer.StartAsync(algorithm);
        using var work = new TempDirectory("gmpki-tsa-");
        await File.WriteAllBytesAsync(work.File("document"), Document);
        OpenSsl.MustRun(work.Path, "ts", "-query", "-data", "document", digest, "-cert", "-out", "q.tsq");
        await SaveChainAsync(server, work);

        var response = await PostAsync(server, await File.ReadAllBytesAsync(work.File("q.tsq")));
        await File.WriteAllBytesAsync(work.File("r.tsr"), await response.Content.ReadAsByteArrayAsync());
        var (code, output, error) = OpenSsl.Run(work.Path, "ts", "-verify", "-in", "r.tsr", "-queryfile", "q.tsq", "-CAfile", "root.pem", "-untrusted", "issuing.pem");
        var text = OpenSsl.MustRun(work.Path, "ts", "-reply", "-in", "r.tsr", "-text");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/timestamp-reply");
        code.ShouldBe(0, output + error);
        output.ShouldContain("Verification: OK");
        text.ShouldContain("Status: Granted.");
        text.ShouldContain("Policy OID: 2.25.54655023470269053948793751655512838928.2.1");
        text.ShouldContain("CN=GmPki Timestamp Authority");
    }

    [SkippableFact]
    public async Task Tsa_CurlPostsSm3Query_GmPkiVerifierAndRawSm2SignatureCheckAccept()
    {
        OpenSsl.RequireInstalled();
        Skip.If(!CurlInstalled(), "curl is not installed (apt-get install curl); curl check skipped.");
        using var work = new TempDirectory("gmpki-tsa-");
        await File.WriteAllBytesAsync(work.File("document"), Document);
        OpenSsl.MustRun(work.Path, "ts", "-query", "-data", "document", "-sm3", "-cert", "-out", "q.tsq");

        var curl = Run(work.Path, "curl", "-sS", "-f", "-H", "Content-Type: application/timestamp-query", "--data-binary", "@q.tsq", "-o", "r.tsr", Server.BaseUrl + "/tsa");
        var token = TimeStampResp.GetInstance(Asn1Object.FromByteArray(await File.ReadAllBytesAsync(work.File("r.tsr")))).TimeStampToken.GetDerEncoded();
        var trust = new TrustSettings { TrustAnchors = [await ChainAsync(Server, 1)], Intermediates = [await ChainAsync(Server, 0)] };
        var report = TimestampTokenVerifier.VerifyData(token, Document, trust, TimeProvider.System);
        var signedData = SignedData.GetInstance(ContentInfo.GetInstance(Asn1Object.FromByteArray(token)).Content);
        var signer = SignerInfo.GetInstance(signedData.SignerInfos[0]);
        await File.WriteAllBytesAsync(work.File("attributes.der"), signer.AuthenticatedAttributes.GetDerEncoded());
        await File.WriteAllBytesAsync(work.File("attributes.sig"), signer.EncryptedDigest.GetOctets());
        await File.WriteAllBytesAsync(work.File("tsa.der"), signedData.Certificates[0].ToAsn1Object().GetDerEncoded());
        OpenSsl.MustRun(work.Path, "x509", "-inform", "DER", "-in", "tsa.der", "-pubkey", "-noout", "-out", "tsa.pub");
        var raw = OpenSsl.Run(work.Path, "pkeyutl", "-verify", "-rawin", "-digest", "sm3", "-pkeyopt", "distid:1234567812345678",
            "-pubin", "-inkey", "tsa.pub", "-in", "attributes.der", "-sigfile", "attributes.sig");

        curl.ExitCode.ShouldBe(0, curl.Error);
        report.Valid.ShouldBeTrue(report.Problem);
        report.Certificate.ShouldNotBeNull().Valid.ShouldBeTrue();
        signer.DigestEncryptionAlgorithm.Algorithm.Id.ShouldBe("1.2.156.10197.1.501");
        raw.ExitCode.ShouldBe(0, raw.Output + raw.Error);
        raw.Output.ShouldContain("Signature Verified Successfully");
    }

    [SkippableFact]
    public async Task Tsa_SuccessiveRequests_SerialsIncreaseAndTokensJournalled()
    {
        OpenSsl.RequireInstalled();
        using var work = new TempDirectory("gmpki-tsa-");
        await File.WriteAllBytesAsync(work.File("document"), Document);
        OpenSsl.MustRun(work.Path, "ts", "-query", "-data", "document", "-sha256", "-out", "q.tsq");
        var query = await File.ReadAllBytesAsync(work.File("q.tsq"));
        var nonce = TimeStampReq.GetInstance(Asn1Object.FromByteArray(query)).Nonce.Value;

        var infos = new List<TstInfo>();
        for (var i = 0; i < 5; i++)
        {
            infos.Add(Info(await (await PostAsync(Server, query)).Content.ReadAsByteArrayAsync()));
        }

        var serials = infos.Select(i => i.SerialNumber.Value.LongValue).ToList();
        serials.ShouldBe(serials.Order().Distinct());
        infos.ShouldAllBe(i => i.Nonce.Value.Equals(nonce));
        var journal = Directory.GetFiles(Path.Combine(Server.WorkDirectory, "data", "tsa-tokens"), "tokens-*.jsonl").SelectMany(File.ReadAllLines)
            .Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var imprint = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Document));
        foreach (var serial in serials)
        {
            journal.ShouldContain(e => e.GetProperty("serial").GetInt64() == serial && e.GetProperty("imprint").GetString() == imprint && e.GetProperty("hash").GetString() == "SHA-256");
        }
    }

    [SkippableFact]
    public async Task IntegratorSample_StaffSignsAndTimestamps_VerificationServiceAcceptsSignatureAndToken()
    {
        using var client = new OpenSslClient(Server);
        var csr = client.MakeRequest("staff", "-algorithm SM2", "/C=CN/O=某市人民政府/OU=办公厅/CN=李四");
        var government = await Counter.RegisterAsync(Server.Registrar, Counter.Organization("某市人民政府", "government-department"));
        (await client.SubmitAsync(csr, "government-staff", Counter.Person("李四", government))).Status.ShouldBe(HttpStatusCode.Created);
        using var anonymous = Server.Authorized(null);

        var cms = await IntegratorSample.SignAndTimestampAsync(
            await File.ReadAllTextAsync(client.File("staff.key")), await File.ReadAllTextAsync(client.File("staff.pem")), Document, anonymous, "/tsa");
        using var verification = await anonymous.PostAsJsonAsync("/api/v1/verification/signature", new { signature = Convert.ToBase64String(cms) });
        var body = JsonDocument.Parse(await verification.Content.ReadAsStringAsync()).RootElement;
        var signer = body.GetProperty("signers")[0];
        var tampered = cms.ToArray();
        tampered[cms.AsSpan().IndexOf(Document) + Document.Length - 1] ^= 1;
        using var refused = await anonymous.PostAsJsonAsync("/api/v1/verification/signature", new { signature = Convert.ToBase64String(tampered) });

        body.GetProperty("valid").GetBoolean().ShouldBeTrue(body.ToString());
        body.GetProperty("contentType").GetString().ShouldBe("1.2.156.10197.6.1.4.2.1");
        signer.GetProperty("signatureAlgorithm").GetString().ShouldBe("SM3withSM2");
        signer.GetProperty("timestamp").GetProperty("valid").GetBoolean().ShouldBeTrue(body.ToString());
        signer.GetProperty("timestamp").GetProperty("authority").GetString().ShouldNotBeNull().ShouldContain("GmPki Timestamp Authority");
        signer.GetProperty("certificate").GetProperty("valid").GetBoolean().ShouldBeTrue();
        var refusal = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        refusal.GetProperty("valid").GetBoolean().ShouldBeFalse();
        refusal.GetProperty("failure").GetString().ShouldBe("content-mismatch");
    }

    [Fact]
    public async Task Tsa_MalformedDer_RejectionBadDataFormatAndAudited()
    {
        var response = await PostAsync(Server, [0x30, 0x03, 0x02, 0x01, 0x01]);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/timestamp-reply");
        var status = TimeStampResp.GetInstance(Asn1Object.FromByteArray(await response.Content.ReadAsByteArrayAsync())).Status;
        status.Status.IntValue.ShouldBe((int)Org.BouncyCastle.Asn1.Cmp.PkiStatus.Rejection);
        status.FailInfo.IntValue.ShouldBe(Org.BouncyCastle.Asn1.Cmp.PkiFailureInfo.BadDataFormat);
        var requestId = response.Headers.GetValues("X-Request-Id").Single();
        var audited = (await Server.RecentAuditAsync(50)).Single(e => e.RequestId == requestId);
        audited.Action.ShouldBe("timestamp.request-rejected");
        audited.Outcome.ShouldBe("rejected");
        audited.Actor.ShouldBe("anonymous");
        audited.Details.ShouldNotBeNull().ShouldContain("\"failure\":\"badDataFormat\"");
    }

    [Fact]
    public async Task Tsa_WrongContentType_415ProblemAndAudited()
    {
        using var anonymous = Server.Authorized(null);
        using var content = new ByteArrayContent([0x30, 0x00]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");

        var response = await anonymous.PostAsync("/tsa", content);

        response.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("code").GetString().ShouldBe("unsupported-media-type");
        problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("application/timestamp-query");
        var requestId = problem.GetProperty("requestId").GetString();
        (await Server.RecentAuditAsync(50)).ShouldContain(e => e.RequestId == requestId && e.Action == "request.rejected");
    }

    [Fact]
    public async Task Tsa_BodyOverLimit_413Problem()
    {
        var response = await PostAsync(Server, new byte[TimestampEndpointsLimit + 1]);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString().ShouldBe("request-too-large");
    }

    [SkippableFact]
    public async Task Stop_AfterConcurrentTokens_WatermarkJustAboveHighestSerialAndSummaryAudited()
    {
        OpenSsl.RequireInstalled();
        await using var server = await RunningServer.StartAsync();
        using var work = new TempDirectory("gmpki-tsa-");
        await File.WriteAllBytesAsync(work.File("document"), Document);
        OpenSsl.MustRun(work.Path, "ts", "-query", "-data", "document", "-sm3", "-out", "q.tsq");
        var query = await File.ReadAllBytesAsync(work.File("q.tsq"));
        var serials = await Task.WhenAll(Enumerable.Range(0, 40).Select(async _ =>
            Info(await (await PostAsync(server, query)).Content.ReadAsByteArrayAsync()).SerialNumber.Value.LongValue));

        await server.Services.GetRequiredService<TimestampService>().StopAsync(CancellationToken.None);

        serials.Distinct().Count().ShouldBe(40);
        (await File.ReadAllTextAsync(Path.Combine(server.WorkDirectory, "data", "tsa-serial"))).Trim().ShouldBe((serials.Max() + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var summary = (await server.RecentAuditAsync(5)).First(e => e.Action == "timestamp.tokens-issued");
        summary.Details.ShouldNotBeNull().ShouldContain("\"count\":40");
        summary.Details.ShouldContain($"\"firstSerial\":{serials.Min()}");
        summary.Details.ShouldContain($"\"lastSerial\":{serials.Max()}");
    }

    [Fact]
    public void TimestampKeys_InstallationWithoutTsaKey_KeyNotFoundNamingCreateKey()
    {
        using var empty = new TempDirectory("gmpki-tsa-");
        var keys = new TimestampKeys(DataDirectory.At(empty.Path), Server.Services.GetRequiredService<IKeyStore>(),
            Server.Services.GetRequiredService<Core.Ledger.IAuthorityRegistry>(), Server.Services.GetRequiredService<Core.Ledger.IIssuanceLedger>(), TimeProvider.System);

        var error = Should.Throw<Core.Errors.GmPkiException>(() => keys.Open());

        keys.Exists.ShouldBeFalse();
        error.Error.ShouldBe(Core.Errors.Errors.KeyNotFound);
        error.Detail.ShouldContain("gmpki tsa create-key");
    }

    private const long TimestampEndpointsLimit = 16 * 1024;

    private static async Task<HttpResponseMessage> PostAsync(RunningServer server, byte[] body)
    {
        using var anonymous = server.Authorized(null);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/timestamp-query");
        var response = await anonymous.PostAsync("/tsa", content);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static TstInfo Info(byte[] response)
    {
        var signedData = SignedData.GetInstance(TimeStampResp.GetInstance(Asn1Object.FromByteArray(response)).TimeStampToken.Content);
        return TstInfo.GetInstance(Asn1Object.FromByteArray(Asn1OctetString.GetInstance(signedData.EncapContentInfo.Content).GetOctets()));
    }

    /// <summary>The installation's CA certificate at <paramref name="index"/> of <c>/api/v1/ca/chain</c> (0 issuing, 1 root), DER.</summary>
    private static async Task<byte[]> ChainAsync(RunningServer server, int index)
    {
        using var anonymous = server.Authorized(null);
        return PkixEncoding.Decode(await anonymous.GetStringAsync("/api/v1/ca/chain"), PkixEncoding.Certificate)[index];
    }

    private static async Task SaveChainAsync(RunningServer server, TempDirectory work)
    {
        await File.WriteAllTextAsync(work.File("issuing.pem"), Issuance.Formats.CertificateEncodings.ToPem([await ChainAsync(server, 0)]));
        await File.WriteAllTextAsync(work.File("root.pem"), Issuance.Formats.CertificateEncodings.ToPem([await ChainAsync(server, 1)]));
    }

    private static bool CurlInstalled() => Run(null, "curl", "--version").ExitCode == 0;

    private static (int ExitCode, string Output, string Error) Run(string? directory, string file, params string[] arguments)
    {
        try
        {
            var info = new System.Diagnostics.ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory ?? "" };
            foreach (var argument in arguments)
            {
                info.ArgumentList.Add(argument);
            }

            using var process = System.Diagnostics.Process.Start(info)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output.Result, error);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, "", e.Message);
        }
    }
}
