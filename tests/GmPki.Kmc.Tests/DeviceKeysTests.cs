using System.Security.Cryptography;
using System.Text.Json;
using GmPki.Core.Errors;
using GmPki.Core.Keys;
using GmPki.Core.Ledger;
using GmPki.Cryptography.Sm;
using GmPki.Kmc.Messages;
using GmPki.Kmc.Tests.Infrastructure;
using GmPki.Testing;
using Microsoft.EntityFrameworkCore;

namespace GmPki.Kmc.Tests;

/// <summary>Device authentication keys for PIN unlock; the answers are checked with OpenSSL 3's SM4 as an independent peer.</summary>
public abstract class DeviceKeysTests<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : KmcDatabaseFixture
{
    private const string Serial = "LM2026112200000001";

    [SkippableFact]
    public async Task UnlockDeviceAsync_EightByteRandom_AnswersSm4EcbOfTheZeroPaddedRandomAsOpenSslComputesIt()
    {
        OpenSsl.RequireInstalled();
        using var kmc = await CreateUnsealedAsync("unlock");
        var personalised = await kmc.Kmc.PersonaliseDeviceAsync(new DevicePersonaliseRequest(KmcHarness.CaId, "p-1", Serial), default);
        var random = RandomNumberGenerator.GetBytes(8);

        var answer = await kmc.Kmc.UnlockDeviceAsync(Unlock("u-1", random), default);

        personalised.DeviceSerial.ShouldBe(Serial);
        personalised.AuthenticationKey.Length.ShouldBe(16);
        answer.DeviceSerial.ShouldBe(Serial);
        answer.AuthenticationData.ShouldBe(OpenSslSm4Ecb(personalised.AuthenticationKey, [.. random, 0, 0, 0, 0, 0, 0, 0, 0]));
        await using (var context = kmc.Database.CreateContext())
        {
            var row = await context.DeviceKeys.SingleAsync();
            row.RequestId.ShouldBe("p-1");
            row.MasterKeyId.ShouldBe(kmc.Shares[0].MasterKeyId);
            row.LastUnlockAt.ShouldNotBeNull();
            row.SealedKey.AsSpan().IndexOf(personalised.AuthenticationKey).ShouldBe(-1);
        }

        var target = $"kmc-device:{KmcHarness.CaId}/{Serial}";
        var done = kmc.Audit.Named("kmc.device.personalised").ShouldHaveSingleItem();
        done.Target.ShouldBe(target);
        done.Details.ShouldBe($"{{\"ca\":\"{KmcHarness.CaId}\",\"requestId\":\"p-1\",\"masterKey\":\"{kmc.Shares[0].MasterKeyId}\"}}");
        var answered = kmc.Audit.Named("kmc.device.unlock-answered").ShouldHaveSingleItem();
        answered.Target.ShouldBe(target);
        answered.RequestId.ShouldBe("u-1");
        var details = JsonDocument.Parse(answered.Details!).RootElement;
        details.GetProperty("reference").GetString().ShouldBe("application:0192f0c8-0000-7000-8000-000000000001");
        details.GetProperty("approvedBy").EnumerateArray().Select(a => a.GetString()).ShouldBe(["operator:counter-1"]);
        details.GetProperty("challengeSm3").GetString().ShouldBe(Sm3.HashHex(random));
        var keyHex = Convert.ToHexString(personalised.AuthenticationKey);
        kmc.Audit.Events.ShouldNotContain(e => e.Details != null && e.Details.Contains(keyHex, StringComparison.OrdinalIgnoreCase));
    }

    [SkippableFact]
    public async Task UnlockDeviceAsync_SixteenByteChallenge_IsEncryptedAsIs()
    {
        OpenSsl.RequireInstalled();
        using var kmc = await CreateUnsealedAsync("block");
        var personalised = await kmc.Kmc.PersonaliseDeviceAsync(new DevicePersonaliseRequest(KmcHarness.CaId, "p-1", Serial), default);
        var challenge = RandomNumberGenerator.GetBytes(16);

        var answer = await kmc.Kmc.UnlockDeviceAsync(Unlock("u-1", challenge), default);

        answer.AuthenticationData.ShouldBe(OpenSslSm4Ecb(personalised.AuthenticationKey, challenge));
    }

