using GmPki.Core.Keys;
using GmPki.Cryptography.Keys;
using GmPki.Issuance.Building;
using GmPki.Issuance.Checks;
using GmPki.Issuance.Requests;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace GmPki.Issuance.Tests;

public class PreIssuanceCheckTests
{
    private static readonly DateTime NotBefore = TestPki.Now.UtcDateTime;

    [Fact]
    public async Task Run_TbsBuiltFromIntent_NoFindings()
    {
        var (intent, tbs) = await ValidAsync();

        PreIssuanceCheck.Run(Der(tbs), intent).ShouldBeEmpty();
    }

    [Fact]
    public async Task Run_ForeignIssuerName_M24Item1()
        => await ExpectAsync("m24-19-1-issuer-name", g => g.SetIssuer(new X509Name("CN=Someone Else,O=Other")));

    [Fact]
    public async Task Run_IssuerWithoutOrganization_M24Item1()
        => await ExpectAsync("m24-19-1-issuer-name", g => g.SetIssuer(new X509Name("CN=No Organization")));

    [Fact]
    public async Task Run_SubjectChanged_M24Item2()
        => await ExpectAsync("m24-19-2-subject-name", g => g.SetSubject(new X509Name(new List<DerObjectIdentifier> { X509Name.CN }, new List<string> { "Mallory" }, new X509DefaultEntryConverter())));

    [Fact]
    public async Task Run_SubjectNotUtf8_GmT0015NameEncoding()
        => await ExpectAsync("gmt0015-name-encoding", g => g.SetSubject(new X509Name(new List<DerObjectIdentifier> { X509Name.CN }, new List<string> { "Alice" }, new PrintableConverter())));

    [Fact]
    public async Task Run_ShortSerial_M24Item3()
        => await ExpectAsync("m24-19-3-serial", g => g.SetSerialNumber(new DerInteger(new BcBigInteger("12345"))));

    [Fact]
    public async Task Run_NegativeSerial_M24Item3()
        => await ExpectAsync("m24-19-3-serial", g => g.SetSerialNumber(new DerInteger(new BcBigInteger("-123456789012345678901234567890"))));

    [Fact]
    public async Task Run_ValidityLongerThanProfile_M24Item4()
        => await ExpectAsync("m24-19-4-validity", g => g.SetEndDate(new Time(NotBefore.AddDays(366))));

    [Fact]
    public async Task Run_ValidityInverted_M24Item4()
        => await ExpectAsync("m24-19-4-validity", g => g.SetEndDate(new Time(NotBefore.AddDays(-1))));

    [Fact]
    public async Task Run_PolicyMissing_M24Item5()
        => await ExpectAsync("m24-19-5-policy", extensions: e => e.Remove(X509Extensions.CertificatePolicies));

    [Fact]
    public async Task Run_OtherPolicy_M24Item5()
        => await ExpectAsync("m24-19-5-policy", extensions: e => e[X509Extensions.CertificatePolicies] = new X509Extension(false, new DerOctetString(CertificateExtensions.CertificatePolicies("1.2.3.4", null))));

    [Fact]
    public async Task Run_OtherPublicKey_M24Item6()
        => await ExpectAsync("m24-19-6-public-key", g => g.SetSubjectPublicKeyInfo(SubjectPublicKeyInfo.GetInstance(EphemeralKeys.Generate(KeyAlgorithm.Sm2).SubjectPublicKeyInfo.ToArray())));

    [Fact]
    public async Task Run_OtherSignatureAlgorithm_M24Item7()
        => await ExpectAsync("m24-19-7-signature-algorithm", g => g.SetSignature(new AlgorithmIdentifier(new DerObjectIdentifier("1.2.840.10045.4.3.2"))));

    [Fact]
    public async Task Run_KeyUsageNotCritical_Rfc5280KeyUsage()
        => await ExpectAsync("rfc5280-key-usage", extensions: e => e[X509Extensions.KeyUsage] = new X509Extension(false, e[X509Extensions.KeyUsage].Value));

