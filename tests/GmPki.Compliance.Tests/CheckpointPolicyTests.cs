using GmPki.Compliance.Checkpoints;
using GmPki.Core.Ledger;

namespace GmPki.Compliance.Tests;

public class CheckpointPolicyTests
{
    private static readonly DateTime Now = new(2026, 11, 22, 8, 0, 0, DateTimeKind.Utc);
    private static readonly CheckpointPolicy Policy = new(100, TimeSpan.FromMinutes(60));

    private static AuditChainHead Head(long lastId) => new(lastId, AuditChainHead.GenesisHash);

    private static AuditCheckpoint Checkpoint(long through, DateTime at) => new(through, AuditChainHead.GenesisHash, at, [], []);

    [Theory]
    [InlineData(0, false)]
    [InlineData(99, false)]
    [InlineData(100, true)]
    public void IsDue_NoCheckpointRecentStart_DueAtTheEventCount(long events, bool due)
    {
        Policy.IsDue(Head(events), null, Now, since: Now.AddMinutes(-1)).ShouldBe(due);
    }

    [Theory]
    [InlineData(250, 0, false)]
    [InlineData(251, 59, false)]
    [InlineData(251, 60, true)]
    [InlineData(350, 1, true)]
    public void IsDue_AfterACheckpoint_DueByCountOrByTimeWhenEventsWait(long head, int minutesSince, bool due)
    {
        Policy.IsDue(Head(head), Checkpoint(250, Now.AddMinutes(-minutesSince)), Now, since: Now.AddDays(-1)).ShouldBe(due);
    }

    [Fact]
    public void IsDue_NoCheckpointLongSinceStart_DueForOneEvent()
    {
        Policy.IsDue(Head(1), null, Now, since: Now.AddHours(-1)).ShouldBeTrue();
    }
}
