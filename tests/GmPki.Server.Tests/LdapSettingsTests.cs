using GmPki.Hosting;
using GmPki.Hosting.Configuration;
using GmPki.Testing;

namespace GmPki.Server.Tests;

public class LdapSettingsTests
{
    [Fact]
    public void Validate_NoUrl_OffWithoutProblems()
    {
        using var directory = new TempDirectory();

        var (publication, problems) = new LdapSettings { MaxAttempts = 0 }.Validate(DataDirectory.At(directory.Path));

        publication.ShouldBeNull();
        problems.ShouldBeEmpty();
    }

    [Fact]
    public void Validate_PasswordFile_ReadsTheFirstLineAndDefaultsThePort()
    {
        using var directory = new TempDirectory();
        File.WriteAllText(directory.File("ldap-password"), "s3cret\nignored\n");

        var (publication, problems) = new LdapSettings
        {
            Url = "ldap://ldap.example.gov.cn", BindDn = "cn=gmpki,ou=services,dc=example,dc=gov,dc=cn", BindPasswordFile = "ldap-password", BaseDn = "ou=pki,dc=example,dc=gov,dc=cn",
        }.Validate(DataDirectory.At(directory.Path));

        problems.ShouldBeEmpty();
        publication.ShouldNotBeNull();
        (publication.Host, publication.Port, publication.BindPassword, publication.Base.ToString()).ShouldBe(("ldap.example.gov.cn", 389, "s3cret", "ou=pki,dc=example,dc=gov,dc=cn"));
        publication.MaxAttempts.ShouldBe(10);
        publication.Timeout.ShouldBe(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Validate_EverySettingWrong_NumberedProblems()
    {
        using var directory = new TempDirectory();

        var (publication, problems) = new LdapSettings
        {
            Url = "ldaps://ldap.example.gov.cn:636", BindDn = "not a dn", BindPassword = "x", BindPasswordFile = "also", BaseDn = "uid=pki,dc=example", MaxAttempts = 0,
        }.Validate(DataDirectory.At(directory.Path));

        publication.ShouldBeNull();
        problems.Select(p => p[..14]).ShouldBe(["GMPKI-LDAP-001", "GMPKI-LDAP-002", "GMPKI-LDAP-003", "GMPKI-LDAP-004", "GMPKI-LDAP-005"]);
    }
}
