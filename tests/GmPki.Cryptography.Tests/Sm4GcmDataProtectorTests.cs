using System.Security.Cryptography;
using GmPki.Cryptography.Keys;

namespace GmPki.Cryptography.Tests;

public class Sm4GcmDataProtectorTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(16);

    [Fact]
    public void Unprotect_SamePurpose_RoundTrips()
    {
        var protector = new Sm4GcmDataProtector(() => Key);

        var sealedValue = protector.Protect("11010519491231002X"u8, "subscriber:1:identity-number");

        sealedValue[0].ShouldBe((byte)1);
        sealedValue.Length.ShouldBe(1 + 12 + 18 + 16);
        protector.Unprotect(sealedValue, "subscriber:1:identity-number").ShouldBe("11010519491231002X"u8.ToArray());
    }

    [Fact]
    public void Protect_SameValueTwice_DifferentCiphertexts()
    {
        var protector = new Sm4GcmDataProtector(() => Key);

        protector.Protect("x"u8, "p").ShouldNotBe(protector.Protect("x"u8, "p"));
    }

    [Fact]
    public void Unprotect_OtherPurposeTamperedOrOtherKey_Throws()
    {
        var protector = new Sm4GcmDataProtector(() => Key);
        var sealedValue = protector.Protect("secret"u8, "subscriber:1:phone");
        var tampered = sealedValue.ToArray();
        tampered[^1] ^= 1;

        Should.Throw<CryptographicException>(() => protector.Unprotect(sealedValue, "subscriber:2:phone"));
        Should.Throw<CryptographicException>(() => protector.Unprotect(tampered, "subscriber:1:phone"));
        Should.Throw<CryptographicException>(() => new Sm4GcmDataProtector(() => RandomNumberGenerator.GetBytes(16)).Unprotect(sealedValue, "subscriber:1:phone"));
        Should.Throw<CryptographicException>(() => protector.Unprotect([2, .. sealedValue[1..]], "subscriber:1:phone"));
    }

    [Fact]
    public void BlindIndex_DeterministicPerKeyAndPurpose()
    {
        var protector = new Sm4GcmDataProtector(() => Key);
        var other = new Sm4GcmDataProtector(() => RandomNumberGenerator.GetBytes(16));

        var index = protector.BlindIndex("resident-identity-card:11010519491231002X", "subscriber-identity");

        index.Length.ShouldBe(64);
        protector.BlindIndex("resident-identity-card:11010519491231002X", "subscriber-identity").ShouldBe(index);
        protector.BlindIndex("resident-identity-card:11010519491231002X", "another-purpose").ShouldNotBe(index);
        protector.BlindIndex("resident-identity-card:110105194912310038", "subscriber-identity").ShouldNotBe(index);
        other.BlindIndex("resident-identity-card:11010519491231002X", "subscriber-identity").ShouldNotBe(index);
    }
}
