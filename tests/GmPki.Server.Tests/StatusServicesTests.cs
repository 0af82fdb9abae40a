using System.Net;
using GmPki.Core.Keys;
using GmPki.Testing;

namespace GmPki.Server.Tests;

/// <summary>One ECDSA P-256 server shared by the tests of a class (openssl verifies ECDSA CRLs and OCSP responses end to end).</summary>
public sealed class EcdsaServerFixture : IAsyncLifetime
{
    public RunningServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await RunningServer.StartAsync(KeyAlgorithm.EcdsaP256);

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>CRLs and OCSP of an ECDSA hierarchy, checked by openssl.</summary>
public class StatusServicesTests(EcdsaServerFixture fixture) : IClassFixture<EcdsaServerFixture>
{
    private const string EcKey = "-algorithm EC -pkeyopt ec_paramgen_curve:P-256";

    private RunningServer Server => fixture.Server;

    [SkippableFact]
    public async Task Crl_AfterRevocation_ListsTheCertificateAndOpenSslVerifyRejectsIt()
    {
        OpenSsl.RequireInstalled();
        using var peer = new StatusPeer(Server);
        var revoked = await peer.IssueAsync("revoked", EcKey);
        var url = peer.CrlUrlOf("revoked.pem");

        await peer.ActAsync("revoke", revoked, "keyCompromise");
        using var response = await peer.WaitForCrlAsync(url, "shard.crl", crl => StatusPeer.Lists(crl, revoked.Serial));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pkix-crl");
        response.Headers.CacheControl!.Public.ShouldBeTrue();
        response.Headers.CacheControl.MaxAge.ShouldNotBeNull();
        response.Headers.ETag.ShouldNotBeNull();
        response.Content.Headers.LastModified.ShouldNotBeNull();
        response.Content.Headers.Expires.ShouldNotBeNull();
        var text = OpenSsl.MustRun(peer.Path, "crl", "-inform", "DER", "-in", "shard.crl", "-text", "-noout", "-CAfile", "issuing.pem");
        text.ShouldContain("X509v3 CRL Number");
        text.ShouldContain("X509v3 Issuing Distribution Point: critical");
        text.ShouldContain(url);
        text.ShouldContain("Key Compromise");
        text.ShouldContain(revoked.Serial.ToUpperInvariant());
        OpenSsl.MustRun(peer.Path, "crl", "-inform", "DER", "-in", "shard.crl", "-out", "shard.pem");
        var verify = OpenSsl.Run(peer.Path, "verify", "-crl_check", "-CAfile", "root.pem", "-untrusted", "issuing.pem", "-CRLfile", "shard.pem", "revoked.pem");
        verify.ExitCode.ShouldNotBe(0);
        (verify.Output + verify.Error).ShouldContain("certificate revoked");
    }

    [SkippableFact]
    public async Task Crl_GoodCertificate_OpenSslVerifyWithCrlCheckPasses()
    {
        OpenSsl.RequireInstalled();
        using var peer = new StatusPeer(Server);
        var good = await peer.IssueAsync("good", EcKey);

        using var response = await peer.WaitForCrlAsync(peer.CrlUrlOf("good.pem"), "shard.crl", _ => true);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        OpenSsl.MustRun(peer.Path, "crl", "-inform", "DER", "-in", "shard.crl", "-out", "shard.pem");
        var verify = OpenSsl.Run(peer.Path, "verify", "-crl_check", "-CAfile", "root.pem", "-untrusted", "issuing.pem", "-CRLfile", "shard.pem", "good.pem");
        verify.ExitCode.ShouldBe(0, verify.Output + verify.Error);
        good.Serial.ShouldNotBeEmpty();
    }

    [SkippableFact]
    public async Task Ocsp_OpenSsl_GoodThenRevokedWithTimeAndReason()
    {
        OpenSsl.RequireInstalled();
        using var peer = new StatusPeer(Server);
        var certificate = await peer.IssueAsync("holder", EcKey);

        var good = peer.Ocsp("holder.pem");
        await peer.ActAsync("revoke", certificate, "keyCompromise");
        var revoked = await peer.WaitForOcspAsync("holder.pem", "holder.pem: revoked");

        good.ExitCode.ShouldBe(0, good.Output);
        good.Output.ShouldContain("Response verify OK");
        good.Output.ShouldContain("holder.pem: good");
        good.Output.ShouldContain("OCSP Nonce");
        revoked.Output.ShouldContain("Response verify OK");
        revoked.Output.ShouldContain("holder.pem: revoked");
        revoked.Output.ShouldContain("Reason: keyCompromise");
        revoked.Output.ShouldContain("Revocation Time:");
    }

