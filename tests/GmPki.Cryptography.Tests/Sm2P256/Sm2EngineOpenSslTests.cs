using GmPki.Cryptography.Sm.P256;
using GmPki.Cryptography.Sm;
using GmPki.Testing;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.X509;

namespace GmPki.Cryptography.Tests.Sm2P256;

public class Sm2EngineOpenSslTests
{
    [SkippableTheory]
    [InlineData(true)]
    [InlineData(false)]
    public void Sign_EngineSignature_VerifiedByOpenSsl(bool defaultId)
    {
        OpenSsl.RequireInstalled();
        using var directory = new TempDirectory();
        var d = new byte[32];
        System.Security.Cryptography.RandomNumberGenerator.Fill(d);
        d[0] &= 0x7F;
        var key = Sm2PrivateKey.Create(d);
        var point = Sm2EngineTests.PointOf(key);
        var spki = SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(new ECPublicKeyParameters("EC", point, GMObjectIdentifiers.sm2p256v1)).GetDerEncoded();
        File.WriteAllText(directory.File("pub.pem"), System.Security.Cryptography.PemEncoding.WriteString("PUBLIC KEY", spki));
        var message = "国密 SM2 签名互操作"u8.ToArray();
        File.WriteAllBytes(directory.File("msg"), message);
        var id = defaultId ? Sm2UserId.Default.Span : Sm2UserId.Empty.Span;
        File.WriteAllBytes(directory.File("sig"), Sm2Engine.Sign(key, Sm2BouncyCastleBridge.Digest(Sm2.ComputeZ(point, id), message)));
        string[] verify = ["pkeyutl", "-verify", "-rawin", "-digest", "sm3", "-pubin", "-inkey", "pub.pem", "-in", "msg", "-sigfile", "sig"];
        string[] distId = defaultId ? ["-pkeyopt", "distid:" + Sm2UserId.DefaultText] : [];

        OpenSsl.MustRun(directory.Path, [.. verify, .. distId]).ShouldContain("Signature Verified Successfully");
        OpenSsl.Run(directory.Path, [.. verify, "-pkeyopt", "distid:other"]).ExitCode.ShouldNotBe(0);
    }

    [SkippableFact]
    public void Verify_OpenSslSignatures_Accepted()
    {
        OpenSsl.RequireInstalled();
        using var directory = new TempDirectory();
        OpenSsl.MustRun(directory.Path, "genpkey", "-algorithm", "SM2", "-out", "key.pem");
        OpenSsl.MustRun(directory.Path, "pkey", "-in", "key.pem", "-pubout", "-outform", "DER", "-out", "pub.der");
        var spki = File.ReadAllBytes(directory.File("pub.der"));
        var publicKey = spki[^65..];
        publicKey[0].ShouldBe((byte)0x04);
        var point = Sm2TestMath.Curve.Curve.CreatePoint(
            new Org.BouncyCastle.Math.BigInteger(1, publicKey[1..33]), new Org.BouncyCastle.Math.BigInteger(1, publicKey[33..]));

        for (var i = 0; i < 5; i++)
        {
            var message = System.Text.Encoding.UTF8.GetBytes($"message {i}");
            File.WriteAllBytes(directory.File("msg"), message);
            OpenSsl.MustRun(directory.Path, "pkeyutl", "-sign", "-rawin", "-digest", "sm3", "-inkey", "key.pem", "-in", "msg",
                "-out", "sig", "-pkeyopt", "distid:" + Sm2UserId.DefaultText);
            var signature = File.ReadAllBytes(directory.File("sig"));
            var e = Sm2BouncyCastleBridge.Digest(Sm2.ComputeZ(point, Sm2UserId.Default.Span), message);

            Sm2Engine.Verify(publicKey.AsSpan(1, 32), publicKey.AsSpan(33), e, signature).ShouldBeTrue();
            var other = Sm2BouncyCastleBridge.Digest(Sm2.ComputeZ(point, Sm2UserId.Empty.Span), message);
            Sm2Engine.Verify(publicKey.AsSpan(1, 32), publicKey.AsSpan(33), other, signature).ShouldBeFalse();
        }
    }
}
