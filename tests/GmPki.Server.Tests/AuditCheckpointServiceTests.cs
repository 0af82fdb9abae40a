using GmPki.Compliance.Verification;
using GmPki.Core.Ledger;
using GmPki.Core.Security;
using GmPki.Server.Audit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GmPki.Server.Tests;

public class AuditCheckpointServiceTests
{
    [Fact]
    public async Task StopAsync_EventsSinceTheLastCheckpoint_SignsOneThroughTheHead()
    {
        await using var server = await RunningServer.StartAsync();
        await server.CreateOperatorAsync("alice", OperatorRole.Registrar);
        var chain = server.Services.GetRequiredService<IAuditChain>();
        var service = server.Services.GetServices<IHostedService>().OfType<AuditCheckpointService>().Single();

        await service.StopAsync(CancellationToken.None);

        var head = await chain.HeadAsync(CancellationToken.None);
        (await chain.LatestCheckpointAsync(CancellationToken.None)).ShouldNotBeNull().ThroughEventId.ShouldBe(head.LastEventId);
        var authorities = await server.Services.GetRequiredService<IAuthorityRegistry>().ListAsync(CancellationToken.None);
        await using var snapshot = await chain.OpenSnapshotAsync(CancellationToken.None);
        var verification = await new AuditChainVerifier(authorities).VerifyAsync(snapshot, null, CancellationToken.None);
        verification.Break.ShouldBeNull();
        verification.Checkpoints.ShouldBe(1);
    }
}
