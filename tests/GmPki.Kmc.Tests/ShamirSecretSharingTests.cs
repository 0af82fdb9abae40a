using System.Security.Cryptography;
using GmPki.Kmc.Custody;

namespace GmPki.Kmc.Tests;

public sealed class ShamirSecretSharingTests
{
    [Fact]
    public void Multiply_AesFieldExamples_MatchFips197()
    {
        // FIPS 197 §4.2: {57} • {83} = {c1}, {57} • {13} = {fe}; {53} and {ca} are inverses (§5.1.1 example).
        ShamirSecretSharing.Multiply(0x57, 0x83).ShouldBe((byte)0xc1);
        ShamirSecretSharing.Multiply(0x57, 0x13).ShouldBe((byte)0xfe);
        ShamirSecretSharing.Multiply(0x53, 0xca).ShouldBe((byte)0x01);
    }

    [Fact]
    public void Inverse_EveryNonZeroElement_MultipliesToOne()
    {
        for (var a = 1; a < 256; a++)
        {
            ShamirSecretSharing.Multiply((byte)a, ShamirSecretSharing.Inverse((byte)a)).ShouldBe((byte)1, $"a = {a:x2}");
        }
    }

    [Fact]
    public void Combine_EveryThreeOfFive_RecoversTheSecret()
    {
        var secret = RandomNumberGenerator.GetBytes(32);
        var shares = ShamirSecretSharing.Split(secret, 5, 3);

        for (var a = 0; a < 5; a++)
        {
            for (var b = a + 1; b < 5; b++)
            {
                for (var c = b + 1; c < 5; c++)
                {
                    ShamirSecretSharing.Combine([((byte)(a + 1), shares[a]), ((byte)(b + 1), shares[b]), ((byte)(c + 1), shares[c])]).ShouldBe(secret);
                }
            }
        }

        ShamirSecretSharing.Combine([.. shares.Select((y, i) => ((byte)(i + 1), y))]).ShouldBe(secret);
    }

    [Fact]
    public void Combine_FewerThanThreshold_GivesAnotherSecret()
    {
        var secret = RandomNumberGenerator.GetBytes(32);
        var shares = ShamirSecretSharing.Split(secret, 5, 3);

        ShamirSecretSharing.Combine([(1, shares[0]), (2, shares[1])]).ShouldNotBe(secret);
    }

    [Fact]
    public void Split_SharesOfOneSecret_DifferEachTime()
    {
        var secret = new byte[32];

        ShamirSecretSharing.Split(secret, 3, 2)[0].ShouldNotBe(ShamirSecretSharing.Split(secret, 3, 2)[0]);
    }

    [Theory]
    [InlineData(3, 0)]
    [InlineData(3, 4)]
    [InlineData(256, 2)]
    public void Split_BadParameters_Throws(int shares, int threshold) =>
        Should.Throw<ArgumentException>(() => ShamirSecretSharing.Split(new byte[16], shares, threshold));

    [Fact]
    public void Combine_RepeatedPoint_Throws()
    {
        var shares = ShamirSecretSharing.Split(new byte[16], 3, 2);

        Should.Throw<ArgumentException>(() => ShamirSecretSharing.Combine([(1, shares[0]), (1, shares[0])]));
    }
}
