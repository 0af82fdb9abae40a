using GmPki.Core.Errors;
using GmPki.Kmc.Custody;
using GmPki.Kmc.Tests.Infrastructure;

namespace GmPki.Kmc.Tests;

public abstract class MasterKeyCustodyTests<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : KmcDatabaseFixture
{
    [SkippableFact]
    public async Task GenerateAsync_ThreeOfFive_IssuesOneAuditedShareEachAndStaysSealed()
    {
        using var kmc = await CreateAsync("generate");

        kmc.Shares.Select(s => s.Custodian).ShouldBe(KmcHarness.Custodians);
        kmc.Shares.Select(s => s.X).ShouldBe([1, 2, 3, 4, 5]);
        kmc.Shares.ShouldAllBe(s => s.Threshold == 3 && s.Text.StartsWith("gmpki-kmc-share-v1." + s.MasterKeyId + ".", StringComparison.Ordinal));
        kmc.Custody.IsUnsealed.ShouldBeFalse();
        kmc.Audit.Named("kmc.custody.master-key-generated").ShouldHaveSingleItem().Details!.ShouldContain("\"threshold\":3");
        kmc.Audit.Named("kmc.custody.share-issued").Select(e => e.Details).ShouldBe(
            KmcHarness.Custodians.Select((c, i) => $"{{\"custodian\":\"{System.Text.Json.JsonEncodedText.Encode(c)}\",\"x\":{i + 1}}}"));
        var secretPart = kmc.Shares[0].Text.Split('.')[4];
        kmc.Audit.Events.ShouldNotContain(e => e.Details != null && e.Details.Contains(secretPart, StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task GenerateAsync_Twice_IsRefused()
    {
        using var kmc = await CreateAsync("twice");

        var error = await Should.ThrowAsync<GmPkiException>(() => kmc.Custody.GenerateAsync(["甲", "乙"], 2, KmcHarness.Officer, default));

        error.Error.ShouldBe(KmcErrors.MasterKeyExists);
        kmc.Audit.Named("kmc.custody.generation-rejected").ShouldHaveSingleItem().Outcome.ShouldBe("rejected");
    }

    [SkippableTheory]
    [InlineData(1, 3)]
    [InlineData(4, 3)]
    public async Task GenerateAsync_BadThreshold_IsRefused(int threshold, int custodians)
    {
        var database = await OpenAsync("threshold");
        using var custody = new MasterKeyCustody(database, new RecordingAuditLog(), TimeProvider.System);

        var error = await Should.ThrowAsync<GmPkiException>(() => custody.GenerateAsync([.. KmcHarness.Custodians.Take(custodians)], threshold, KmcHarness.Officer, default));

        error.Error.ShouldBe(KmcErrors.CustodyInvalid);
    }

    [SkippableFact]
    public async Task UnsealAsync_ThreeShares_UnsealsAndAuditsEachCustodian()
    {
        using var kmc = await CreateAsync("unseal");

        await kmc.UnsealAsync();

        kmc.Custody.IsUnsealed.ShouldBeTrue();
        kmc.Audit.Named("kmc.custody.share-presented").Select(e => e.Details).ShouldBe(
            [Presented("张三", 1), Presented("王五", 3), Presented("钱七", 5)]);
        kmc.Audit.Named("kmc.custody.unsealed").ShouldHaveSingleItem().Target.ShouldBe("kmc-master-key:" + kmc.Shares[0].MasterKeyId);
    }

    [SkippableFact]
    public async Task UnsealAsync_FourSharesInAnotherOrder_Unseals()
    {
        using var kmc = await CreateAsync("four");

        await kmc.Custody.UnsealAsync([kmc.Shares[3].Text, kmc.Shares[1].Text, kmc.Shares[4].Text, kmc.Shares[0].Text], KmcHarness.Officer, default);

        kmc.Custody.IsUnsealed.ShouldBeTrue();
    }

    [SkippableFact]
    public async Task UnsealAsync_TwoShares_FailsAsInsufficientAndStaysSealed()
    {
        using var kmc = await CreateAsync("two");

        var error = await Should.ThrowAsync<GmPkiException>(() => kmc.Custody.UnsealAsync([kmc.Shares[0].Text, kmc.Shares[1].Text], KmcHarness.Officer, default));

        error.Error.ShouldBe(KmcErrors.SharesInsufficient);
        error.Detail.ShouldBe("2 distinct share(s) presented; the master key needs 3.");
        kmc.Custody.IsUnsealed.ShouldBeFalse();
        kmc.Audit.Named("kmc.custody.unseal-rejected").ShouldHaveSingleItem().Details!.ShouldContain("kmc-shares-insufficient");
    }

    [SkippableFact]
    public async Task UnsealAsync_OneShareThreeTimes_CountsOnce()
    {
        using var kmc = await CreateAsync("repeat");

        var error = await Should.ThrowAsync<GmPkiException>(() => kmc.Custody.UnsealAsync([kmc.Shares[0].Text, kmc.Shares[0].Text, kmc.Shares[0].Text], KmcHarness.Officer, default));

        error.Error.ShouldBe(KmcErrors.SharesInsufficient);
    }

    [SkippableFact]
    public async Task UnsealAsync_MistypedShare_FailsItsChecksum()
    {
        using var kmc = await CreateAsync("typo");
        var text = kmc.Shares[2].Text;
        var position = text.LastIndexOf('.') - 5;
        var mistyped = text[..position] + (text[position] == '0' ? '1' : '0') + text[(position + 1)..];

        var error = await Should.ThrowAsync<GmPkiException>(() => kmc.Custody.UnsealAsync([kmc.Shares[0].Text, kmc.Shares[1].Text, mistyped], KmcHarness.Officer, default));

        error.Error.ShouldBe(KmcErrors.ShareInvalid);
        error.Detail.ShouldContain("checksum");
        kmc.Custody.IsUnsealed.ShouldBeFalse();
        kmc.Audit.Named("kmc.custody.share-rejected").ShouldHaveSingleItem().Details!.ShouldContain("\"position\":3");
    }

    [SkippableFact]
    public async Task UnsealAsync_ShareAlteredWithAMatchingChecksum_FailsTheCheckValue()
    {
        using var kmc = await CreateAsync("forged");
        var original = kmc.Shares[2];
        var y = Convert.FromHexString(original.Text.Split('.')[4]);
        y[7] ^= 0x01;
        var forged = CustodianShare.Create(original.MasterKeyId, original.Custodian, original.X, original.Threshold, y);

        var error = await Should.ThrowAsync<GmPkiException>(() => kmc.Custody.UnsealAsync([kmc.Shares[0].Text, kmc.Shares[1].Text, forged.Text], KmcHarness.Officer, default));

        error.Error.ShouldBe(KmcErrors.UnsealFailed);
        kmc.Custody.IsUnsealed.ShouldBeFalse();
        kmc.Audit.Named("kmc.custody.unseal-rejected").ShouldHaveSingleItem().Details!.ShouldContain("kmc-unseal-failed");
    }

    [SkippableFact]
    public async Task UnsealAsync_ShareOfAnotherMasterKey_IsRefused()
    {
        using var kmc = await CreateAsync("mixed");
        using var other = await CreateAsync("other");

        var error = await Should.ThrowAsync<GmPkiException>(() => kmc.Custody.UnsealAsync([kmc.Shares[0].Text, kmc.Shares[1].Text, other.Shares[2].Text], KmcHarness.Officer, default));

        error.Error.ShouldBe(KmcErrors.ShareInvalid);
    }

    [SkippableFact]
    public async Task SealAsync_AfterUnseal_WipesTheKeyAndIsAudited()
    {
        using var kmc = await CreateAsync("seal");
        await kmc.UnsealAsync();

        await kmc.Custody.SealAsync(KmcHarness.Officer, "end of shift", default);

        kmc.Custody.IsUnsealed.ShouldBeFalse();
        Should.Throw<GmPkiException>(() => kmc.Custody.Current).Error.ShouldBe(KmcErrors.Sealed);
        kmc.Audit.Named("kmc.custody.sealed").ShouldHaveSingleItem().Details.ShouldBe("{\"reason\":\"end of shift\",\"wasUnsealed\":true}");
    }

    private static string Presented(string custodian, int x) => $"{{\"custodian\":\"{System.Text.Json.JsonEncodedText.Encode(custodian)}\",\"x\":{x}}}";

    private async Task<KmcDatabase> OpenAsync(string purpose)
    {
        var database = await fixture.CreateAsync(purpose);
        Skip.If(database is null, fixture.SkipReason);
        var opened = KmcDatabase.Open(database.Value.Provider, database.Value.ConnectionString);
        await opened.MigrateAsync(default);
        return opened;
    }

    private async Task<KmcHarness> CreateAsync(string purpose)
    {
        var database = await fixture.CreateAsync(purpose);
        Skip.If(database is null, fixture.SkipReason);
        return await KmcHarness.CreateAsync(database.Value.Provider, database.Value.ConnectionString);
    }
}

public sealed class SqliteMasterKeyCustodyTests(SqliteKmcFixture fixture) : MasterKeyCustodyTests<SqliteKmcFixture>(fixture);

[Collection(KmcPostgresDefinition.Name)]
public sealed class PostgresMasterKeyCustodyTests(PostgresKmcFixture fixture) : MasterKeyCustodyTests<PostgresKmcFixture>(fixture);
