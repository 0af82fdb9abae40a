namespace GmPki.Server.Installation;

/// <summary>
/// Section <c>Kmc</c>: the installation's embedded key management centre (密钥管理中心, docs/kmc.md).
/// Its tables live in <c>kmc.db</c> of the data directory on SQLite, and in the ledger's database
/// (own tables, own migration history) on PostgreSQL. It is set up by <c>gmpki kmc init</c>.
/// </summary>
public sealed class KmcSettings
{
    /// <summary>The ID this CA is registered under at the KMC (GM/T 0014 <c>caName</c>). Default <c>gmpki</c>.</summary>
    public string CaId { get; set; } = "gmpki";

    /// <summary>
    /// Files holding custodian shares (the share text on the first line), relative to the data
    /// directory or absolute, with which the KMC unseals itself when first needed. Empty (the
    /// default): custodians unseal it through <c>POST /api/v1/kmc/unseal</c>. Listing M shares here
    /// hands the master key to whoever reads those files: only for demonstrations and tests, or
    /// for share files on custodians' removable media mounted at start.
    /// </summary>
    public List<string> ShareFiles { get; set; } = [];
}