    [SkippableFact]
    public async Task Ocsp_WithoutNonce_PreSignedResponseVerifies()
    {
        OpenSsl.RequireInstalled();
        using var peer = new StatusPeer(Server);
        await peer.IssueAsync("presigned", EcKey);

        var first = peer.Ocsp("presigned.pem", "-no_nonce");
        var second = peer.Ocsp("presigned.pem", "-no_nonce");

        second.ExitCode.ShouldBe(0, second.Output);
        second.Output.ShouldContain("Response verify OK");
        second.Output.ShouldContain("presigned.pem: good");
        Produced(second.Output).ShouldBe(Produced(first.Output));
    }

    [SkippableFact]
    public async Task Ocsp_UnknownSerialAndForeignIssuer_UnknownAndUnauthorized()
    {
        OpenSsl.RequireInstalled();
        using var peer = new StatusPeer(Server);
        await peer.IssueAsync("someone", EcKey);
        using var foreign = new OpenSslPki("ec");

        var unknown = OpenSsl.Run(peer.Path, "ocsp", "-issuer", "issuing.pem", "-serial", "0x4242424242", "-url", Server.BaseUrl + "/ocsp",
            "-CAfile", "root.pem", "-verify_other", "issuing.pem");
        var unauthorized = OpenSsl.Run(peer.Path, "ocsp", "-issuer", foreign.PathOf("intermediate.pem"), "-serial", "0x4242", "-url", Server.BaseUrl + "/ocsp", "-noverify");

        unknown.ExitCode.ShouldBe(0, unknown.Error);
        unknown.Output.ShouldContain("0x4242424242: unknown");
        (unauthorized.Output + unauthorized.Error).ShouldContain("unauthorized");
        (await Server.RecentAuditAsync(50)).ShouldContain(e => e.Action == "ocsp.request-rejected" && e.Details!.Contains("ocsp-unauthorized"));
    }

    [SkippableFact]
    public async Task Ocsp_GnuTlsOcspTool_GoodWithNonceAndVerifiedResponse()
    {
        OpenSsl.RequireInstalled();
        OcspTool.RequireInstalled();
        using var peer = new StatusPeer(Server);
        await peer.IssueAsync("gnutls", EcKey);

        var (code, output) = OcspTool.Run("--ask=" + Server.BaseUrl + "/ocsp", "--load-issuer", peer.File("issuing.pem"), "--load-cert", peer.File("gnutls.pem"),
            "--nonce", "--outfile", peer.File("gnutls.der"));
        var verify = OcspTool.Run("--verify-response", "--load-response", peer.File("gnutls.der"), "--load-trust", peer.File("issuing.pem"));

        code.ShouldBe(0, output);
        output.ShouldContain("Certificate Status: good");
        output.ShouldContain("Nonce:");
        verify.ExitCode.ShouldBe(0, verify.Output);
        verify.Output.ShouldContain("Verifying OCSP Response: Success");
    }

    private static string Produced(string output) => output.Split('\n').First(l => l.Contains("Produced At", StringComparison.Ordinal));
}

/// <summary>CRLs and OCSP of the SM2 hierarchy: openssl parses them, and checks the SM2 signatures with <c>pkeyutl -rawin</c> (OpenSSL 3.0 cannot pass the SM2 ID to CRL verification).</summary>
public class Sm2StatusServicesTests(Sm2ServerFixture fixture) : IClassFixture<Sm2ServerFixture>
{
    private RunningServer Server => fixture.Server;

