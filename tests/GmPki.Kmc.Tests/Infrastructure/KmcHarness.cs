using GmPki.Core.Keys;
using GmPki.Core.Ledger;
using GmPki.Kmc.Custody;

namespace GmPki.Kmc.Tests.Infrastructure;

/// <summary>A migrated KMC with a 3-of-5 master key, a registered SM2 CA and an audit recorder.</summary>
public sealed class KmcHarness : IDisposable
{
    public const string CaId = "ca-gov-sm2";
    public const int Threshold = 3;
    public static readonly Actor Officer = new("operator:kmc-officer", "kmc-officer", null);
    public static readonly string[] Custodians = ["张三", "李四", "王五", "赵六", "钱七"];

    private KmcHarness(KmcDatabase database, RecordingAuditLog audit, MasterKeyCustody custody, KeyManagementCentre kmc, IReadOnlyList<CustodianShare> shares)
    {
        Database = database;
        Audit = audit;
        Custody = custody;
        Kmc = kmc;
        Shares = shares;
    }

    public KmcDatabase Database { get; }

    public RecordingAuditLog Audit { get; }

    public MasterKeyCustody Custody { get; }

    public KeyManagementCentre Kmc { get; }

    public IReadOnlyList<CustodianShare> Shares { get; }

    /// <summary>Migrates a fresh database, runs the key ceremony, registers <see cref="CaId"/> for SM2 and RSA-2048; sealed.</summary>
    public static async Task<KmcHarness> CreateAsync(string provider, string connectionString)
    {
        var database = KmcDatabase.Open(provider, connectionString);
        await database.MigrateAsync(default);
        var audit = new RecordingAuditLog();
        var custody = new MasterKeyCustody(database, audit, TimeProvider.System);
        var shares = await custody.GenerateAsync(Custodians, Threshold, Officer, default);
        var kmc = new KeyManagementCentre(database, custody, audit, TimeProvider.System);
        await kmc.RegisterCaAsync(CaId, "某省政务签发CA", [KeyAlgorithm.Sm2, KeyAlgorithm.Rsa2048], Officer, default);
        return new KmcHarness(database, audit, custody, kmc, shares);
    }

    /// <summary>Unseals with the shares of custodians 1, 3 and 5.</summary>
    public Task UnsealAsync() => Custody.UnsealAsync([Shares[0].Text, Shares[2].Text, Shares[4].Text], Officer, default);

    public void Dispose() => Custody.Dispose();
}
