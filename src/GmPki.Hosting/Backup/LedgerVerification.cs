using System.Data.Common;
using GmPki.Compliance.Verification;
using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Hosting.Configuration;
using GmPki.Storage;

namespace GmPki.Hosting.Backup;

/// <summary>
/// Verifies the SM3 audit chain and signed checkpoints of an installation's ledger offline
/// (<c>docs/audit.md</c>): reads the ledger without migrating it or opening any key. The one
/// verification <c>gmpki audit verify</c> and <c>gmpki restore</c> run.
/// </summary>
public static class LedgerVerification
{
    /// <summary>Verifies the ledger of the installation in <paramref name="directory"/>.</summary>
    /// <param name="directory">The data directory (its <c>gmpki.json</c> names the ledger).</param>
    /// <param name="pinnedRoot">DER of a root CA certificate obtained independently of the ledger, which checkpoints must chain to; null for the ledger's own root CA.</param>
    /// <param name="progress">Receives the count of events verified, or null.</param>
    /// <param name="cancellationToken">Stops the verification.</param>
    /// <returns>The verdict: intact, or the first broken link.</returns>
    /// <exception cref="GmPkiException"><c>internal</c> when the ledger cannot be read (not a GmPki ledger, or not migrated by this version).</exception>
    /// <exception cref="ConfigurationException">The configuration is invalid.</exception>
    public static async Task<AuditVerification> VerifyAsync(DataDirectory directory, byte[]? pinnedRoot, IProgress<AuditVerificationProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var configuration = InstallationConfiguration.Validate(InstallationConfiguration.Load(directory), directory);
        await using var services = new ServiceCollection().AddGmPkiStorage(configuration.Storage).BuildServiceProvider();
        try
        {
            var authorities = await services.GetRequiredService<IAuthorityRegistry>().ListAsync(cancellationToken);
            await using var snapshot = await services.GetRequiredService<IAuditChain>().OpenSnapshotAsync(cancellationToken);
            return await new AuditChainVerifier(authorities, pinnedRoot).VerifyAsync(snapshot, progress, cancellationToken);
        }
        catch (DbException e)
        {
            throw Errors.Internal.With($"the ledger cannot be read ({e.Message}); is it a GmPki ledger, migrated by this version (run 'gmpki list --data {directory.Path}')?", e);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }
}
