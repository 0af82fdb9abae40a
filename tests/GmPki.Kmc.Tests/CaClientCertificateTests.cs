using GmPki.Core.Errors;
using GmPki.Core.Keys;
using GmPki.Kmc.Tests.Infrastructure;

namespace GmPki.Kmc.Tests;

/// <summary>Binding CAs to TLS client certificates for the remote transport, and authenticating with them.</summary>
public abstract class CaClientCertificateTests<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : KmcDatabaseFixture
{
    private static readonly string Hash = new('a', 64);

    [SkippableFact]
    public async Task BindClientCertificateAsync_ThenAuthenticate_OnlyTheBoundCaIsAccepted()
    {
        using var kmc = await CreateAsync("bind");

        await kmc.Kmc.BindClientCertificateAsync(KmcHarness.CaId, Hash, KmcHarness.Officer, default);
        await kmc.Kmc.AuthenticateCaAsync(Hash, KmcHarness.CaId, default);

        var bound = kmc.Audit.Named("kmc.ca.client-bound").ShouldHaveSingleItem();
        bound.Target.ShouldBe("kmc-ca:" + KmcHarness.CaId);
        bound.Details!.ShouldContain(Hash);
        var other = await Should.ThrowAsync<GmPkiException>(() => kmc.Kmc.AuthenticateCaAsync(Hash, "ca-other", default));
        other.Error.ShouldBe(KmcErrors.CaUnknown);
        other.Detail.ShouldContain($"bound to CA '{KmcHarness.CaId}'");
        var unbound = await Should.ThrowAsync<GmPkiException>(() => kmc.Kmc.AuthenticateCaAsync(new string('b', 64), KmcHarness.CaId, default));
        unbound.Error.ShouldBe(KmcErrors.CaUnknown);
        var rejected = kmc.Audit.Named("kmc.request-rejected");
        rejected.Count.ShouldBe(2);
        rejected.ShouldAllBe(e => e.Details!.Contains("\"operation\":\"authenticate\""));
    }

    [SkippableFact]
    public async Task BindClientCertificateAsync_MalformedHashUnknownCaOrCertificateOfAnotherCa_IsRefused()
    {
        using var kmc = await CreateAsync("refused");
        await kmc.Kmc.RegisterCaAsync("ca-other", "另一CA", [KeyAlgorithm.Sm2], KmcHarness.Officer, default);
        await kmc.Kmc.BindClientCertificateAsync("ca-other", Hash, KmcHarness.Officer, default);

        (await Should.ThrowAsync<GmPkiException>(() => kmc.Kmc.BindClientCertificateAsync(KmcHarness.CaId, Hash.ToUpperInvariant(), KmcHarness.Officer, default)))
            .Error.ShouldBe(KmcErrors.RequestInvalid);
        (await Should.ThrowAsync<GmPkiException>(() => kmc.Kmc.BindClientCertificateAsync("ca-none", new string('c', 64), KmcHarness.Officer, default)))
            .Error.ShouldBe(KmcErrors.CaUnknown);
        (await Should.ThrowAsync<GmPkiException>(() => kmc.Kmc.BindClientCertificateAsync(KmcHarness.CaId, Hash, KmcHarness.Officer, default)))
            .Error.ShouldBe(KmcErrors.CaExists);

        (await Should.ThrowAsync<GmPkiException>(() => kmc.Kmc.RegisterCaAsync("ca-new", "新CA", [KeyAlgorithm.Sm2], Hash, KmcHarness.Officer, default)))
            .Error.ShouldBe(KmcErrors.CaExists);

        await kmc.Kmc.AuthenticateCaAsync(Hash, "ca-other", default);
        kmc.Audit.Named("kmc.ca.client-bound").ShouldHaveSingleItem();
        await kmc.Kmc.RegisterCaAsync("ca-new", "新CA", [KeyAlgorithm.Sm2], new string('d', 64), KmcHarness.Officer, default);
        await kmc.Kmc.AuthenticateCaAsync(new string('d', 64), "ca-new", default);
        kmc.Audit.Named("kmc.ca.client-bound").Count.ShouldBe(2);
    }

    private async Task<KmcHarness> CreateAsync(string purpose)
    {
        var database = await fixture.CreateAsync(purpose);
        Skip.If(database is null, fixture.SkipReason);
        return await KmcHarness.CreateAsync(database.Value.Provider, database.Value.ConnectionString);
    }
}

public sealed class SqliteCaClientCertificateTests(SqliteKmcFixture fixture) : CaClientCertificateTests<SqliteKmcFixture>(fixture);

[Collection(KmcPostgresDefinition.Name)]
public sealed class PostgresCaClientCertificateTests(PostgresKmcFixture fixture) : CaClientCertificateTests<PostgresKmcFixture>(fixture);
