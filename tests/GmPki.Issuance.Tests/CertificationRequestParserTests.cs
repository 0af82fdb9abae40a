using System.Text;
using GmPki.Core.Errors;
using GmPki.Core.Keys;
using GmPki.Core.Profiles;
using GmPki.Cryptography.Keys;
using GmPki.Cryptography.Sm;
using GmPki.Issuance.Requests;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;

namespace GmPki.Issuance.Tests;

public class CertificationRequestParserTests
{
    [Fact]
    public void Parse_Sm2SignedWithDefaultId_ReportsDefaultId()
    {
        var request = CertificationRequestParser.Parse(Csrs.Create(EphemeralKeys.Generate(KeyAlgorithm.Sm2), "CN=张三,O=某单位,C=CN"));

        request.Sm2ProofId.ShouldBe("default");
        request.PublicKey.Algorithm.ShouldBe(KeyAlgorithm.Sm2);
        request.SignatureAlgorithm.ShouldBe("SM3withSM2");
        request.Subject.Select(a => (a.Attribute.ShortName, a.Value)).ShouldBe([("C", "CN"), ("O", "某单位"), ("CN", "张三")]); // DER order
    }

    [Fact]
    public void Parse_Sm2SignedWithEmptyIdAsOpenSslDoes_ReportsEmptyId()
    {
        var key = EphemeralKeys.Generate(KeyAlgorithm.Sm2, Sm2UserId.Empty);

        CertificationRequestParser.Parse(Csrs.Create(key, "CN=x")).Sm2ProofId.ShouldBe("empty");
    }

    [Fact]
    public void Parse_Sm2SignedWithOtherId_BadSignature()
    {
        var key = EphemeralKeys.Generate(KeyAlgorithm.Sm2, Encoding.ASCII.GetBytes("ALICE123@YAHOO.COM"));

        Code(() => CertificationRequestParser.Parse(Csrs.Create(key, "CN=x"))).ShouldBe("csr-bad-signature");
    }

    [Theory]
    [InlineData(KeyAlgorithm.EcdsaP256)]
    [InlineData(KeyAlgorithm.EcdsaP384)]
    [InlineData(KeyAlgorithm.Rsa2048)]
    public void Parse_EcdsaAndRsa_Accepted(KeyAlgorithm algorithm)
    {
        var request = CertificationRequestParser.Parse(Csrs.Create(EphemeralKeys.Generate(algorithm), "CN=host.example.cn", Csrs.Dns("host.example.cn")));

        request.PublicKey.Algorithm.ShouldBe(algorithm);
        request.Sm2ProofId.ShouldBeNull();
        request.AltNames.ShouldHaveSingleItem().ShouldBe(new RequestedAltName(SubjectAltNameType.Dns, "host.example.cn"));
    }

    [Fact]
    public void Parse_Pem_SameAsDer()
    {
        var der = Csrs.Create(EphemeralKeys.Generate(KeyAlgorithm.EcdsaP256), "CN=pem");
        var pem = Encoding.ASCII.GetBytes("\n" + System.Security.Cryptography.PemEncoding.WriteString("CERTIFICATE REQUEST", der));

        CertificationRequestParser.Parse(pem).PublicKey.SubjectPublicKeyInfo.ShouldBe(CertificationRequestParser.Parse(der).PublicKey.SubjectPublicKeyInfo);
    }

    [Fact]
    public void Parse_TamperedSubject_BadSignature()
    {
        var der = Csrs.Create(EphemeralKeys.Generate(KeyAlgorithm.Sm2), "CN=aaaa");
        var index = der.AsSpan().IndexOf("aaaa"u8);
        der[index] = (byte)'b';

        Code(() => CertificationRequestParser.Parse(der)).ShouldBe("csr-bad-signature");
    }

    [Theory]
    [InlineData(new byte[] { 0x30, 0x03, 0x02, 0x01, 0x00 })]
    [InlineData(new byte[] { 0x04, 0x00 })]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0x30, 0x80, 0x00, 0x00 })]
    public void Parse_Garbage_Malformed(byte[] input)
    {
        Code(() => CertificationRequestParser.Parse(input)).ShouldBe("csr-malformed");
    }

    [Fact]
    public void Parse_TrailingData_Malformed()
    {
        var der = Csrs.Create(EphemeralKeys.Generate(KeyAlgorithm.EcdsaP256), "CN=x");

        Code(() => CertificationRequestParser.Parse([.. der, 0x00])).ShouldBe("csr-malformed");
    }

    [Fact]
    public void Parse_WrongPemLabel_Malformed()
    {
        var pem = System.Security.Cryptography.PemEncoding.WriteString("CERTIFICATE", Csrs.Create(EphemeralKeys.Generate(KeyAlgorithm.EcdsaP256), "CN=x"));

        Code(() => CertificationRequestParser.Parse(Encoding.ASCII.GetBytes(pem))).ShouldBe("csr-malformed");
    }

    [Fact]
    public void Parse_OverSizeLimit_TooLarge()
    {
        Code(() => CertificationRequestParser.Parse(new byte[CertificationRequestParser.MaxSize + 1])).ShouldBe("csr-too-large");
    }

    [Fact]
    public void Parse_Rsa1024_WeakKey()
    {
        Code(() => CertificationRequestParser.Parse(BouncyCastleRsaRequest(1024, "SHA256WITHRSA"))).ShouldBe("csr-weak-key");
    }

    [Theory]
    [InlineData("SHA1WITHRSA")]
    [InlineData("MD5WITHRSA")]
    public void Parse_WeakSignatureAlgorithm_Rejected(string algorithm)
    {
        Code(() => CertificationRequestParser.Parse(BouncyCastleRsaRequest(2048, algorithm))).ShouldBe("csr-signature-algorithm-rejected");
    }

    [Fact]
    public void Parse_MultiValuedRdn_SubjectRejected()
    {
        Code(() => CertificationRequestParser.Parse(Csrs.Create(EphemeralKeys.Generate(KeyAlgorithm.EcdsaP256), "CN=a+O=b"))).ShouldBe("csr-subject-rejected");
    }

    [Fact]
    public void Parse_UnsupportedAltNameType_ExtensionRejected()
    {
        var der = Csrs.Create(EphemeralKeys.Generate(KeyAlgorithm.EcdsaP256), "CN=x", new GeneralName(GeneralName.RegisteredID, "1.2.3.4"));

        Code(() => CertificationRequestParser.Parse(der)).ShouldBe("csr-extension-rejected");
    }

    [Fact]
    public void Parse_IpAltName_DecodedToText()
    {
        var der = Csrs.Create(EphemeralKeys.Generate(KeyAlgorithm.EcdsaP256), "CN=x", new GeneralName(GeneralName.IPAddress, "192.0.2.7"));

        var name = CertificationRequestParser.Parse(der).AltNames.ShouldHaveSingleItem();

        name.Value.ShouldBe("192.0.2.7");
        name.Encoded.ShouldBe(new byte[] { 192, 0, 2, 7 });
    }

    private static byte[] BouncyCastleRsaRequest(int bits, string algorithm)
    {
        var generator = new RsaKeyPairGenerator();
        generator.Init(new KeyGenerationParameters(new SecureRandom(), bits));
        var pair = generator.GenerateKeyPair();
        return new Pkcs10CertificationRequest(new Asn1SignatureFactory(algorithm, pair.Private), new X509Name("CN=weak"), pair.Public, null).GetDerEncoded();
    }

    private static string Code(Action action) => Should.Throw<GmPkiException>(action).Error.Code;
}
