using System.Buffers.Binary;
using System.Security.Cryptography;
using GmPki.Kmc.Envelopes;
using GmPki.Kmc.Tests.Infrastructure;
using GmPki.Testing;
using Microsoft.EntityFrameworkCore;

namespace GmPki.Kmc.Tests;

/// <summary>The holder's side of the envelope done by OpenSSL 3, an independent implementation.</summary>
public sealed class EnvelopeOpenSslTests(SqliteKmcFixture fixture) : IClassFixture<SqliteKmcFixture>
{
    [SkippableFact]
    public async Task SM2EnvelopedKey_OpenedByOpenSsl_YieldsThePrivateKeyOfTheEncryptionPublicKey()
    {
        OpenSsl.RequireInstalled();
        using var directory = new TempDirectory();
        OpenSsl.MustRun(directory.Path, "genpkey", "-algorithm", "SM2", "-out", "sign.pem");
        OpenSsl.MustRun(directory.Path, "pkey", "-in", "sign.pem", "-pubout", "-outform", "DER", "-out", "sign.spki");
        using var kmc = await CreateAsync();
        var response = await kmc.Kmc.ApplyAsync(KeyManagementCentreTests<SqliteKmcFixture>.Request("r-openssl", await File.ReadAllBytesAsync(directory.File("sign.spki"))), default);
        var envelope = Sm2EnvelopedKey.Decode(response.EnvelopedKey);

        var (fromOpenSsl, carried) = Sm2EnvelopeOpener.Open(directory.Path, "sign.pem", response.EnvelopedKey!);

        fromOpenSsl.ShouldBe(response.EncryptionPublicKey);
        fromOpenSsl[^65..].ShouldBe(envelope.PublicKey);
        carried.ShouldBe(envelope.PublicKey);
        await using var context = kmc.Database.CreateContext();
        (await context.EscrowedKeys.SingleAsync(k => k.KeyId == response.KeyId)).PublicKey.ShouldBe(fromOpenSsl);
    }

    [SkippableFact]
    public void Sm2Cipher_FromOpenSsl_DecryptsWithOurImplementation()
    {
        OpenSsl.RequireInstalled();
        using var directory = new TempDirectory();
        OpenSsl.MustRun(directory.Path, "genpkey", "-algorithm", "SM2", "-out", "key.pem");
        OpenSsl.MustRun(directory.Path, "pkcs8", "-topk8", "-nocrypt", "-in", "key.pem", "-outform", "DER", "-out", "key.der");
        var message = RandomNumberGenerator.GetBytes(16);
        File.WriteAllBytes(directory.File("message"), message);

        OpenSsl.MustRun(directory.Path, "pkeyutl", "-encrypt", "-inkey", "key.pem", "-in", "message", "-out", "message.sm2");

        var key = (Org.BouncyCastle.Crypto.Parameters.ECPrivateKeyParameters)Org.BouncyCastle.Security.PrivateKeyFactory.CreateKey(File.ReadAllBytes(directory.File("key.der")));
        Sm2Cipher.Decrypt(key, File.ReadAllBytes(directory.File("message.sm2"))).ShouldBe(message);
    }

