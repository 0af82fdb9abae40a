using System.Security.Cryptography;
using GmPki.Core.Errors;
using GmPki.Core.Keys;
using GmPki.Cryptography.Signing;
using GmPki.Kmc.Envelopes;
using GmPki.Kmc.Messages;
using GmPki.Kmc.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GmPki.Kmc.Tests;

public abstract class KeyManagementCentreTests<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : KmcDatabaseFixture
{
    private static readonly DateTimeOffset NotBefore = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);

    [SkippableFact]
    public async Task ApplyAsync_Sm2_EscrowsTheKeyAndDeliversAnEnvelopeTheHolderOpens()
    {
        using var kmc = await CreateUnsealedAsync("apply");
        var holder = HolderKey.Generate();

        var response = await kmc.Kmc.ApplyAsync(Request("r-1", holder.SubjectPublicKeyInfo), default);

        var encryptionKey = PublicKey.Parse(response.EncryptionPublicKey);
        encryptionKey.Algorithm.ShouldBe(KeyAlgorithm.Sm2);
        var envelope = Sm2EnvelopedKey.Decode(response.EnvelopedKey);
        envelope.PublicKey.ShouldBe(encryptionKey.KeyBits);
        var d = envelope.Open(holder.Private);
        d.Length.ShouldBe(32);
        await using var context = kmc.Database.CreateContext();
        var row = await context.EscrowedKeys.SingleAsync(k => k.KeyId == response.KeyId);
        row.PublicKey.ShouldBe(response.EncryptionPublicKey);
        row.CaId.ShouldBe(KmcHarness.CaId);
        row.State.ShouldBe("active");
        row.NotAfter.ShouldBe(NotBefore.AddYears(1));
        row.SealedPrivateKey.AsSpan().IndexOf(d).ShouldBe(-1);
        var escrowed = kmc.Audit.Named("kmc.key.escrowed").ShouldHaveSingleItem();
        escrowed.Actor.ShouldBe("ca:" + KmcHarness.CaId);
        escrowed.RequestId.ShouldBe("r-1");
        escrowed.Target.ShouldBe("kmc-key:" + response.KeyId);
    }

    [SkippableFact]
    public async Task ApplyAsync_Rsa_EscrowsWithoutAnEnvelope()
    {
        using var kmc = await CreateUnsealedAsync("rsa");

        var response = await kmc.Kmc.ApplyAsync(Request("r-rsa", HolderKey.Generate().SubjectPublicKeyInfo, KeyAlgorithm.Rsa2048), default);

        PublicKey.Parse(response.EncryptionPublicKey).Algorithm.ShouldBe(KeyAlgorithm.Rsa2048);
        response.EnvelopedKey.ShouldBeNull();
    }

    [SkippableFact]
    public async Task ApplyAsync_UnknownCa_IsRefusedAndAudited()
    {
        using var kmc = await CreateUnsealedAsync("unknown");

        var error = await Should.ThrowAsync<GmPkiException>(() => kmc.Kmc.ApplyAsync(Request("r-1", HolderKey.Generate().SubjectPublicKeyInfo) with { CaId = "rogue-ca" }, default));

        error.Error.ShouldBe(KmcErrors.CaUnknown);
        error.Audited.ShouldBeTrue();
        var rejected = kmc.Audit.Named("kmc.request-rejected").ShouldHaveSingleItem();
        rejected.Actor.ShouldBe("ca:rogue-ca");
        rejected.Outcome.ShouldBe("rejected");
        rejected.Details!.ShouldContain("kmc-ca-unknown");
        await AssertNoEscrowAsync(kmc);
    }

    [SkippableTheory]
    [InlineData("", "r-1")]
    [InlineData(KmcHarness.CaId, " ")]
    public async Task ApplyAsync_EmptyIds_AreInvalid(string caId, string requestId)
    {
        using var kmc = await CreateUnsealedAsync("ids");

        var error = await Should.ThrowAsync<GmPkiException>(() => kmc.Kmc.ApplyAsync(Request(requestId, HolderKey.Generate().SubjectPublicKeyInfo) with { CaId = caId }, default));

        error.Error.ShouldBe(KmcErrors.RequestInvalid);
        await AssertNoEscrowAsync(kmc);
    }

    [SkippableFact]
    public async Task ApplyAsync_AlgorithmTheCaIsNotRegisteredFor_IsRefused()
    {
        using var kmc = await CreateUnsealedAsync("algorithm");

        var error = await Should.ThrowAsync<GmPkiException>(() => kmc.Kmc.ApplyAsync(Request("r-1", HolderKey.Generate().SubjectPublicKeyInfo, KeyAlgorithm.EcdsaP256), default));

        error.Error.ShouldBe(KmcErrors.AlgorithmRejected);
        await AssertNoEscrowAsync(kmc);
    }

    [SkippableFact]
    public async Task ApplyAsync_Sm2ForAnRsaHolderKey_IsRefused()
    {
        using var kmc = await CreateUnsealedAsync("holder");
        using var rsa = RSA.Create(2048);

        var error = await Should.ThrowAsync<GmPkiException>(() => kmc.Kmc.ApplyAsync(Request("r-1", rsa.ExportSubjectPublicKeyInfo()), default));

        error.Error.ShouldBe(KmcErrors.HolderKeyRejected);
    }

    [SkippableFact]
    public async Task ApplyAsync_SameRequestIdTwice_IsRefused()
    {
        using var kmc = await CreateUnsealedAsync("duplicate");
        var holder = HolderKey.Generate();
        await kmc.Kmc.ApplyAsync(Request("r-1", holder.SubjectPublicKeyInfo), default);

        var error = await Should.ThrowAsync<GmPkiException>(() => kmc.Kmc.ApplyAsync(Request("r-1", holder.SubjectPublicKeyInfo), default));

        error.Error.ShouldBe(KmcErrors.RequestDuplicate);
    }

    [SkippableFact]
    public async Task ApplyAsync_Sealed_IsRefused()
    {
        using var kmc = await CreateUnsealedAsync("sealed");
        await kmc.Custody.SealAsync(KmcHarness.Officer, "test", default);

        var error = await Should.ThrowAsync<GmPkiException>(() => kmc.Kmc.ApplyAsync(Request("r-1", HolderKey.Generate().SubjectPublicKeyInfo), default));

        error.Error.ShouldBe(KmcErrors.Sealed);
        await AssertNoEscrowAsync(kmc);
    }

    [SkippableFact]
    public async Task RecoverAsync_ToAJudicialKey_DeliversTheSameKeyPair()
    {
        using var kmc = await CreateUnsealedAsync("recover");
        var holder = HolderKey.Generate();
        var applied = await kmc.Kmc.ApplyAsync(Request("r-1", holder.SubjectPublicKeyInfo), default);
        var judicial = HolderKey.Generate();

        var recovered = await kmc.Kmc.RecoverAsync(Recovery("r-2", applied.KeyId, judicial.SubjectPublicKeyInfo), default);

        recovered.EncryptionPublicKey.ShouldBe(applied.EncryptionPublicKey);
        Sm2EnvelopedKey.Decode(recovered.EnvelopedKey).Open(judicial.Private).ShouldBe(Sm2EnvelopedKey.Decode(applied.EnvelopedKey!).Open(holder.Private));
        var audited = kmc.Audit.Named("kmc.key.recovered").ShouldHaveSingleItem();
        audited.Details!.ShouldContain("\"kind\":\"judicial\"");
        System.Text.Json.JsonDocument.Parse(audited.Details!).RootElement.GetProperty("reference").GetString().ShouldBe("(2026)京01刑初1号");
    }

    [SkippableFact]
    public async Task RecoverAsync_AfterUnsealingWithOtherCustodians_Works()
    {
        using var kmc = await CreateUnsealedAsync("reunseal");
        var applied = await kmc.Kmc.ApplyAsync(Request("r-1", HolderKey.Generate().SubjectPublicKeyInfo), default);
        await kmc.Custody.SealAsync(KmcHarness.Officer, "restart", default);
        await kmc.Custody.UnsealAsync([kmc.Shares[1].Text, kmc.Shares[3].Text, kmc.Shares[4].Text], KmcHarness.Officer, default);

        var recovered = await kmc.Kmc.RecoverAsync(Recovery("r-2", applied.KeyId, HolderKey.Generate().SubjectPublicKeyInfo), default);

        recovered.KeyId.ShouldBe(applied.KeyId);
    }

    [SkippableFact]
    public async Task RecoverAsync_TamperedEscrowCiphertext_FailsAuthentication()
    {
        using var kmc = await CreateUnsealedAsync("tamper");
        var applied = await kmc.Kmc.ApplyAsync(Request("r-1", HolderKey.Generate().SubjectPublicKeyInfo), default);
        await using (var context = kmc.Database.CreateContext())
        {
            var row = await context.EscrowedKeys.SingleAsync(k => k.KeyId == applied.KeyId);
            var tampered = (byte[])row.SealedPrivateKey.Clone();
            tampered[40] ^= 0x01;
            row.SealedPrivateKey = tampered;
            await context.SaveChangesAsync();
        }

        var error = await Should.ThrowAsync<GmPkiException>(() => kmc.Kmc.RecoverAsync(Recovery("r-2", applied.KeyId, HolderKey.Generate().SubjectPublicKeyInfo), default));

        error.Error.ShouldBe(KmcErrors.EscrowCorrupt);
        kmc.Audit.Named("kmc.request-rejected").ShouldHaveSingleItem().Details!.ShouldContain("kmc-escrow-corrupt");
    }

    [SkippableFact]
    public async Task RecoverAsync_CiphertextMovedToAnotherKeysRow_FailsAuthentication()
    {
        using var kmc = await CreateUnsealedAsync("moved");
        var first = await kmc.Kmc.ApplyAsync(Request("r-1", HolderKey.Generate().SubjectPublicKeyInfo), default);
        var second = await kmc.Kmc.ApplyAsync(Request("r-2", HolderKey.Generate().SubjectPublicKeyInfo), default);
        await using (var context = kmc.Database.CreateContext())
        {
            var source = await context.EscrowedKeys.AsNoTracking().SingleAsync(k => k.KeyId == first.KeyId);
            var target = await context.EscrowedKeys.SingleAsync(k => k.KeyId == second.KeyId);
            target.SealedPrivateKey = source.SealedPrivateKey;
            await context.SaveChangesAsync();
        }

        var error = await Should.ThrowAsync<GmPkiException>(() => kmc.Kmc.RecoverAsync(Recovery("r-3", second.KeyId, HolderKey.Generate().SubjectPublicKeyInfo), default));

        error.Error.ShouldBe(KmcErrors.EscrowCorrupt);
    }

    [SkippableFact]
    public async Task RecoverAsync_KeyOfAnotherCa_IsNotFound()
    {
        using var kmc = await CreateUnsealedAsync("isolation");
        var applied = await kmc.Kmc.ApplyAsync(Request("r-1", HolderKey.Generate().SubjectPublicKeyInfo), default);
        await kmc.Kmc.RegisterCaAsync("ca-other", "另一CA", [KeyAlgorithm.Sm2], KmcHarness.Officer, default);

        var error = await Should.ThrowAsync<GmPkiException>(() => kmc.Kmc.RecoverAsync(Recovery("r-2", applied.KeyId, HolderKey.Generate().SubjectPublicKeyInfo) with { CaId = "ca-other" }, default));

        error.Error.ShouldBe(KmcErrors.KeyUnknown);
    }

    [SkippableFact]
    public async Task RecoverAsync_WithoutApprovers_IsRefused()
    {
        using var kmc = await CreateUnsealedAsync("unauthorised");
        var applied = await kmc.Kmc.ApplyAsync(Request("r-1", HolderKey.Generate().SubjectPublicKeyInfo), default);

        var error = await Should.ThrowAsync<GmPkiException>(() => kmc.Kmc.RecoverAsync(
            Recovery("r-2", applied.KeyId, HolderKey.Generate().SubjectPublicKeyInfo) with { Authorisation = new KeyRecoveryAuthorisation(KeyRecoveryKind.Holder, "A-1", []) }, default));

        error.Error.ShouldBe(KmcErrors.RequestInvalid);
    }

    [SkippableTheory]
    [InlineData("operator:kmc-officer", null)]
    [InlineData("operator:kmc-officer", " operator:kmc-officer ")]
    public async Task RecoverAsync_JudicialWithoutTwoDistinctApprovers_IsRefusedAndAudited(string first, string? second)
    {
        using var kmc = await CreateUnsealedAsync("judicial");
        var applied = await kmc.Kmc.ApplyAsync(Request("r-1", HolderKey.Generate().SubjectPublicKeyInfo), default);
        var recovery = Recovery("r-2", applied.KeyId, HolderKey.Generate().SubjectPublicKeyInfo);
        string[] approvers = second is null ? [first] : [first, second];

        var error = await Should.ThrowAsync<GmPkiException>(() => kmc.Kmc.RecoverAsync(
            recovery with { Authorisation = recovery.Authorisation with { ApprovedBy = approvers } }, default));

        error.Error.ShouldBe(KmcErrors.RequestInvalid);
        error.Detail.ShouldBe("judicial key recovery needs two distinct KMC officers' approvals.");
        var rejected = kmc.Audit.Named("kmc.request-rejected").ShouldHaveSingleItem();
        rejected.Target.ShouldBe("kmc-key:" + applied.KeyId);
        rejected.Details!.ShouldContain("\"operation\":\"recover\"");
        kmc.Audit.Named("kmc.key.recovered").ShouldBeEmpty();
        (await kmc.Kmc.RecoverAsync(recovery with { Authorisation = recovery.Authorisation with { ApprovedBy = [first, "operator:judge-liaison"] } }, default))
            .KeyId.ShouldBe(applied.KeyId);
    }

    [SkippableFact]
    public async Task RecoverAsync_HolderWithOneApprover_IsAllowed()
    {
        using var kmc = await CreateUnsealedAsync("holder-one");
        var applied = await kmc.Kmc.ApplyAsync(Request("r-1", HolderKey.Generate().SubjectPublicKeyInfo), default);

        var recovered = await kmc.Kmc.RecoverAsync(Recovery("r-2", applied.KeyId, HolderKey.Generate().SubjectPublicKeyInfo)
            with { Authorisation = new KeyRecoveryAuthorisation(KeyRecoveryKind.Holder, "application:1", ["operator:counter-1"]) }, default);

        recovered.KeyId.ShouldBe(applied.KeyId);
    }

    [SkippableFact]
    public async Task RevokeAsync_ActiveKey_IsRevokedOnceAndStillRecoverable()
    {
        using var kmc = await CreateUnsealedAsync("revoke");
        var applied = await kmc.Kmc.ApplyAsync(Request("r-1", HolderKey.Generate().SubjectPublicKeyInfo), default);
        var revoke = new ChangeKeyStateRequest(KmcHarness.CaId, "r-2", applied.KeyId, "keyCompromise");

        await kmc.Kmc.RevokeAsync(revoke, default);

        (await Should.ThrowAsync<GmPkiException>(() => kmc.Kmc.ArchiveAsync(revoke with { RequestId = "r-3" }, default))).Error.ShouldBe(KmcErrors.KeyState);
        await using (var context = kmc.Database.CreateContext())
        {
            var row = await context.EscrowedKeys.SingleAsync(k => k.KeyId == applied.KeyId);
            row.State.ShouldBe("revoked");
            row.StateChangedAt.ShouldNotBeNull();
        }

        kmc.Audit.Named("kmc.key.revoked").ShouldHaveSingleItem().Details!.ShouldContain("keyCompromise");
        (await kmc.Kmc.RecoverAsync(Recovery("r-4", applied.KeyId, HolderKey.Generate().SubjectPublicKeyInfo), default)).KeyId.ShouldBe(applied.KeyId);
    }

    [SkippableFact]
    public async Task ArchiveExpiredAsync_OnlyActiveKeysPastNotAfter_AreArchivedAuditedAndStillRecoverable()
    {
        using var kmc = await CreateUnsealedAsync("archive");
        var holder = HolderKey.Generate().SubjectPublicKeyInfo;
        var expired = await kmc.Kmc.ApplyAsync(Request("r-1", holder) with { NotBefore = NotBefore.AddYears(-3), NotAfter = NotBefore.AddYears(-1) }, default);
        var revokedExpired = await kmc.Kmc.ApplyAsync(Request("r-2", holder) with { NotBefore = NotBefore.AddYears(-3), NotAfter = NotBefore.AddYears(-1) }, default);
        await kmc.Kmc.RevokeAsync(new ChangeKeyStateRequest(KmcHarness.CaId, "r-3", revokedExpired.KeyId, "keyCompromise"), default);
        var current = await kmc.Kmc.ApplyAsync(Request("r-4", holder) with { NotAfter = DateTimeOffset.UtcNow.AddYears(1) }, default);

        var archived = await kmc.Kmc.ArchiveExpiredAsync(KmcHarness.Officer, default);

        archived.ShouldBe(1);
        (await kmc.Kmc.ArchiveExpiredAsync(KmcHarness.Officer, default)).ShouldBe(0, "a second run finds nothing");
        await using (var context = kmc.Database.CreateContext())
        {
            var states = await context.EscrowedKeys.ToDictionaryAsync(k => k.KeyId, k => k.State);
            states[expired.KeyId].ShouldBe("archived");
            states[revokedExpired.KeyId].ShouldBe("revoked");
            states[current.KeyId].ShouldBe("active");
        }

        var audited = kmc.Audit.Named("kmc.key.archived").ShouldHaveSingleItem();
        audited.Target.ShouldBe("kmc-key:" + expired.KeyId);
        audited.Details!.ShouldContain("expired");
        (await kmc.Kmc.RecoverAsync(Recovery("r-5", expired.KeyId, HolderKey.Generate().SubjectPublicKeyInfo), default)).KeyId.ShouldBe(expired.KeyId);
    }

    [SkippableFact]
    public async Task RotateAsync_NewCustodians_ReencryptsEveryKeyAndRetiresTheOldShares()
    {
        using var kmc = await CreateUnsealedAsync("rotate");
        var first = await kmc.Kmc.ApplyAsync(Request("r-1", HolderKey.Generate().SubjectPublicKeyInfo), default);
        await kmc.Kmc.ApplyAsync(Request("r-2", HolderKey.Generate().SubjectPublicKeyInfo), default);

        var shares = await kmc.Custody.RotateAsync(["孙八", "周九", "吴十"], 2, KmcHarness.Officer, default);

        shares.Select(s => s.Custodian).ShouldBe(["孙八", "周九", "吴十"]);
        shares[0].MasterKeyId.ShouldNotBe(kmc.Shares[0].MasterKeyId);
        await using (var context = kmc.Database.CreateContext())
        {
            (await context.EscrowedKeys.Select(k => k.MasterKeyId).ToListAsync()).ShouldAllBe(id => id == shares[0].MasterKeyId);
            (await context.MasterKeys.SingleAsync(m => m.Id == kmc.Shares[0].MasterKeyId)).RetiredAt.ShouldNotBeNull();
        }

        kmc.Audit.Named("kmc.custody.rotated").ShouldHaveSingleItem().Details!.ShouldContain("\"reencrypted\":2");
        await kmc.Custody.SealAsync(KmcHarness.Officer, "rotation done", default);
        (await Should.ThrowAsync<GmPkiException>(() => kmc.UnsealAsync())).Error.ShouldBe(KmcErrors.ShareInvalid);
        await kmc.Custody.UnsealAsync([shares[2].Text, shares[0].Text], KmcHarness.Officer, default);
        var holder = HolderKey.Generate();
        var recovered = await kmc.Kmc.RecoverAsync(Recovery("r-3", first.KeyId, holder.SubjectPublicKeyInfo), default);
        Sm2EnvelopedKey.Decode(recovered.EnvelopedKey).Open(holder.Private).Length.ShouldBe(32);
    }

    [SkippableFact]
    public async Task RotateAsync_Sealed_IsRefused()
    {
        using var kmc = await CreateUnsealedAsync("rotate-sealed");
        await kmc.Custody.SealAsync(KmcHarness.Officer, "test", default);

        var error = await Should.ThrowAsync<GmPkiException>(() => kmc.Custody.RotateAsync(["孙八", "周九"], 2, KmcHarness.Officer, default));

        error.Error.ShouldBe(KmcErrors.Sealed);
        kmc.Audit.Named("kmc.custody.rotation-rejected").ShouldHaveSingleItem();
    }

    [SkippableFact]
    public async Task RotateAsync_TamperedEscrowRecord_ChangesNothing()
    {
        using var kmc = await CreateUnsealedAsync("rotate-tamper");
        var applied = await kmc.Kmc.ApplyAsync(Request("r-1", HolderKey.Generate().SubjectPublicKeyInfo), default);
        await using (var context = kmc.Database.CreateContext())
        {
            var row = await context.EscrowedKeys.SingleAsync(k => k.KeyId == applied.KeyId);
            row.SealedPrivateKey = [.. row.SealedPrivateKey[..^1], (byte)(row.SealedPrivateKey[^1] ^ 1)];
            await context.SaveChangesAsync();
        }

        var error = await Should.ThrowAsync<GmPkiException>(() => kmc.Custody.RotateAsync(["孙八", "周九"], 2, KmcHarness.Officer, default));

        error.Error.ShouldBe(KmcErrors.EscrowCorrupt);
        await using (var context = kmc.Database.CreateContext())
        {
            (await context.MasterKeys.CountAsync()).ShouldBe(1);
            (await context.EscrowedKeys.SingleAsync()).MasterKeyId.ShouldBe(kmc.Shares[0].MasterKeyId);
        }

        kmc.Audit.Named("kmc.custody.rotation-rejected").ShouldHaveSingleItem().Details!.ShouldContain("kmc-escrow-corrupt");
    }

    [SkippableFact]
    public async Task RegisterCaAsync_Twice_IsRefused()
    {
        using var kmc = await CreateUnsealedAsync("register");

        var error = await Should.ThrowAsync<GmPkiException>(() => kmc.Kmc.RegisterCaAsync(KmcHarness.CaId, "again", [KeyAlgorithm.Sm2], KmcHarness.Officer, default));

        error.Error.ShouldBe(KmcErrors.CaExists);
        kmc.Audit.Named("kmc.ca.registered").ShouldHaveSingleItem().Details.ShouldBe("{\"name\":\"\\u67D0\\u7701\\u653F\\u52A1\\u7B7E\\u53D1CA\",\"algorithms\":[\"sm2\",\"rsa-2048\"]}");
    }

    internal static ApplyKeyRequest Request(string requestId, byte[] holderKey, KeyAlgorithm algorithm = KeyAlgorithm.Sm2) =>
        new(KmcHarness.CaId, requestId, algorithm, holderKey, NotBefore, NotBefore.AddYears(1));

    private static RecoverKeyRequest Recovery(string requestId, string keyId, byte[] recipient) =>
        new(KmcHarness.CaId, requestId, keyId, recipient, new KeyRecoveryAuthorisation(KeyRecoveryKind.Judicial, "(2026)京01刑初1号", ["operator:judge-liaison", "operator:kmc-officer"]));

    private static async Task AssertNoEscrowAsync(KmcHarness kmc)
    {
        await using var context = kmc.Database.CreateContext();
        (await context.EscrowedKeys.CountAsync()).ShouldBe(0);
    }

    private async Task<KmcHarness> CreateUnsealedAsync(string purpose)
    {
        var database = await fixture.CreateAsync(purpose);
        Skip.If(database is null, fixture.SkipReason);
        var kmc = await KmcHarness.CreateAsync(database.Value.Provider, database.Value.ConnectionString);
        await kmc.UnsealAsync();
        return kmc;
    }
}

public sealed class SqliteKeyManagementCentreTests(SqliteKmcFixture fixture) : KeyManagementCentreTests<SqliteKmcFixture>(fixture);

[Collection(KmcPostgresDefinition.Name)]
public sealed class PostgresKeyManagementCentreTests(PostgresKmcFixture fixture) : KeyManagementCentreTests<PostgresKmcFixture>(fixture);