    [SkippableFact]
    public async Task Crl_Sm2_SignatureVerifiesWithPkeyutlAndDeltaFollows()
    {
        OpenSsl.RequireInstalled();
        using var peer = new StatusPeer(Server);
        var held = await peer.IssueAsync("held", "-algorithm SM2");
        var url = peer.CrlUrlOf("held.pem");

        await peer.ActAsync("suspend", held, "certificateHold");
        using var complete = await peer.WaitForCrlAsync(url, "complete.crl", crl => StatusPeer.Lists(crl, held.Serial));
        await peer.ActAsync("resume", held);
        using var delta = await peer.WaitForCrlAsync(url.Replace(".crl", "-delta.crl", StringComparison.Ordinal), "delta.crl", crl => StatusPeer.Lists(crl, held.Serial)
            && crl.TbsCertList.Extensions.GetExtension(Org.BouncyCastle.Asn1.X509.X509Extensions.DeltaCrlIndicator) is not null
            && crl.GetRevokedCertificateEnumeration().Cast<Org.BouncyCastle.Asn1.X509.CrlEntry>().Any(e => e.Extensions?.GetExtension(Org.BouncyCastle.Asn1.X509.X509Extensions.ReasonCode) is { } r
                && r.GetParsedValue().ToString() == "8"));

        var text = OpenSsl.MustRun(peer.Path, "crl", "-inform", "DER", "-in", "complete.crl", "-text", "-noout");
        text.ShouldContain("Signature Algorithm: SM2-with-SM3");
        text.ShouldContain("Certificate Hold");
        text.ShouldContain("Freshest CRL");
        var deltaText = OpenSsl.MustRun(peer.Path, "crl", "-inform", "DER", "-in", "delta.crl", "-text", "-noout");
        deltaText.ShouldContain("Delta CRL Indicator: critical");
        deltaText.ShouldContain("Remove From CRL");
        foreach (var file in new[] { "complete.crl", "delta.crl" })
        {
            var crl = Org.BouncyCastle.Asn1.X509.CertificateList.GetInstance(await File.ReadAllBytesAsync(peer.File(file)));
            await File.WriteAllBytesAsync(peer.File("crl.tbs"), crl.TbsCertList.GetDerEncoded());
            await File.WriteAllBytesAsync(peer.File("crl.sig"), crl.Signature.GetOctets());
            OpenSsl.MustRun(peer.Path, "x509", "-in", "issuing.pem", "-pubkey", "-noout", "-out", "issuing.pub");
            var verify = OpenSsl.Run(peer.Path, "pkeyutl", "-verify", "-rawin", "-digest", "sm3", "-pkeyopt", "distid:1234567812345678",
                "-pubin", "-inkey", "issuing.pub", "-in", "crl.tbs", "-sigfile", "crl.sig");
            (verify.Output + verify.Error).ShouldContain("Signature Verified Successfully");
        }
    }

    [SkippableFact]
    public async Task Ocsp_Sm2_OpenSslReadsGoodAndTheResponderSignatureVerifies()
    {
        OpenSsl.RequireInstalled();
        using var peer = new StatusPeer(Server);
        await peer.IssueAsync("sm2holder", "-algorithm SM2");

        var result = peer.Ocsp("sm2holder.pem", "-respout", "response.der");

        result.Output.ShouldContain("sm2holder.pem: good", customMessage: result.Output);
        // OpenSSL 3.0's ocsp cannot pass the SM2 ID, so it reports "Response Verify Failure"; pkeyutl checks the signature below.
        result.Output.ShouldContain("Signature Algorithm: SM2-with-SM3");
        result.Output.ShouldContain("OCSP Signing");
        result.Output.ShouldContain("OCSP No Check");
        var basic = Org.BouncyCastle.Asn1.Ocsp.BasicOcspResponse.GetInstance(Org.BouncyCastle.Asn1.Asn1Object.FromByteArray(
            Org.BouncyCastle.Asn1.Ocsp.OcspResponse.GetInstance(Org.BouncyCastle.Asn1.Asn1Object.FromByteArray(await File.ReadAllBytesAsync(peer.File("response.der")))).ResponseBytes.Response.GetOctets()));
        await File.WriteAllBytesAsync(peer.File("responder.der"), basic.Certs[0].GetDerEncoded());
        await File.WriteAllBytesAsync(peer.File("response.tbs"), basic.TbsResponseData.GetDerEncoded());
        await File.WriteAllBytesAsync(peer.File("response.sig"), basic.Signature.GetOctets());
        OpenSsl.MustRun(peer.Path, "x509", "-inform", "DER", "-in", "responder.der", "-pubkey", "-noout", "-out", "responder.pub");
        var verify = OpenSsl.Run(peer.Path, "pkeyutl", "-verify", "-rawin", "-digest", "sm3", "-pkeyopt", "distid:1234567812345678",
            "-pubin", "-inkey", "responder.pub", "-in", "response.tbs", "-sigfile", "response.sig");
        (verify.Output + verify.Error).ShouldContain("Signature Verified Successfully");
    }
}

/// <summary>The status endpoints' HTTP behaviour: GET requests, caching headers, HTTP/1.0, refusals and their audit records.</summary>
public class StatusHttpTests(EcdsaServerFixture fixture) : IClassFixture<EcdsaServerFixture>
{
    private RunningServer Server => fixture.Server;

