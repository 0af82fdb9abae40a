using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Storage.Tests.Infrastructure;

namespace GmPki.Storage.Tests;

/// <summary>The base seeds <c>root-ca</c> and <c>issuing-ca</c>; these tests add more.</summary>
public abstract class AuthorityRegistryTests<TFixture>(TFixture fixture) : LedgerTests<TFixture>(fixture)
    where TFixture : StorageFixture
{
    [SkippableFact]
    public async Task AddAsync_NewRootAndIssuer_ListsRootsFirstInCreationOrder()
    {
        var lateRoot = Samples.Root("root-2") with { CreatedAt = Samples.Now.AddDays(2) };
        var earlyIssuer = Samples.Issuing("issuing-2") with { CreatedAt = Samples.Now.AddDays(1) };

        await Authorities.AddAsync(earlyIssuer, Samples.Audit("authority.created"), default);
        await Authorities.AddAsync(lateRoot, Samples.Audit("authority.created"), default);

        var all = await Authorities.ListAsync(default);

        all.Select(a => a.Label).ShouldBe(["root-ca", "root-2", "issuing-ca", "issuing-2"]);
        (await CountAuditEventsAsync()).ShouldBe(2);
    }

    [SkippableFact]
    public async Task AddAsync_Issuer_RoundTripsEveryField()
    {
        var authority = Samples.Issuing("issuing-3");

        await Authorities.AddAsync(authority, Samples.Audit("authority.created"), default);

        var stored = (await Authorities.ListAsync(default)).Single(a => a.Label == "issuing-3");
        stored.Kind.ShouldBe(AuthorityKind.Issuing);
        stored.ParentLabel.ShouldBe(Samples.RootLabel);
        stored.CertificateDer.ShouldBe(authority.CertificateDer);
        stored.KeyReference.ShouldBe(authority.KeyReference);
        stored.Sm2UserId.ShouldBe(authority.Sm2UserId);
        stored.CreatedAt.ShouldBe(authority.CreatedAt);
        stored.CreatedAt.Kind.ShouldBe(DateTimeKind.Utc);
    }

    [SkippableFact]
    public async Task AddAsync_DuplicateLabel_ThrowsAlreadyInitializedAndWritesNothing()
    {
        var error = await Should.ThrowAsync<GmPkiException>(
            () => Authorities.AddAsync(Samples.Root(), Samples.Audit("authority.created"), default));

        error.Error.ShouldBe(Errors.AlreadyInitialized);
        error.Detail.ShouldContain("root-ca");
        (await Authorities.ListAsync(default)).Count.ShouldBe(2);
        (await CountAuditEventsAsync()).ShouldBe(0);
    }

    [SkippableFact]
    public async Task AddAsync_UnknownParent_ThrowsAuthorityNotFound()
    {
        var error = await Should.ThrowAsync<GmPkiException>(
            () => Authorities.AddAsync(Samples.Issuing("orphan", "no-such-root"), Samples.Audit("authority.created"), default));

        error.Error.ShouldBe(Errors.AuthorityNotFound);
        (await CountAuditEventsAsync()).ShouldBe(0);
    }
}

public sealed class SqliteAuthorityRegistryTests(SqliteFixture fixture) : AuthorityRegistryTests<SqliteFixture>(fixture);

[Collection(PostgresServerDefinition.Name)]
public sealed class PostgresAuthorityRegistryTests(PostgresFixture fixture) : AuthorityRegistryTests<PostgresFixture>(fixture);