    [SkippableFact]
    public async Task SM2EnvelopedKey_Der_HasTheGmT0009Shape()
    {
        OpenSsl.RequireInstalled();
        using var directory = new TempDirectory();
        using var kmc = await CreateAsync();
        var response = await kmc.Kmc.ApplyAsync(KeyManagementCentreTests<SqliteKmcFixture>.Request("r-shape", HolderKey.Generate().SubjectPublicKeyInfo), default);
        await File.WriteAllBytesAsync(directory.File("envelope.der"), response.EnvelopedKey!);

        var parsed = OpenSsl.MustRun(directory.Path, "asn1parse", "-inform", "DER", "-in", "envelope.der");

        var fields = parsed.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => System.Text.RegularExpressions.Regex.Match(line, @"d=(\d+)\s+hl=\d+\s+l=\s*(\d+)\s+(?:prim|cons):\s+([A-Z ]+?)\s*(?:\[HEX DUMP\])?(?::(\S+))?\s*$"))
            .Select(m => (Depth: int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), Length: int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), Type: m.Groups[3].Value, Value: m.Groups[4].Value))
            .ToArray();
        fields.Select(f => $"{f.Depth} {f.Type}").ShouldBe(
            ["0 SEQUENCE", "1 SEQUENCE", "2 OBJECT", "1 SEQUENCE", "2 INTEGER", "2 INTEGER", "2 OCTET STRING", "2 OCTET STRING", "1 BIT STRING", "1 BIT STRING"]);
        fields[2].Value.ShouldBe("sm4-ecb");
        fields[6].Length.ShouldBe(32);
        fields[7].Length.ShouldBe(16);
        fields[8].Length.ShouldBe(66);
        fields[9].Length.ShouldBe(33);
    }

    [SkippableFact]
    public async Task EnvelopedKeyBlob_Layout_MatchesGmT0016()
    {
        using var kmc = await CreateAsync();
        var response = await kmc.Kmc.ApplyAsync(KeyManagementCentreTests<SqliteKmcFixture>.Request("r-skf", HolderKey.Generate().SubjectPublicKeyInfo), default);
        var envelope = Sm2EnvelopedKey.Decode(response.EnvelopedKey);
        var (x, y, hash, cipher) = Sm2Cipher.Decode(envelope.EncryptedSymmetricKey);

        var blob = envelope.ToEnvelopedKeyBlob();

        blob.Length.ShouldBe(388);
        BinaryPrimitives.ReadUInt32LittleEndian(blob.AsSpan(0)).ShouldBe(1u);
        BinaryPrimitives.ReadUInt32LittleEndian(blob.AsSpan(4)).ShouldBe(0x401u);
        BinaryPrimitives.ReadUInt32LittleEndian(blob.AsSpan(8)).ShouldBe(256u);
        blob.AsSpan(12, 32).ToArray().ShouldAllBe(b => b == 0);
        blob.AsSpan(44, 32).ToArray().ShouldBe(envelope.EncryptedPrivateKey);
        BinaryPrimitives.ReadUInt32LittleEndian(blob.AsSpan(76)).ShouldBe(256u);
        blob.AsSpan(80, 32).ToArray().ShouldAllBe(b => b == 0);
        blob.AsSpan(112, 32).ToArray().ShouldBe(envelope.PublicKey[1..33]);
        blob.AsSpan(144, 32).ToArray().ShouldAllBe(b => b == 0);
        blob.AsSpan(176, 32).ToArray().ShouldBe(envelope.PublicKey[33..]);
        blob.AsSpan(208, 32).ToArray().ShouldAllBe(b => b == 0);
        blob.AsSpan(240, 32).ToArray().ShouldBe(x);
        blob.AsSpan(272, 32).ToArray().ShouldAllBe(b => b == 0);
        blob.AsSpan(304, 32).ToArray().ShouldBe(y);
        blob.AsSpan(336, 32).ToArray().ShouldBe(hash);
        BinaryPrimitives.ReadUInt32LittleEndian(blob.AsSpan(368)).ShouldBe(16u);
        blob.AsSpan(372).ToArray().ShouldBe(cipher);
    }

    [Fact]
    public void Decode_AnotherSymmetricAlgorithm_IsRefused()
    {
        var holder = HolderKey.Generate();
        var der = Sm2EnvelopedKey.Seal(Org.BouncyCastle.Security.PublicKeyFactory.CreateKey(holder.SubjectPublicKeyInfo) as Org.BouncyCastle.Crypto.Parameters.ECPublicKeyParameters ?? throw new InvalidOperationException(), HolderKey.Generate().Private).Encode();
        var sm4Oid = new Org.BouncyCastle.Asn1.DerObjectIdentifier(Sm2EnvelopedKey.Sm4EcbOid).GetDerEncoded();
        var cbcOid = new Org.BouncyCastle.Asn1.DerObjectIdentifier("1.2.156.10197.1.104.2").GetDerEncoded();
        var at = der.AsSpan().IndexOf(sm4Oid);
        cbcOid.CopyTo(der, at);

        Should.Throw<CryptographicException>(() => Sm2EnvelopedKey.Decode(der));
    }

    private async Task<KmcHarness> CreateAsync()
    {
        var database = (await fixture.CreateAsync("envelope"))!.Value;
        var kmc = await KmcHarness.CreateAsync(database.Provider, database.ConnectionString);
        await kmc.UnsealAsync();
        return kmc;
    }
}