    [SkippableFact]
    public async Task OcspGet_Sm3CertId_GoodWithRfc5019CachingHeaders()
    {
        OpenSsl.RequireInstalled();
        using var peer = new StatusPeer(Server);
        var certificate = await peer.IssueAsync("getter", "-algorithm EC -pkeyopt ec_paramgen_curve:P-256");
        var request = StatusRequests.Build(peer.File("issuing.pem"), certificate.Serial, "1.2.156.10197.1.401");
        using var anonymous = Server.Authorized(null);

        using var response = await anonymous.GetAsync("/ocsp/" + Uri.EscapeDataString(Convert.ToBase64String(request)));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/ocsp-response");
        response.Headers.CacheControl!.MaxAge!.Value.ShouldBeGreaterThan(TimeSpan.Zero);
        response.Content.Headers.LastModified.ShouldNotBeNull();
        response.Content.Headers.Expires.ShouldNotBeNull();
        var single = StatusRequests.Single(await response.Content.ReadAsByteArrayAsync());
        single.CertStatus.TagNo.ShouldBe(0);
        single.CertId.HashAlgorithm.Algorithm.Id.ShouldBe("1.2.156.10197.1.401");
    }

    [Fact]
    public async Task OcspPost_Garbage_MalformedRequestAndAudited()
    {
        using var anonymous = Server.Authorized(null);
        using var content = new ByteArrayContent([0x30, 0x03, 0x01, 0x01]);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/ocsp-request");

        using var response = await anonymous.PostAsync("/ocsp", content);
        using var oversized = new ByteArrayContent(new byte[20_000]);
        oversized.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/ocsp-request");
        using var tooLarge = await anonymous.PostAsync("/ocsp", oversized);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        StatusRequests.ResponseStatus(await response.Content.ReadAsByteArrayAsync()).ShouldBe(1);
        StatusRequests.ResponseStatus(await tooLarge.Content.ReadAsByteArrayAsync()).ShouldBe(1);
        (await Server.RecentAuditAsync(50)).ShouldContain(e => e.Action == "ocsp.request-rejected" && e.Outcome == "rejected" && e.Details!.Contains("ocsp-malformed-request"));
    }

    [SkippableFact]
    public async Task OcspPost_Http10WithPortlessHost_Answered()
    {
        OpenSsl.RequireInstalled();
        using var peer = new StatusPeer(Server);
        var certificate = await peer.IssueAsync("http10", "-algorithm EC -pkeyopt ec_paramgen_curve:P-256");
        var request = StatusRequests.Build(peer.File("issuing.pem"), certificate.Serial, "1.3.14.3.2.26");
        var uri = new Uri(Server.BaseUrl);
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(uri.Host, uri.Port);
        await using var stream = tcp.GetStream();

        var head = $"POST /ocsp HTTP/1.0\r\nHost: {uri.Host}\r\nContent-Type: application/ocsp-request\r\nContent-Length: {request.Length}\r\n\r\n";
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(request);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);

        var raw = buffer.ToArray();
        var text = System.Text.Encoding.ASCII.GetString(raw);
        text.ShouldStartWith("HTTP/1.1 200");
        text.ShouldContain("Content-Type: application/ocsp-response");
        var body = raw[(text.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
        StatusRequests.Single(body).CertStatus.TagNo.ShouldBe(0);
    }

    [SkippableFact]
    public async Task Crl_IfNoneMatchTheCurrentNumber_NotModified()
    {
        OpenSsl.RequireInstalled();
        using var peer = new StatusPeer(Server);
        await peer.IssueAsync("cached", "-algorithm EC -pkeyopt ec_paramgen_curve:P-256");
        var url = peer.CrlUrlOf("cached.pem");
        using var first = await peer.WaitForCrlAsync(url, "cached.crl", _ => true);
        using var anonymous = Server.Authorized(null);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var second = await anonymous.SendAsync(request);
        using var missing = await anonymous.GetAsync("/crl/issuing/99.crl");

        second.StatusCode.ShouldBe(HttpStatusCode.NotModified);
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await missing.Content.ReadAsStringAsync()).ShouldContain("crl-not-found");
    }
}