    [Fact]
    public async Task Run_CaTrue_BasicConstraints()
        => await ExpectAsync("rfc5280-basic-constraints", extensions: e => e[X509Extensions.BasicConstraints] = new X509Extension(true, new DerOctetString(new BasicConstraints(true))));

    [Fact]
    public async Task Run_ForeignAuthorityKeyId_Aki()
        => await ExpectAsync("rfc5280-authority-key-identifier", extensions: e => e[X509Extensions.AuthorityKeyIdentifier] = new X509Extension(false, new DerOctetString(new AuthorityKeyIdentifier(new byte[20]))));

    [Fact]
    public async Task Run_NoStatusUrls_StatusUrls()
        => await ExpectAsync("status-urls", extensions: e => e.Remove(X509Extensions.AuthorityInfoAccess));

    [Fact]
    public async Task Run_UnexpectedExtension_Flagged()
        => await ExpectAsync("profile-unexpected-extension", extensions: e => e[new DerObjectIdentifier("1.2.3.4.5")] = new X509Extension(false, new DerOctetString(DerNull.Instance)));

    [Fact]
    public async Task Run_UnapprovedAltName_Flagged()
        => await ExpectAsync("rfc5280-subject-alt-name", extensions: e => e[X509Extensions.SubjectAlternativeName] = new X509Extension(false, new DerOctetString(new GeneralNames(Csrs.Email("x@example.cn")))));

    private static async Task ExpectAsync(string check, Action<V3TbsCertificateGenerator>? change = null, Action<Dictionary<DerObjectIdentifier, X509Extension>>? extensions = null)
    {
        var (intent, tbs) = await ValidAsync();
        var generator = new V3TbsCertificateGenerator();
        generator.SetSerialNumber(tbs.SerialNumber);
        generator.SetSignature(tbs.Signature);
        generator.SetIssuer(tbs.Issuer);
        generator.SetStartDate(tbs.StartDate);
        generator.SetEndDate(tbs.EndDate);
        generator.SetSubject(tbs.Subject);
        generator.SetSubjectPublicKeyInfo(tbs.SubjectPublicKeyInfo);
        var map = tbs.Extensions.ExtensionOids.Cast<DerObjectIdentifier>().ToDictionary(o => o, o => tbs.Extensions.GetExtension(o));
        extensions?.Invoke(map);
        var generatorExtensions = new X509ExtensionsGenerator();
        foreach (var (oid, extension) in map)
        {
            generatorExtensions.AddExtension(oid, extension.IsCritical, extension.Value.GetOctets());
        }

        generator.SetExtensions(generatorExtensions.Generate());
        change?.Invoke(generator);

        var findings = PreIssuanceCheck.Run(generator.GenerateTbsCertificate().GetDerEncoded(), intent);

        findings.Select(f => f.Check).ShouldContain(check);
    }

    private static async Task<(IssuanceIntent Intent, TbsCertificateStructure Tbs)> ValidAsync()
    {
        var pki = await TestPki.CreateAsync();
        var profile = pki.Issuer.Profiles["personal"];
        var request = CertificationRequestParser.Parse(Csrs.Create(EphemeralKeys.Generate(KeyAlgorithm.Sm2), "CN=张三,C=CN"));
        var intent = new IssuanceIntent(profile, pki.Issuing, request.PublicKey, SubjectPolicy.Apply(profile, request), [], profile.Validity);
        var der = EndEntityTbs.Build(intent, Building.SerialNumbers.Next(), NotBefore, NotBefore + profile.Validity, 0, TestPki.Urls);
        return (intent, TbsCertificateStructure.GetInstance(der));
    }

    private static byte[] Der(TbsCertificateStructure tbs) => tbs.GetDerEncoded();

    private sealed class PrintableConverter : X509NameEntryConverter
    {
        public override Asn1Object GetConvertedValue(DerObjectIdentifier oid, string value) => new DerPrintableString(value);
    }
}
