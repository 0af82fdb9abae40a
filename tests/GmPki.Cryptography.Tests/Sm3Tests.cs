using System.Text;
using GmPki.Cryptography.Sm;
using GmPki.Testing;

namespace GmPki.Cryptography.Tests;

public class Sm3Tests
{
    [Theory]
    [InlineData("abc", "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0")] // GM/T 0004 example 1
    [InlineData("abcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcd", "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732")] // example 2
    public void Hash_GmT0004Examples_MatchStandard(string input, string expected)
    {
        Sm3.HashHex(Encoding.ASCII.GetBytes(input)).ShouldBe(expected);
    }

    [Fact]
    public void Hash_EmptyInput_Returns32Bytes()
    {
        Sm3.Hash([]).Length.ShouldBe(32);
    }

    [SkippableTheory]
    [InlineData("key", "The quick brown fox")]
    [InlineData("a key longer than the sixty-four byte SM3 block, so that HMAC hashes it first.....", "data")]
    public void Hmac_AgreesWithOpenSsl(string key, string data)
    {
        OpenSsl.RequireInstalled();
        using var directory = new TempDirectory("gmpki-hmac-");
        File.WriteAllText(Path.Combine(directory.Path, "data"), data);

        var openssl = OpenSsl.MustRun(directory.Path, "dgst", "-sm3", "-hmac", key, "data");

        openssl.ShouldContain(Convert.ToHexStringLower(Sm3.Hmac(Encoding.ASCII.GetBytes(key), Encoding.ASCII.GetBytes(data))));
    }

    [Fact]
    public async Task HashHexAsync_StreamLongerThanItsBuffer_SameDigestAsTheOneShotHash()
    {
        var data = new byte[200_000];
        new Random(16).NextBytes(data);
        await using var stream = new MemoryStream(data);

        var streamed = await Sm3.HashHexAsync(stream, CancellationToken.None);

        streamed.ShouldBe(Sm3.HashHex(data));
        streamed.ShouldNotBe(Sm3.HashHex(data.AsSpan(0, 81920)));
    }
}
