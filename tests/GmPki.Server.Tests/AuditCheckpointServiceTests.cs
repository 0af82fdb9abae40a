using GmPki.Compliance.Verification;
using GmPki.Core.Ledger;
using GmPki.Core.Security;
using GmPki.Hosting.Audit;
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
        var hosted = server.Services.GetServices<IHostedService>().ToList();
        foreach (var other in hosted.Where(s => s is not AuditCheckpointService))
        {
            await other.StopAsync(CancellationToken.None); // the CRL publisher and the TSA write events of their own
        }

        await hosted.OfType<AuditCheckpointService>().Single().StopAsync(CancellationToken.None);

        var head = await chain.HeadAsync(CancellationToken.None);
        (await chain.LatestCheckpointAsync(CancellationToken.None)).ShouldNotBeNull().ThroughEventId.ShouldBe(head.LastEventId);
        var authorities = await server.Services.GetRequiredService<IAuthorityRegistry>().ListAsync(CancellationToken.None);
        await using var snapshot = await chain.OpenSnapshotAsync(CancellationToken.None);
        var verification = await new AuditChainVerifier(authorities).VerifyAsync(snapshot, null, CancellationToken.None);
        verification.Break.ShouldBeNull();
        verification.Checkpoints.ShouldBe(1);
    }
}
