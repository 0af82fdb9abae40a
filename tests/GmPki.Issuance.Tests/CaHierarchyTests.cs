using GmPki.Core.Errors;
using GmPki.Core.Keys;
using GmPki.Core.Ledger;
using GmPki.Cryptography.Signing;
using GmPki.Cryptography.Sm;
using GmPki.Issuance.Authorities;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace GmPki.Issuance.Tests;

public class CaHierarchyTests
{
    [Theory]
    [InlineData(KeyAlgorithm.Sm2, "1.2.156.10197.1.501")]
    [InlineData(KeyAlgorithm.EcdsaP256, "1.2.840.10045.4.3.2")]
    [InlineData(KeyAlgorithm.Rsa2048, "1.2.840.113549.1.1.11")]
    public async Task CreateAsync_BuildsRootAndIssuingCaSignedByRoot(KeyAlgorithm algorithm, string signatureOid)
    {
        var pki = await TestPki.CreateAsync(algorithm);
        var root = pki.Root.Certificate;
        var issuing = pki.Issuing.Certificate;

        root.Subject.GetDerEncoded().ShouldBe(root.Issuer.GetDerEncoded());
        issuing.Issuer.GetDerEncoded().ShouldBe(root.Subject.GetDerEncoded());
        issuing.SignatureAlgorithm.Algorithm.Id.ShouldBe(signatureOid);
        Verifies(pki.Root.PublicKey, root).ShouldBeTrue();
        Verifies(pki.Root.PublicKey, issuing).ShouldBeTrue();
        Verifies(pki.Issuing.PublicKey, issuing).ShouldBeFalse();
    }

    [Fact]
    public async Task CreateAsync_IssuingCa_HasPathLenZeroKeyIdsAndUrls()
    {
        var pki = await TestPki.CreateAsync();
        var extensions = pki.Issuing.Certificate.TbsCertificate.Extensions;

        var basic = BasicConstraints.GetInstance(X509Extension.ConvertValueToObject(extensions.GetExtension(X509Extensions.BasicConstraints)));
        basic.IsCA().ShouldBeTrue();
        basic.PathLenConstraint.IntValue.ShouldBe(0);
        extensions.GetExtension(X509Extensions.BasicConstraints).IsCritical.ShouldBeTrue();
        extensions.GetExtension(X509Extensions.KeyUsage).IsCritical.ShouldBeTrue();
        AuthorityKeyIdentifier.GetInstance(X509Extension.ConvertValueToObject(extensions.GetExtension(X509Extensions.AuthorityKeyIdentifier)))
            .GetKeyIdentifier().ShouldBe(pki.Root.KeyIdentifier);
        pki.Issuing.KeyIdentifier.ShouldBe(pki.Issuing.PublicKey.KeyIdentifier());
        var point = CrlDistPoint.GetInstance(X509Extension.ConvertValueToObject(extensions.GetExtension(X509Extensions.CrlDistributionPoints))).GetDistributionPoints().ShouldHaveSingleItem();
        DerIA5String.GetInstance(GeneralNames.GetInstance(point.DistributionPointName.Name).GetNames().Single().Name).GetString().ShouldBe("http://ca.test/crl/root/0.crl");
        var aia = AuthorityInformationAccess.GetInstance(X509Extension.ConvertValueToObject(extensions.GetExtension(X509Extensions.AuthorityInfoAccess)))
            .GetAccessDescriptions().Select(d => (d.AccessMethod.Id, DerIA5String.GetInstance(d.AccessLocation.Name).GetString()));
        aia.ShouldBe([("1.3.6.1.5.5.7.48.1", "http://ca.test/ocsp"), ("1.3.6.1.5.5.7.48.2", "http://ca.test/ca/root.crt")]);
    }

    [Fact]
    public async Task CreateAsync_ChineseNames_Utf8StringWithOrganization()
    {
        var pki = await TestPki.CreateAsync(organization: "某省数字证书认证中心");

        pki.Issuing.Certificate.Subject.ToString(true, X509Name.DefaultSymbols).ShouldBe("CN=测试签发CA,O=某省数字证书认证中心,C=CN");
        var organization = Asn1Sequence.GetInstance(Asn1Set.GetInstance(Asn1Sequence.GetInstance(pki.Issuing.Certificate.Subject.ToAsn1Object())[1])[0])[1];
        organization.ShouldBeOfType<DerUtf8String>();
    }

    [Fact]
    public async Task CreateAsync_Twice_AlreadyInitialized()
    {
        var pki = await TestPki.CreateAsync();

        var error = await Should.ThrowAsync<GmPkiException>(() => CaHierarchy.CreateAsync(
            new HierarchyOptions(KeyAlgorithm.Sm2, "O", "CN", "a", "b"), TestPki.Urls, new MemoryKeyStore(), pki.Ledger, pki.Clock, Actor.System, CancellationToken.None));

        error.Error.Code.ShouldBe("already-initialized");
    }

    [Fact]
    public async Task CreateAsync_RecordsAuditEventPerAuthority()
    {
        var pki = await TestPki.CreateAsync();

        pki.Ledger.Actions.ShouldBe(["authority.created", "authority.created"]);
        pki.Ledger.Events.Select(e => e.Target).ShouldBe(["authority:root", "authority:issuing"]);
    }

    [Theory]
    [InlineData("china", "a", "b", 20, 10)]
    [InlineData("CN", "same", "same", 20, 10)]
    [InlineData("CN", "a", "b", 5, 10)]
    [InlineData("CN", "", "b", 20, 10)]
    public async Task CreateAsync_BadOptions_RequestInvalid(string country, string rootName, string issuingName, int rootYears, int issuingYears)
    {
        var error = await Should.ThrowAsync<GmPkiException>(() => CaHierarchy.CreateAsync(
            new HierarchyOptions(KeyAlgorithm.Sm2, "Org", country, rootName, issuingName, rootYears, issuingYears),
            TestPki.Urls, new MemoryKeyStore(), new MemoryLedger(), TimeProvider.System, Actor.System, CancellationToken.None));

        error.Error.Code.ShouldBe("request-invalid");
    }

    private static bool Verifies(PublicKey key, X509CertificateStructure certificate)
        => key.Verify(SignatureAlgorithm.Find(certificate.SignatureAlgorithm.Algorithm.Id)!, certificate.TbsCertificate.GetDerEncoded(),
            certificate.Signature.GetOctets(), Sm2UserId.Default.Span);
}
