using GmPki.Core.Ledger;
using GmPki.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace GmPki.Storage.Tests.Infrastructure;

/// <summary>
/// Base of the behavioural tests: each test starts on an emptied, migrated ledger holding a root
/// and an issuing CA (<see cref="Samples"/>). Each test class has one subclass per provider.
/// </summary>
public abstract class LedgerTests<TFixture>(TFixture fixture) : IClassFixture<TFixture>, IAsyncLifetime
    where TFixture : StorageFixture
{
    protected TFixture Fixture { get; } = fixture;

    protected IIssuanceLedger Ledger => Fixture.Get<IIssuanceLedger>();

    protected ICertificateDirectory Directory => Fixture.Get<ICertificateDirectory>();

    protected IAuditLog AuditLog => Fixture.Get<IAuditLog>();

    protected IAuthorityRegistry Authorities => Fixture.Get<IAuthorityRegistry>();

    protected IOperatorStore Operators => Fixture.Get<IOperatorStore>();

    public async Task InitializeAsync()
    {
        Skip.If(Fixture.SkipReason is not null, Fixture.SkipReason);
        await Fixture.ResetAsync();
        await using var context = Fixture.CreateContext();
        context.Authorities.Add(Row(Samples.Root()));
        context.Authorities.Add(Row(Samples.Issuing()));
        await context.SaveChangesAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static AuthorityEntity Row(AuthorityRecord record) => new()
    {
        Label = record.Label,
        Kind = record.Kind,
        ParentLabel = record.ParentLabel,
        CertificateDer = record.CertificateDer,
        KeyReference = record.KeyReference,
        Sm2UserId = record.Sm2UserId,
        CreatedAt = record.CreatedAt,
    };

    protected async Task<int> CountAuditEventsAsync()
    {
        await using var context = Fixture.CreateContext();
        return await context.AuditEvents.CountAsync();
    }

    protected async Task<int> CountCertificatesAsync()
    {
        await using var context = Fixture.CreateContext();
        return await context.Certificates.CountAsync();
    }

    internal async Task<CertificateEntity> ReadRowAsync(string serialHex, string issuerLabel = Samples.IssuerLabel)
    {
        await using var context = Fixture.CreateContext();
        return await context.Certificates.AsNoTracking().SingleAsync(c => c.IssuerLabel == issuerLabel && c.SerialHex == serialHex);
    }
}