    [SkippableFact]
    public async Task PersonaliseDeviceAsync_SameSerialTwice_IsRefusedAndKeepsTheFirstKey()
    {
        using var kmc = await CreateUnsealedAsync("twice");
        var first = await kmc.Kmc.PersonaliseDeviceAsync(new DevicePersonaliseRequest(KmcHarness.CaId, "p-1", Serial), default);

        var error = await Should.ThrowAsync<GmPkiException>(() => kmc.Kmc.PersonaliseDeviceAsync(new DevicePersonaliseRequest(KmcHarness.CaId, "p-2", Serial), default));

        error.Error.ShouldBe(KmcErrors.DeviceExists);
        AssertRejected(kmc, "personalise-device", "kmc-device-exists");
        var random = RandomNumberGenerator.GetBytes(8);
        (await kmc.Kmc.UnlockDeviceAsync(Unlock("u-1", random), default)).AuthenticationData
            .ShouldBe(Sm4.EncryptBlock(first.AuthenticationKey, [.. random, 0, 0, 0, 0, 0, 0, 0, 0]));
    }

    [SkippableTheory]
    [InlineData("")]
    [InlineData("123456789012345678901234567890123")]
    [InlineData("LM 0001")]
    [InlineData("设备0001")]
    public async Task PersonaliseDeviceAsync_SerialNotOneToThirtyTwoPrintableAscii_IsInvalid(string serial)
    {
        using var kmc = await CreateUnsealedAsync("serial");

        var error = await Should.ThrowAsync<GmPkiException>(() => kmc.Kmc.PersonaliseDeviceAsync(new DevicePersonaliseRequest(KmcHarness.CaId, "p-1", serial), default));

        error.Error.ShouldBe(KmcErrors.RequestInvalid);
        AssertRejected(kmc, "personalise-device", "kmc-request-invalid");
        await AssertNoDeviceAsync(kmc);
    }

    [SkippableFact]
    public async Task PersonaliseDeviceAsync_ThirtyTwoCharacterSerial_IsAccepted()
    {
        using var kmc = await CreateUnsealedAsync("serial-32");

        var personalised = await kmc.Kmc.PersonaliseDeviceAsync(new DevicePersonaliseRequest(KmcHarness.CaId, "p-1", new string('7', 32)), default);

        personalised.DeviceSerial.Length.ShouldBe(32);
    }

    [SkippableFact]
    public async Task PersonaliseDeviceAsync_UnknownCa_IsRefused()
    {
        using var kmc = await CreateUnsealedAsync("unknown-ca");

        var error = await Should.ThrowAsync<GmPkiException>(() => kmc.Kmc.PersonaliseDeviceAsync(new DevicePersonaliseRequest("rogue-ca", "p-1", Serial), default));

        error.Error.ShouldBe(KmcErrors.CaUnknown);
        kmc.Audit.Named("kmc.request-rejected").ShouldHaveSingleItem().Actor.ShouldBe("ca:rogue-ca");
        await AssertNoDeviceAsync(kmc);
    }

    [SkippableFact]
    public async Task UnlockDeviceAsync_UnknownDevice_IsNotFound()
    {
        using var kmc = await CreateUnsealedAsync("unknown");

        var error = await Should.ThrowAsync<GmPkiException>(() => kmc.Kmc.UnlockDeviceAsync(Unlock("u-1", RandomNumberGenerator.GetBytes(8)), default));

        error.Error.ShouldBe(KmcErrors.DeviceUnknown);
        AssertRejected(kmc, "unlock-device", "kmc-device-unknown").Target.ShouldBe($"kmc-device:{KmcHarness.CaId}/{Serial}");
    }

    [SkippableTheory]
    [InlineData(7)]
    [InlineData(0)]
    [InlineData(9)]
    [InlineData(17)]
    public async Task UnlockDeviceAsync_ChallengeNotEightOrSixteenBytes_IsInvalid(int length)
    {
        using var kmc = await CreateUnsealedAsync("challenge");
        await kmc.Kmc.PersonaliseDeviceAsync(new DevicePersonaliseRequest(KmcHarness.CaId, "p-1", Serial), default);

        var error = await Should.ThrowAsync<GmPkiException>(() => kmc.Kmc.UnlockDeviceAsync(Unlock("u-1", new byte[length]), default));

        error.Error.ShouldBe(KmcErrors.RequestInvalid);
        AssertRejected(kmc, "unlock-device", "kmc-request-invalid");
        kmc.Audit.Named("kmc.device.unlock-answered").ShouldBeEmpty();
    }

    [SkippableFact]
    public async Task UnlockDeviceAsync_WithoutApprover_IsInvalid()
    {
        using var kmc = await CreateUnsealedAsync("approver");
        await kmc.Kmc.PersonaliseDeviceAsync(new DevicePersonaliseRequest(KmcHarness.CaId, "p-1", Serial), default);

        var error = await Should.ThrowAsync<GmPkiException>(() => kmc.Kmc.UnlockDeviceAsync(Unlock("u-1", new byte[8]) with { ApprovedBy = [] }, default));
        var noReference = await Should.ThrowAsync<GmPkiException>(() => kmc.Kmc.UnlockDeviceAsync(Unlock("u-2", new byte[8]) with { Reference = " " }, default));

        error.Error.ShouldBe(KmcErrors.RequestInvalid);
        noReference.Error.ShouldBe(KmcErrors.RequestInvalid);
        await using var context = kmc.Database.CreateContext();
        (await context.DeviceKeys.SingleAsync()).LastUnlockAt.ShouldBeNull();
    }

