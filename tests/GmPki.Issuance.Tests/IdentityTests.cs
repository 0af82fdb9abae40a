using GmPki.Core.Identity;
using GmPki.Core.Errors;
using GmPki.Core.Profiles;
using GmPki.Issuance.Identity;
using GmPki.Issuance.Profiles;
using Org.BouncyCastle.Asn1;

namespace GmPki.Issuance.Tests;

public class IdentityTests
{
    private static readonly IReadOnlyDictionary<string, CertificateProfile> Profiles = ProfileLoader.Load(ProfileLoader.DefaultOptions());

    [Theory]
    [InlineData("11010519491231002X", true)] // GB 11643-1999 example
    [InlineData("11010519491231002x", true)]
    [InlineData("110105194912310021", false)]
    [InlineData("1101051949123100", false)]
    [InlineData("A1010519491231002X", false)]
    public void IsCitizenIdentityNumber_CheckCharacter(string value, bool valid)
        => ChineseIdentifiers.IsCitizenIdentityNumber(value).ShouldBe(valid);

    [Theory]
    [InlineData("91350100M000100Y43", true)] // GB 32100-2015 example
    [InlineData("91110000802100433B", true)]
    [InlineData("91350100M000100Y44", false)]
    [InlineData("91350100I000100Y43", false)] // I is not in the alphabet
    [InlineData("9135010", false)]
    public void IsUnifiedSocialCreditCode_CheckCharacter(string value, bool valid)
        => ChineseIdentifiers.IsUnifiedSocialCreditCode(value).ShouldBe(valid);

    [Fact]
    public void Check_ValuesForProfile_ReturnedInExtensionOrder()
    {
        var values = IdentityValues.Check(Profiles["organization"], new Dictionary<IdentityExtensionType, string>
        {
            [IdentityExtensionType.TaxationNumber] = "91350100M000100Y43",
            [IdentityExtensionType.OrganizationCode] = "91350100M000100Y43",
        });

        values.Select(v => v.Type).ShouldBe([IdentityExtensionType.OrganizationCode, IdentityExtensionType.TaxationNumber]);
    }

    [Theory]
    [InlineData(IdentityExtensionType.OrganizationCode, "12345", "organizationCode must be")]
    [InlineData(IdentityExtensionType.IdentityCode, "11010519491231002X", "does not carry identityCode")]
    public void Check_BadValues_Rejected(IdentityExtensionType type, string value, string message)
    {
        var error = Should.Throw<GmPkiException>(() => IdentityValues.Check(Profiles["organization"], new Dictionary<IdentityExtensionType, string> { [type] = value }));

        error.Error.Code.ShouldBe("identity-extension-rejected");
        error.Detail.ShouldContain(message);
    }

    [Fact]
    public void Check_RequiredMissing_Rejected()
    {
        var options = ProfileLoader.DefaultOptions();
        options["personal"].IdentityExtensions["identityCode"] = true;
        var profile = ProfileLoader.Load(options)["personal"];

        Should.Throw<GmPkiException>(() => IdentityValues.Check(profile, new Dictionary<IdentityExtensionType, string>())).Detail.ShouldContain("requires identityCode");
    }

    [Theory]
    [InlineData("11010519491231002X", 0, typeof(DerPrintableString))]
    [InlineData("officer:军字第001号", 1, typeof(DerUtf8String))]
    [InlineData("passport:E12345678", 2, typeof(DerPrintableString))]
    public void Encode_IdentityCode_ChoiceTagAndStringType(string value, int tag, Type stringType)
    {
        IdentityValues.Check(Profiles["personal"], new Dictionary<IdentityExtensionType, string> { [IdentityExtensionType.IdentityCode] = value });

        var encoded = (DerTaggedObject)IdentityExtensionEncoder.Encode(IdentityExtensionType.IdentityCode, value);

        encoded.TagNo.ShouldBe(tag);
        encoded.IsExplicit().ShouldBeFalse();
        var inner = stringType == typeof(DerUtf8String) ? (object)DerUtf8String.GetInstance(encoded, false) : DerPrintableString.GetInstance(encoded, false);
        ((IAsn1String)inner).GetString().ShouldBe(value.Contains(':', StringComparison.Ordinal) ? value[(value.IndexOf(':', StringComparison.Ordinal) + 1)..] : value);
    }

    [Fact]
    public void Oid_FollowsGmT0015Arc()
    {
        Enum.GetValues<IdentityExtensionType>().Select(t => t.Oid()).ShouldBe(
            ["1.2.156.10260.4.1.1", "1.2.156.10260.4.1.2", "1.2.156.10260.4.1.3", "1.2.156.10260.4.1.4", "1.2.156.10260.4.1.5"]);
    }
}
