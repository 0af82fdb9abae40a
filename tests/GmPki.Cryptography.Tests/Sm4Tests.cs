using System.Security.Cryptography;
using GmPki.Cryptography.Sm;

namespace GmPki.Cryptography.Tests;

public class Sm4Tests
{
    private static readonly byte[] Key = Convert.FromHexString("0123456789abcdeffedcba9876543210");

    [Fact]
    public void EncryptBlock_GmT0002Example1_MatchesStandard()
    {
        var cipher = Sm4.EncryptBlock(Key, Key);
        Convert.ToHexStringLower(cipher).ShouldBe("681edf34d206965e86b3e94f536e4246");
        Sm4.DecryptBlock(Key, cipher).ShouldBe(Key);
    }

    [Fact]
    public void EncryptBlock_GmT0002Example2MillionTimes_MatchesStandard()
    {
        var block = Key;
        for (var i = 0; i < 1_000_000; i++)
        {
            block = Sm4.EncryptBlock(Key, block);
        }

        Convert.ToHexStringLower(block).ShouldBe("595298c7c6fd271f0402f804c33d3f66");
    }

    [Fact]
    public void GcmEncrypt_Rfc8998A1_MatchesCiphertextAndTag()
    {
        var nonce = Convert.FromHexString("00001234567800000000ABCD");
        var aad = Convert.FromHexString("FEEDFACEDEADBEEFFEEDFACEDEADBEEFABADDAD2");
        var plaintext = Convert.FromHexString(
            "AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBBCCCCCCCCCCCCCCCCDDDDDDDDDDDDDDDDEEEEEEEEEEEEEEEEFFFFFFFFFFFFFFFFEEEEEEEEEEEEEEEEAAAAAAAAAAAAAAAA");

        var output = Sm4.GcmEncrypt(Key, nonce, plaintext, aad);

        Convert.ToHexStringLower(output[..^16]).ShouldBe(
            "17f399f08c67d5ee19d0dc9969c4bb7d5fd46fd3756489069157b282bb200735d82710ca5c22f0ccfa7cbf93d496ac15a56834cbcf98c397b4024a2691233b8d");
        Convert.ToHexStringLower(output[^16..]).ShouldBe("83de3541e4c2b58177e065a9bf7b62ec");
        Sm4.GcmDecrypt(Key, nonce, output, aad).ShouldBe(plaintext);
    }

    [Fact]
    public void GcmDecrypt_TamperedCiphertext_Throws()
    {
        var nonce = new byte[12];
        var output = Sm4.GcmEncrypt(Key, nonce, "secret"u8, []);
        output[0] ^= 1;

        Should.Throw<CryptographicException>(() => Sm4.GcmDecrypt(Key, nonce, output, []));
    }

    [Fact]
    public void EncryptBlock_WrongKeyLength_ThrowsArgumentException()
    {
        Should.Throw<ArgumentException>(() => Sm4.EncryptBlock(new byte[15], new byte[16]));
    }
}