    [SkippableFact]
    public async Task DeviceOperations_WhileSealed_AreRefused()
    {
        using var kmc = await CreateUnsealedAsync("sealed");
        await kmc.Kmc.PersonaliseDeviceAsync(new DevicePersonaliseRequest(KmcHarness.CaId, "p-1", Serial), default);
        await kmc.Custody.SealAsync(KmcHarness.Officer, "test", default);

        var unlock = await Should.ThrowAsync<GmPkiException>(() => kmc.Kmc.UnlockDeviceAsync(Unlock("u-1", new byte[8]), default));
        var personalise = await Should.ThrowAsync<GmPkiException>(() => kmc.Kmc.PersonaliseDeviceAsync(new DevicePersonaliseRequest(KmcHarness.CaId, "p-2", "LM0002"), default));

        unlock.Error.ShouldBe(KmcErrors.Sealed);
        personalise.Error.ShouldBe(KmcErrors.Sealed);
        kmc.Audit.Named("kmc.request-rejected").Count.ShouldBe(2);
        await using var context = kmc.Database.CreateContext();
        (await context.DeviceKeys.CountAsync()).ShouldBe(1);
    }

    [SkippableFact]
    public async Task UnlockDeviceAsync_DeviceOfAnotherCa_IsNotFound()
    {
        using var kmc = await CreateUnsealedAsync("isolation");
        await kmc.Kmc.PersonaliseDeviceAsync(new DevicePersonaliseRequest(KmcHarness.CaId, "p-1", Serial), default);
        await kmc.Kmc.RegisterCaAsync("ca-other", "另一CA", [KeyAlgorithm.Sm2], KmcHarness.Officer, default);

        var error = await Should.ThrowAsync<GmPkiException>(() => kmc.Kmc.UnlockDeviceAsync(Unlock("u-1", new byte[8]) with { CaId = "ca-other" }, default));

        error.Error.ShouldBe(KmcErrors.DeviceUnknown);
        var own = await kmc.Kmc.PersonaliseDeviceAsync(new DevicePersonaliseRequest("ca-other", "p-1", Serial), default);
        var random = RandomNumberGenerator.GetBytes(8);
        (await kmc.Kmc.UnlockDeviceAsync(Unlock("u-2", random) with { CaId = "ca-other" }, default)).AuthenticationData
            .ShouldBe(Sm4.EncryptBlock(own.AuthenticationKey, [.. random, 0, 0, 0, 0, 0, 0, 0, 0]));
    }

    [SkippableFact]
    public async Task UnlockDeviceAsync_SealedKeyMovedToAnotherDevice_FailsAuthentication()
    {
        using var kmc = await CreateUnsealedAsync("moved");
        await kmc.Kmc.PersonaliseDeviceAsync(new DevicePersonaliseRequest(KmcHarness.CaId, "p-1", Serial), default);
        await kmc.Kmc.PersonaliseDeviceAsync(new DevicePersonaliseRequest(KmcHarness.CaId, "p-2", "LM0002"), default);
        await using (var context = kmc.Database.CreateContext())
        {
            var source = await context.DeviceKeys.AsNoTracking().SingleAsync(d => d.DeviceSerial == Serial);
            (await context.DeviceKeys.SingleAsync(d => d.DeviceSerial == "LM0002")).SealedKey = source.SealedKey;
            await context.SaveChangesAsync();
        }

        var error = await Should.ThrowAsync<GmPkiException>(() => kmc.Kmc.UnlockDeviceAsync(Unlock("u-1", new byte[8]) with { DeviceSerial = "LM0002" }, default));

        error.Error.ShouldBe(KmcErrors.EscrowCorrupt);
        AssertRejected(kmc, "unlock-device", "kmc-escrow-corrupt");
    }

