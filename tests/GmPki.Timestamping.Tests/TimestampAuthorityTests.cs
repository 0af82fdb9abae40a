using GmPki.Testing;
using GmPki.Verification.Signatures;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Asn1.Tsp;

namespace GmPki.Timestamping.Tests;

public class TimestampAuthorityTests
{
    private static readonly byte[] Data = "政务文件 2026-11-22"u8.ToArray();

    [SkippableTheory]
    [InlineData("ec", "-sha256")]
    [InlineData("rsa", "-sha256")]
    [InlineData("ec", "-sha1")]
    [InlineData("rsa", "-sha512")]
    [InlineData("ec", "-sm3")]
    public void Respond_OpenSslQueryWithCertReq_OpenSslVerifiesReplyAgainstQuery(string algorithm, string digest)
    {
        using var tsa = new TestTsa(algorithm);
        tsa.Query(Data, digest, "-cert");

        var result = tsa.Authority.Respond(File.ReadAllBytes(tsa.Pki.PathOf("request.tsq")));
        File.WriteAllBytes(tsa.Pki.PathOf("reply.tsr"), result.Response);
        var (code, output, error) = OpenSsl.Run(tsa.Pki.Directory, "ts", "-verify", "-queryfile", "request.tsq", "-in", "reply.tsr", "-CAfile", "root.pem", "-untrusted", "intermediate.pem");
        var text = OpenSsl.MustRun(tsa.Pki.Directory, "ts", "-reply", "-in", "reply.tsr", "-text");

        result.Granted.ShouldBeTrue(result.Refusal);
        code.ShouldBe(0, output + error);
        output.ShouldContain("Verification: OK");
        text.ShouldContain("Policy OID: " + TimestampPolicy.DefaultPolicyOid);
        text.ShouldContain("Ordering: yes");
        text.ShouldContain("Accuracy: 0x01 seconds, unspecified millis, unspecified micros");
        text.ShouldContain("TSA: DirName:/C=CN/O=GmPki Test/CN=Test TSA");
    }

    [SkippableFact]
    public void Respond_DataVerifiedByOpenSsl_AndOtherDataRefused()
    {
        using var tsa = new TestTsa("ec");
        File.WriteAllBytes(tsa.Pki.PathOf("reply.tsr"), tsa.Authority.Respond(tsa.Query(Data, "-sha256", "-cert")).Response);
        File.WriteAllBytes(tsa.Pki.PathOf("other"), [.. Data, 0]);

        var good = OpenSsl.Run(tsa.Pki.Directory, "ts", "-verify", "-data", "data", "-in", "reply.tsr", "-CAfile", "root.pem", "-untrusted", "intermediate.pem");
        var bad = OpenSsl.Run(tsa.Pki.Directory, "ts", "-verify", "-data", "other", "-in", "reply.tsr", "-CAfile", "root.pem", "-untrusted", "intermediate.pem");

        good.ExitCode.ShouldBe(0, good.Output + good.Error);
        bad.ExitCode.ShouldNotBe(0);
        (bad.Output + bad.Error).ShouldContain("message imprint mismatch");
    }

    [SkippableFact]
    public void Respond_NonceWithoutCertReq_NonceEchoedNoCertificateOpenSslVerifiesWithTsaCertificate()
    {
        using var tsa = new TestTsa("ec");
        var request = tsa.Query(Data, "-sha256");
        var nonce = TimeStampReq.GetInstance(Asn1Object.FromByteArray(request)).Nonce;

        var response = tsa.Authority.Respond(request).Response;
        File.WriteAllBytes(tsa.Pki.PathOf("reply.tsr"), response);
        File.WriteAllText(tsa.Pki.PathOf("untrusted.pem"), File.ReadAllText(tsa.Pki.PathOf("intermediate.pem")) + File.ReadAllText(tsa.Pki.PathOf("tsa.pem")));
        var (code, output, error) = OpenSsl.Run(tsa.Pki.Directory, "ts", "-verify", "-queryfile", "request.tsq", "-in", "reply.tsr", "-CAfile", "root.pem", "-untrusted", "untrusted.pem");

        code.ShouldBe(0, output + error);
        nonce.ShouldNotBeNull();
        Tokens.Read(response).Info.Nonce.ShouldBe(nonce);
        Tokens.Read(response).SignedData.Certificates.ShouldBeNull();
    }

    [SkippableFact]
    public void Respond_NoNonce_TokenHasNoNonce()
    {
        using var tsa = new TestTsa("ec");

        var response = tsa.Authority.Respond(tsa.Query(Data, "-sha256", "-no_nonce")).Response;

        Tokens.Read(response).Info.Nonce.ShouldBeNull();
    }

