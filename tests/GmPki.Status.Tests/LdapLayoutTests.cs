using System.Text;
using GmPki.Core.Keys;
using GmPki.Core.Outbox;
using GmPki.Status.Ldap;

namespace GmPki.Status.Tests;

public class LdapLayoutTests
{
    [Fact]
    public void Parse_EscapesAndUtf8_RoundTripsAndGivesParents()
    {
        var name = DistinguishedName.Parse(@"cn=Smith\, John,ou=\E6\B5\8B\E8\AF\95, o = \#hash ,c=CN");

        name.Rdns.ShouldBe([("cn", "Smith, John"), ("ou", "测试"), ("o", "#hash"), ("c", "CN")]);
        name.ToString().ShouldBe(@"cn=Smith\, John,ou=测试,o=\#hash,c=CN");
        name.Parent!.Parent!.Parent!.ToString().ShouldBe("c=CN");
        name.Parent.Parent.Parent.Parent.ShouldBeNull();
        DistinguishedName.Parse(name.ToString()).Rdns.ShouldBe(name.Rdns);
    }

    [Theory]
    [InlineData("")]
    [InlineData("dc=example,")]
    [InlineData("example")]
    [InlineData("cn=a+sn=b,dc=example")]
    public void Parse_NotADistinguishedName_FormatException(string text)
        => Should.Throw<FormatException>(() => DistinguishedName.Parse(text));

    [Fact]
    public async Task EntryWithAncestors_EachKind_EntryThenParentsUpToTheBase()
    {
        var ca = await TestAuthority.CreateAsync("issuing", KeyAlgorithm.EcdsaP256, new MemoryStatusLedger());
        var layout = new LdapLayout(DistinguishedName.Parse("ou=pki,dc=example"));
        var caDer = ca.Identity.CertificateDer;

        var user = layout.EntryWithAncestors(new OutboxEntry(1, OutboxKind.UserCertificate, "issuing", caDer, "0a1b", null, false, ca.ResponderCertificate, 0));
        var delta = layout.EntryWithAncestors(new OutboxEntry(2, OutboxKind.Crl, "issuing", caDer, null, 3, true, [0x30, 0x00], 0));
        var authority = layout.EntryWithAncestors(new OutboxEntry(3, OutboxKind.CaCertificate, "issuing", caDer, null, null, false, caDer, 0));

        user.Select(e => e.Name.ToString()).ShouldBe([
            "serialNumber=0a1b,ou=certificates,cn=Test CA issuing,ou=pki,dc=example", "ou=certificates,cn=Test CA issuing,ou=pki,dc=example",
            "cn=Test CA issuing,ou=pki,dc=example", "ou=pki,dc=example", "dc=example"]);
        user[0].ObjectClasses.ShouldBe(["device", "pkiUser"]);
        user[0].Attributes["userCertificate;binary"].ShouldBe(ca.ResponderCertificate);
        Encoding.UTF8.GetString(user[0].Attributes["cn"]).ShouldBe("GmPki OCSP Responder issuing");
        Encoding.UTF8.GetString(user[0].Attributes["serialNumber"]).ShouldBe("0a1b");
        user[2].Attributes["cACertificate;binary"].ShouldBe(caDer);
        user[3].ObjectClasses.ShouldBe(["organizationalUnit"]);
        user[4].ObjectClasses.ShouldBe(["domain"]);
        delta[0].Name.ToString().ShouldBe("cn=shard-3,cn=Test CA issuing,ou=pki,dc=example");
        delta[0].ObjectClasses.ShouldBe(["cRLDistributionPoint"]);
        delta[0].Attributes.Keys.ShouldBe(["deltaRevocationList;binary", "cn"], ignoreOrder: true);
        authority[0].ObjectClasses.ShouldBe(["applicationProcess", "pkiCA"]);
        authority.Count.ShouldBe(3);
    }

    [Fact]
    public void EntryWithAncestors_SupersededCrl_ArgumentException()
        => Should.Throw<ArgumentException>(() => new LdapLayout(DistinguishedName.Parse("dc=example"))
            .EntryWithAncestors(new OutboxEntry(1, OutboxKind.Crl, "issuing", [], null, null, false, null, 0)));
}