    [SkippableFact]
    public async Task RotateAsync_ReencryptsDeviceKeys_AndUnlockAnswersStayTheSame()
    {
        using var kmc = await CreateUnsealedAsync("rotate");
        await kmc.Kmc.PersonaliseDeviceAsync(new DevicePersonaliseRequest(KmcHarness.CaId, "p-1", Serial), default);
        var random = RandomNumberGenerator.GetBytes(8);
        var before = await kmc.Kmc.UnlockDeviceAsync(Unlock("u-1", random), default);
        byte[] sealedBefore;
        await using (var context = kmc.Database.CreateContext())
        {
            sealedBefore = (await context.DeviceKeys.SingleAsync()).SealedKey;
        }

        var shares = await kmc.Custody.RotateAsync(["孙八", "周九", "吴十"], 2, KmcHarness.Officer, default);

        await using (var context = kmc.Database.CreateContext())
        {
            var row = await context.DeviceKeys.SingleAsync();
            row.MasterKeyId.ShouldBe(shares[0].MasterKeyId);
            row.SealedKey.ShouldNotBe(sealedBefore);
        }

        kmc.Audit.Named("kmc.custody.rotated").ShouldHaveSingleItem().Details!.ShouldContain("\"reencryptedDevices\":1");
        await kmc.Custody.SealAsync(KmcHarness.Officer, "rotation done", default);
        await kmc.Custody.UnsealAsync([shares[1].Text, shares[2].Text], KmcHarness.Officer, default);
        (await kmc.Kmc.UnlockDeviceAsync(Unlock("u-2", random), default)).AuthenticationData.ShouldBe(before.AuthenticationData);
    }

    [SkippableFact]
    public async Task RotateAsync_TamperedDeviceKey_ChangesNothing()
    {
        using var kmc = await CreateUnsealedAsync("rotate-tamper");
        await kmc.Kmc.ApplyAsync(KeyManagementCentreTests<TFixture>.Request("r-1", HolderKey.Generate().SubjectPublicKeyInfo), default);
        await kmc.Kmc.PersonaliseDeviceAsync(new DevicePersonaliseRequest(KmcHarness.CaId, "p-1", Serial), default);
        await using (var context = kmc.Database.CreateContext())
        {
            var row = await context.DeviceKeys.SingleAsync();
            row.SealedKey = [.. row.SealedKey[..^1], (byte)(row.SealedKey[^1] ^ 1)];
            await context.SaveChangesAsync();
        }

        var error = await Should.ThrowAsync<GmPkiException>(() => kmc.Custody.RotateAsync(["孙八", "周九"], 2, KmcHarness.Officer, default));

        error.Error.ShouldBe(KmcErrors.EscrowCorrupt);
        await using (var context = kmc.Database.CreateContext())
        {
            (await context.MasterKeys.CountAsync()).ShouldBe(1);
            (await context.EscrowedKeys.SingleAsync()).MasterKeyId.ShouldBe(kmc.Shares[0].MasterKeyId);
            (await context.DeviceKeys.SingleAsync()).MasterKeyId.ShouldBe(kmc.Shares[0].MasterKeyId);
        }
    }

    private static DeviceUnlockRequest Unlock(string requestId, byte[] challenge) =>
        new(KmcHarness.CaId, requestId, Serial, challenge, "application:0192f0c8-0000-7000-8000-000000000001", ["operator:counter-1"]);

    /// <summary>SM4-ECB of one block by the openssl command-line tool.</summary>
    private static byte[] OpenSslSm4Ecb(byte[] key, byte[] block)
    {
        using var directory = new TempDirectory();
        File.WriteAllBytes(directory.File("block"), block);
        OpenSsl.MustRun(directory.Path, "enc", "-sm4-ecb", "-nopad", "-K", Convert.ToHexString(key), "-in", "block", "-out", "answer");
        return File.ReadAllBytes(directory.File("answer"));
    }

    private static AuditEvent AssertRejected(KmcHarness kmc, string operation, string code)
    {
        var rejected = kmc.Audit.Named("kmc.request-rejected").ShouldHaveSingleItem();
        rejected.Outcome.ShouldBe("rejected");
        var details = JsonDocument.Parse(rejected.Details!).RootElement;
        details.GetProperty("code").GetString().ShouldBe(code);
        details.GetProperty("context").GetProperty("operation").GetString().ShouldBe(operation);
        return rejected;
    }

    private static async Task AssertNoDeviceAsync(KmcHarness kmc)
    {
        await using var context = kmc.Database.CreateContext();
        (await context.DeviceKeys.CountAsync()).ShouldBe(0);
    }

    private async Task<KmcHarness> CreateUnsealedAsync(string purpose)
    {
        var database = await fixture.CreateAsync("device-" + purpose);
        Skip.If(database is null, fixture.SkipReason);
        var kmc = await KmcHarness.CreateAsync(database.Value.Provider, database.Value.ConnectionString);
        await kmc.UnsealAsync();
        return kmc;
    }
}

public sealed class SqliteDeviceKeysTests(SqliteKmcFixture fixture) : DeviceKeysTests<SqliteKmcFixture>(fixture);

[Collection(KmcPostgresDefinition.Name)]
public sealed class PostgresDeviceKeysTests(PostgresKmcFixture fixture) : DeviceKeysTests<PostgresKmcFixture>(fixture);
