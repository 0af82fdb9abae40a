using GmPki.Core.Errors;
using GmPki.Core.Keys;
using GmPki.Core.Profiles;
using GmPki.Issuance.Profiles;

namespace GmPki.Issuance.Tests;

public class ProfileLoaderTests
{
    [Fact]
    public void Load_DefaultOptions_YieldsTheFourInterfaceProfilesAndThreeEncryptionProfiles()
    {
        var profiles = ProfileLoader.Load(ProfileLoader.DefaultOptions());

        profiles.Keys.Order().ShouldBe(["government-staff", "government-staff-encryption", "organization", "organization-encryption", "personal", "personal-encryption", "server-tls"]);
        profiles["personal"].EncryptionProfile.ShouldBe("personal-encryption");
        profiles["personal"].KmcKeys.ShouldBeFalse();
        profiles["personal-encryption"].KmcKeys.ShouldBeTrue();
        profiles["personal-encryption"].KeyUsage.ShouldBe(KeyUsages.KeyEncipherment | KeyUsages.DataEncipherment | KeyUsages.KeyAgreement);
        profiles["server-tls"].EncryptionProfile.ShouldBeNull();
        profiles["government-staff"].KeyAlgorithms.ShouldBe([KeyAlgorithm.Sm2]);
        profiles["government-staff"].RequiredSubjectAttributes.ShouldBe(["CN", "O", "OU"]);
        profiles["personal"].KeyUsage.ShouldBe(KeyUsages.DigitalSignature | KeyUsages.NonRepudiation);
        profiles["server-tls"].ExtendedKeyUsages.ShouldBe(["1.3.6.1.5.5.7.3.1"]);
        profiles["server-tls"].RequireSubjectAltName.ShouldBeTrue();
        profiles["organization"].IdentityExtensions.Keys.ShouldContain(IdentityExtensionType.OrganizationCode);
        profiles.Values.Select(p => p.PolicyOid).Distinct().Count().ShouldBe(4);
    }

    [Theory]
    [InlineData("missing", null)]
    [InlineData("p", null)]
    [InlineData("enc", "digitalSignature")]
    [InlineData("enc", "nonRepudiation")]
    public void Load_EncryptionProfileNotAnEncryptionOnlyProfile_Reports017(string target, string? extraUsage)
    {
        var signing = Valid();
        signing.EncryptionProfile = target;
        var encryption = Valid();
        encryption.KeyUsage = ["keyEncipherment", .. extraUsage is null ? Array.Empty<string>() : [extraUsage]];

        var error = Should.Throw<ConfigurationException>(() => ProfileLoader.Load(new Dictionary<string, ProfileOptions> { ["p"] = signing, ["enc"] = encryption }));

        error.Problems.ShouldHaveSingleItem().ShouldStartWith("GMPKI-PROFILE-017: profile 'p'");
    }

    [Theory]
    [InlineData("GMPKI-PROFILE-002", "Bad_Name")]
    [InlineData("GMPKI-PROFILE-003", null, "not-an-oid")]
    [InlineData("GMPKI-PROFILE-004", null, null, "ftp://cps")]
    [InlineData("GMPKI-PROFILE-005", null, null, null, 0)]
    [InlineData("GMPKI-PROFILE-005", null, null, null, 3651)]
    public void Load_InvalidScalars_ReportNumberedError(string expected, string? name = null, string? policy = null, string? cps = null, int validity = 365)
    {
        var options = Valid();
        options.PolicyOid = policy ?? options.PolicyOid;
        options.CpsUri = cps ?? options.CpsUri;
        options.ValidityDays = validity;

        var error = Should.Throw<ConfigurationException>(() => ProfileLoader.Load(new Dictionary<string, ProfileOptions> { [name ?? "p"] = options }));

        error.Problems.ShouldHaveSingleItem().ShouldStartWith(expected);
    }

    [Theory]
    [InlineData("GMPKI-PROFILE-006", nameof(ProfileOptions.KeyUsage), "signEverything")]
    [InlineData("GMPKI-PROFILE-016", nameof(ProfileOptions.KeyUsage), "keyCertSign")]
    [InlineData("GMPKI-PROFILE-008", nameof(ProfileOptions.ExtendedKeyUsage), "anything")]
    [InlineData("GMPKI-PROFILE-009", nameof(ProfileOptions.KeyAlgorithms), "rsa-1024")]
    [InlineData("GMPKI-PROFILE-010", nameof(ProfileOptions.AllowedSubject), "FAVOURITECOLOUR")]
    [InlineData("GMPKI-PROFILE-012", nameof(ProfileOptions.SubjectAltNames), "x400Address")]
    public void Load_UnknownListEntry_ReportsNumberedError(string expected, string list, string entry)
    {
        var options = Valid();
        ((List<string>)typeof(ProfileOptions).GetProperty(list)!.GetValue(options)!).Add(entry);

        var error = Should.Throw<ConfigurationException>(() => ProfileLoader.Load(new Dictionary<string, ProfileOptions> { ["p"] = options }));

        error.Problems.ShouldHaveSingleItem().ShouldStartWith(expected);
    }

    [Fact]
    public void Load_SeveralProblems_AllReportedTogether()
    {
        var options = new ProfileOptions { ValidityDays = -1 };

        var error = Should.Throw<ConfigurationException>(() => ProfileLoader.Load(new Dictionary<string, ProfileOptions> { ["p"] = options }));

        error.Problems.Select(p => p[..17]).ShouldBe(
            ["GMPKI-PROFILE-015", "GMPKI-PROFILE-003", "GMPKI-PROFILE-005", "GMPKI-PROFILE-007", "GMPKI-PROFILE-009", "GMPKI-PROFILE-011"],
            ignoreOrder: true);
    }

    [Fact]
    public void Load_NoProfiles_Refused()
    {
        Should.Throw<ConfigurationException>(() => ProfileLoader.Load(new Dictionary<string, ProfileOptions>())).Problems.ShouldHaveSingleItem().ShouldStartWith("GMPKI-PROFILE-001");
    }

    [Fact]
    public void Load_IdentityExtensionUnknownAndSanRequiredWithoutTypes_Reported()
    {
        var options = Valid();
        options.IdentityExtensions["bloodType"] = true;
        options.RequireSubjectAltName = true;

        var error = Should.Throw<ConfigurationException>(() => ProfileLoader.Load(new Dictionary<string, ProfileOptions> { ["p"] = options }));

        error.Problems.Select(p => p[..17]).ShouldBe(["GMPKI-PROFILE-013", "GMPKI-PROFILE-014"], ignoreOrder: true);
    }

    private static ProfileOptions Valid() => new()
    {
        DisplayName = "test",
        PolicyOid = "1.2.3.4",
        CpsUri = "https://ca.test/cps",
        ValidityDays = 365,
        KeyUsage = ["digitalSignature"],
        KeyAlgorithms = ["sm2"],
        RequiredSubject = ["CN"],
    };
}
