using GmPki.Hosting.Configuration;
namespace GmPki.Hosting.Kmc;

/// <summary>The embedded KMC's validated settings (section <c>Kmc</c>, <see cref="KmcSettings"/>).</summary>
/// <param name="Provider"><c>sqlite</c> or <c>postgresql</c>, as the ledger's.</param>
/// <param name="ConnectionString">Absolute: <c>kmc.db</c> in the data directory on SQLite, the ledger's database on PostgreSQL.</param>
/// <param name="CaId">The CA's ID at the KMC.</param>
/// <param name="ShareFiles">Absolute paths of share files to unseal with when first needed; empty for unseal over REST.</param>
/// <param name="Remote">The remote KMC this CA uses instead of the embedded one, or null (the embedded KMC serves this CA).</param>
public sealed record KmcOptions(string Provider, string ConnectionString, string CaId, IReadOnlyList<string> ShareFiles, RemoteKmcOptions? Remote = null);
