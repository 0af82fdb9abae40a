using GmPki.Core.Errors;
using GmPki.Core.Keys;
using GmPki.Cryptography.Keys;
using GmPki.Issuance.Profiles;
using GmPki.Issuance.Requests;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace GmPki.Issuance.Tests;

public class SubjectPolicyTests
{
    private static readonly IReadOnlyDictionary<string, Core.Profiles.CertificateProfile> Profiles = ProfileLoader.Load(ProfileLoader.DefaultOptions());

    [Fact]
    public void Apply_ChineseNames_ReencodedAsUtf8StringAndCountryPrintable()
    {
        var subject = Apply("government-staff", "CN=李四,OU=办公厅,O=某市人民政府,C=CN");

        subject.Text.ShouldBe("CN=李四,OU=办公厅,O=某市人民政府,C=CN");
        var rdns = Asn1Sequence.GetInstance(subject.Name.ToAsn1Object()).Cast<Asn1Encodable>()
            .Select(r => Asn1Sequence.GetInstance(Asn1Set.GetInstance(r)[0])[1].GetType()).ToList();
        rdns.ShouldBe([typeof(DerPrintableString), typeof(DerUtf8String), typeof(DerUtf8String), typeof(DerUtf8String)]);
    }

    [Theory]
    [InlineData("government-staff", "CN=李四,O=某市人民政府", "requires subject attribute OU")]
    [InlineData("personal", "CN=x,DC=example", "does not allow subject attribute DC")]
    [InlineData("personal", "CN=x,C=China", "two-letter")]
    [InlineData("personal", "CN=x,C=cn", "two-letter")]
    [InlineData("personal", "CN=x,CN=y", "more than once")]
    [InlineData("personal", "CN= padded", "leading or trailing")]
    [InlineData("personal", "CN=0123456789012345678901234567890123456789012345678901234567890123456789", "upper bound is 64")]
    public void Apply_Violations_SubjectRejected(string profile, string subject, string message)
    {
        var error = Should.Throw<GmPkiException>(() => Apply(profile, subject));

        error.Error.Code.ShouldBe("csr-subject-rejected");
        error.Detail.ShouldContain(message);
    }

    [Fact]
    public void Apply_SerialNumberOutsidePrintableString_SubjectRejected()
    {
        var name = new X509Name(new List<DerObjectIdentifier> { X509Name.CN, X509Name.SerialNumber }, new List<string> { "x", "身份" }, new Utf8Converter());
        var request = CertificationRequestParser.Parse(Csrs.Create(EphemeralKeys.Generate(KeyAlgorithm.EcdsaP256), name));

        Should.Throw<GmPkiException>(() => SubjectPolicy.Apply(Profiles["personal"], request)).Detail.ShouldContain("cannot carry");
    }

    [Fact]
    public void Apply_ServerTlsWithoutSan_ExtensionRejected()
    {
        Should.Throw<GmPkiException>(() => Apply("server-tls", "CN=www.example.cn")).Detail.ShouldContain("requires at least one subjectAltName");
    }

    [Fact]
    public void Apply_ServerTlsCommonNameNotInSan_ExtensionRejected()
    {
        Should.Throw<GmPkiException>(() => Apply("server-tls", "CN=www.example.cn", Csrs.Dns("other.example.cn"))).Detail.ShouldContain("must also appear");
    }

    [Theory]
    [InlineData("-bad.example.cn")]
    [InlineData("localhost")]
    [InlineData("a..example.cn")]
    [InlineData("ex ample.cn")]
    public void Apply_BadDnsName_ExtensionRejected(string dns)
    {
        Should.Throw<GmPkiException>(() => Apply("server-tls", "CN=" + dns.Replace(" ", "", StringComparison.Ordinal), Csrs.Dns(dns))).Error.Code.ShouldBe("csr-extension-rejected");
    }

    [Fact]
    public void Apply_EmailSanOnServerTls_ExtensionRejected()
    {
        Should.Throw<GmPkiException>(() => Apply("server-tls", "CN=a.example.cn", Csrs.Dns("a.example.cn"), Csrs.Email("a@example.cn"))).Detail.ShouldContain("does not allow Email");
    }

    [Fact]
    public void Apply_ServerTlsValid_KeepsAltNamesInOrder()
    {
        var subject = Apply("server-tls", "CN=a.example.cn", Csrs.Dns("a.example.cn"), Csrs.Dns("*.b.example.cn"));

        subject.AltNames.Select(n => n.Value).ShouldBe(["a.example.cn", "*.b.example.cn"]);
    }

    [Fact]
    public void Apply_UriSanOnServerTls_KeptAsUri()
    {
        var subject = Apply("server-tls", "CN=a.example.cn", Csrs.Dns("a.example.cn"), Uri("spiffe://example.cn/ns/gov/sa/portal"));

        subject.AltNames.Select(n => (n.Type, n.Value)).ShouldBe([(Core.Profiles.SubjectAltNameType.Dns, "a.example.cn"), (Core.Profiles.SubjectAltNameType.Uri, "spiffe://example.cn/ns/gov/sa/portal")]);
    }

    [Theory]
    [InlineData("relative/path")]
    [InlineData("urn:")]
    [InlineData("http://exa mple.cn/")]
    public void Apply_UriSanNotAbsolute_ExtensionRejected(string uri)
    {
        Should.Throw<GmPkiException>(() => Apply("server-tls", "CN=a.example.cn", Csrs.Dns("a.example.cn"), Uri(uri))).Detail.ShouldContain("not a valid Uri");
    }

    [Fact]
    public void Apply_UriSanOnPersonal_ExtensionRejected()
    {
        Should.Throw<GmPkiException>(() => Apply("personal", "CN=x", Uri("urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6"))).Detail.ShouldContain("does not allow Uri");
    }

    private static GeneralName Uri(string uri) => new(GeneralName.UniformResourceIdentifier, uri);

    private static CertificateSubject Apply(string profile, string subject, params GeneralName[] altNames)
    {
        var request = CertificationRequestParser.Parse(Csrs.Create(EphemeralKeys.Generate(KeyAlgorithm.EcdsaP256), subject, altNames));
        return SubjectPolicy.Apply(Profiles[profile], request);
    }

    private sealed class Utf8Converter : X509NameEntryConverter
    {
        public override Asn1Object GetConvertedValue(DerObjectIdentifier oid, string value) => new DerUtf8String(value);
    }
}
