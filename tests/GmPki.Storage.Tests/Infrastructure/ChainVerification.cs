using GmPki.Compliance.Verification;
using GmPki.Core.Ledger;
using Microsoft.Extensions.DependencyInjection;

namespace GmPki.Storage.Tests.Infrastructure;

/// <summary>Runs the offline verifier over a test ledger, as <c>gmpki audit verify</c> does.</summary>
internal static class ChainVerification
{
    public static async Task<AuditVerification> VerifyAsync(IServiceProvider services, byte[]? pinnedRoot = null)
    {
        var authorities = await services.GetRequiredService<IAuthorityRegistry>().ListAsync(CancellationToken.None);
        await using var snapshot = await services.GetRequiredService<IAuditChain>().OpenSnapshotAsync(CancellationToken.None);
        return await new AuditChainVerifier(authorities, pinnedRoot).VerifyAsync(snapshot, null, CancellationToken.None);
    }
}
