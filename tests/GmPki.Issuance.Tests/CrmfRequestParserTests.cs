using GmPki.Core.Errors;
using GmPki.Core.Keys;
using GmPki.Cryptography.Keys;
using GmPki.Issuance.Requests;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Crmf;
using Org.BouncyCastle.Asn1.X509;

namespace GmPki.Issuance.Tests;

/// <summary>CRMF CertReqMsg (RFC 4211) as CMP carries it, read by the request parser; openssl cmp's messages are covered by the server's CmpTests.</summary>
public class CrmfRequestParserTests
{
    [Fact]
    public void Parse_Sm2CertReqMsgSignedWithDefaultId_ReadsTheTemplate()
    {
        var key = EphemeralKeys.Generate(KeyAlgorithm.Sm2);

        var request = CertificationRequestParser.Parse(CertReqMsg(key, key, new X509Name(true, "CN=张三,C=CN"), Csrs.Email("zhangsan@example.cn")));

        request.Sm2ProofId.ShouldBe("default");
        request.SignatureAlgorithm.ShouldBe("SM3withSM2");
        request.PublicKey.SubjectPublicKeyInfo.ShouldBe(key.SubjectPublicKeyInfo.ToArray());
        request.Subject.Select(a => (a.Attribute.ShortName, a.Value)).ShouldBe([("C", "CN"), ("CN", "张三")]);
        request.AltNames.Single().Value.ShouldBe("zhangsan@example.cn");
    }

    [Fact]
    public void Parse_ProofOfPossessionByAnotherKey_BadSignature()
    {
        var key = EphemeralKeys.Generate(KeyAlgorithm.EcdsaP256);

        Code(() => CertificationRequestParser.Parse(CertReqMsg(EphemeralKeys.Generate(KeyAlgorithm.EcdsaP256), key, new X509Name("CN=x")))).ShouldBe("csr-bad-signature");
    }

    [Fact]
    public void Parse_RaVerifiedProofOfPossession_BadSignature()
    {
        var key = EphemeralKeys.Generate(KeyAlgorithm.Sm2);
        var request = new CertRequest(0, Template(key, new X509Name("CN=x")), null);

        Code(() => CertificationRequestParser.Parse(new CertReqMsg(request, new ProofOfPossession(), null).GetDerEncoded())).ShouldBe("csr-bad-signature");
    }

    [Fact]
    public void Parse_TemplateWithoutSubject_Malformed()
    {
        var key = EphemeralKeys.Generate(KeyAlgorithm.Sm2);

        Code(() => CertificationRequestParser.Parse(CertReqMsg(key, key, null))).ShouldBe("csr-malformed");
    }

    /// <summary>A CertReqMsg for <paramref name="subjectKey"/> whose POPO signature (over the DER CertRequest, RFC 4211 §4.1) <paramref name="popoKey"/> makes.</summary>
    private static byte[] CertReqMsg(ISigningKey popoKey, ISigningKey subjectKey, X509Name? subject, params GeneralName[] altNames)
    {
        var request = new CertRequest(0, Template(subjectKey, subject, altNames), null);
        var popo = new PopoSigningKey(null, AlgorithmIdentifier.GetInstance(Asn1Object.FromByteArray(popoKey.SignatureAlgorithm.ToArray())),
            new DerBitString(popoKey.Sign(request.GetDerEncoded())));
        return new CertReqMsg(request, new ProofOfPossession(popo), null).GetDerEncoded();
    }

    private static CertTemplate Template(ISigningKey key, X509Name? subject, params GeneralName[] altNames)
    {
        var template = new CertTemplateBuilder().SetPublicKey(SubjectPublicKeyInfo.GetInstance(key.SubjectPublicKeyInfo.ToArray()));
        if (subject is not null)
        {
            template.SetSubject(subject);
        }

        if (altNames.Length > 0)
        {
            var extensions = new X509ExtensionsGenerator();
            extensions.AddExtension(X509Extensions.SubjectAlternativeName, false, new GeneralNames(altNames));
            template.SetExtensions(extensions.Generate());
        }

        return template.Build();
    }

    private static string Code(Action action) => Should.Throw<GmPkiException>(action).Error.Code;
}