    [SkippableFact]
    public void Respond_Sm2Tsa_GmPkiVerifierAcceptsAndOpenSslChecksRawSm2Signature()
    {
        using var tsa = new TestTsa("sm2");
        var request = tsa.Query(Data, "-sm3", "-cert");

        var response = tsa.Authority.Respond(request).Response;
        var token = Tokens.Token(response);
        var report = TimestampTokenVerifier.VerifyData(token, Data, tsa.Trust, TimeProvider.System);
        var signer = SignerInfo.GetInstance(Tokens.Read(response).SignedData.SignerInfos[0]);
        File.WriteAllBytes(tsa.Pki.PathOf("attributes.der"), signer.AuthenticatedAttributes.GetDerEncoded());
        File.WriteAllBytes(tsa.Pki.PathOf("attributes.sig"), signer.EncryptedDigest.GetOctets());
        OpenSsl.MustRun(tsa.Pki.Directory, "x509", "-in", "tsa.pem", "-pubkey", "-noout", "-out", "tsa.pub");
        var (code, output, error) = OpenSsl.Run(tsa.Pki.Directory, "pkeyutl", "-verify", "-rawin", "-digest", "sm3", "-pkeyopt", "distid:1234567812345678",
            "-pubin", "-inkey", "tsa.pub", "-in", "attributes.der", "-sigfile", "attributes.sig");
        var otherId = OpenSsl.Run(tsa.Pki.Directory, "pkeyutl", "-verify", "-rawin", "-digest", "sm3", "-pkeyopt", "distid:1234567812345679",
            "-pubin", "-inkey", "tsa.pub", "-in", "attributes.der", "-sigfile", "attributes.sig");

        report.Valid.ShouldBeTrue(report.Problem);
        report.Time.ShouldNotBeNull().ShouldBe(tsa.Clock.Now.UtcDateTime, TimeSpan.FromMilliseconds(1));
        report.Policy.ShouldBe(TimestampPolicy.DefaultPolicyOid);
        report.Certificate.ShouldNotBeNull().Valid.ShouldBeTrue();
        signer.DigestAlgorithm.Algorithm.Id.ShouldBe("1.2.156.10197.1.401");
        signer.DigestEncryptionAlgorithm.Algorithm.Id.ShouldBe("1.2.156.10197.1.501");
        code.ShouldBe(0, output + error);
        output.ShouldContain("Signature Verified Successfully");
        otherId.ExitCode.ShouldNotBe(0);
        TimestampTokenVerifier.VerifyData(token, [.. Data, 0], tsa.Trust, TimeProvider.System).Valid.ShouldBeFalse();
    }

    [SkippableFact]
    public void Respond_AccuracyAndNoOrdering_WrittenAsConfigured()
    {
        using var tsa = new TestTsa("ec");
        var authority = tsa.Restart(new TimestampPolicy("1.2.156.1.2.3", 1500, Ordering: false));

        var info = Tokens.Read(authority.Respond(tsa.Query(Data, "-sha256", "-tspolicy", "1.2.156.1.2.3")).Response).Info;

        info.Policy.Id.ShouldBe("1.2.156.1.2.3");
        info.Accuracy.Seconds.Value.IntValue.ShouldBe(1);
        info.Accuracy.Millis.Value.IntValue.ShouldBe(500);
        info.Ordering.IsTrue.ShouldBeFalse();
    }

    [SkippableFact]
    public void Constructor_CertificateWithoutTimestampingPurposeOrForOtherKey_Refused()
    {
        using var tsa = new TestTsa("ec");
        tsa.Pki.Issue("signer", "/C=CN/CN=Not a TSA", extensions: ["extendedKeyUsage = timeStamping"]);
        OpenSsl.MustRun(tsa.Pki.Directory, "x509", "-req", "-in", "tsa.csr", "-CA", "intermediate.pem", "-CAkey", "intermediate.key", "-set_serial", "99", "-days", "1",
            "-extfile", "openssl.cnf", "-extensions", "ext_signer", "-out", "tsa-noncritical.pem");
        var otherKey = Certificate(tsa, "signer.pem");
        var nonCritical = Certificate(tsa, "tsa-noncritical.pem");
        var policy = new TimestampPolicy(TimestampPolicy.DefaultPolicyOid);

        Should.Throw<ArgumentException>(() => new TimestampAuthority(tsa.Key, otherKey, policy, tsa.Watermark, tsa.Clock)).Message.ShouldContain("not for the TSA key");
        Should.Throw<ArgumentException>(() => new TimestampAuthority(tsa.Key, nonCritical, policy, tsa.Watermark, tsa.Clock)).Message.ShouldContain("critical extKeyUsage id-kp-timeStamping");
        Should.Throw<ArgumentOutOfRangeException>(() => tsa.Restart(policy with { AccuracyMilliseconds = 0 }));
        Should.Throw<ArgumentException>(() => tsa.Restart(policy with { PolicyOid = "not an oid" })).Message.ShouldContain("not a dotted OID");
    }

    private static byte[] Certificate(TestTsa tsa, string file)
        => Verification.Encoding.PkixEncoding.Decode(File.ReadAllBytes(tsa.Pki.PathOf(file)), Verification.Encoding.PkixEncoding.Certificate)[0];
}
