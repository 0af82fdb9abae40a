namespace GmPki.Timestamping.Tests;

public class StampSequenceTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public void Next_SameClockReading_SerialsAndTimesStrictlyIncreaseByMicroseconds()
    {
        var sequence = new StampSequence(new MemoryWatermark(), new SettableClock(Start), ordering: true, Second);

        var stamps = Enumerable.Range(0, 1000).Select(_ => sequence.Next()!.Value).ToList();

        stamps[0].Serial.ShouldBe((Start - DateTimeOffset.UnixEpoch).Ticks / 10);
        stamps[0].Time.ShouldBe(Start.UtcDateTime);
        stamps.Select(s => s.Serial).ShouldBe(Enumerable.Range(0, 1000).Select(i => stamps[0].Serial + i));
        stamps.Select(s => s.Time).ShouldBe(Enumerable.Range(0, 1000).Select(i => Start.UtcDateTime.AddTicks(i * 10L)));
        stamps.ShouldAllBe(s => s.Time.Kind == DateTimeKind.Utc);
    }

    [Fact]
    public void Next_WatermarkSavedAheadOncePerSecondOfStamps()
    {
        var watermark = new MemoryWatermark();
        var clock = new SettableClock(Start);
        var sequence = new StampSequence(watermark, clock, ordering: true, Second);

        var first = sequence.Next()!.Value.Serial;
        for (var i = 0; i < 100; i++)
        {
            clock.Now = clock.Now.AddMilliseconds(5);
            sequence.Next();
        }

        watermark.Saves.ShouldBe(1);
        watermark.Value.ShouldBe(first + StampSequence.Reserve);
        clock.Now = clock.Now.AddSeconds(1);
        var later = sequence.Next()!.Value.Serial;
        watermark.Saves.ShouldBe(2);
        watermark.Value.ShouldBe(later + StampSequence.Reserve);
    }

    [Fact]
    public void Next_AfterCrashWithinAccuracy_ContinuesAboveTheWatermark()
    {
        var watermark = new MemoryWatermark();
        var clock = new SettableClock(Start);
        var before = new StampSequence(watermark, clock, ordering: true, 2 * Second);
        var last = Enumerable.Range(0, 10).Select(_ => before.Next()!.Value).Last();

        var after = new StampSequence(watermark, clock, ordering: true, 2 * Second).Next()!.Value;

        after.Serial.ShouldBeGreaterThan(last.Serial);
        after.Time.ShouldBeGreaterThan(last.Time);
        after.Time.ShouldBe(Start.UtcDateTime.Add(Second));
    }

    [Fact]
    public void Next_AfterCrashWithFinerAccuracy_RefusedUntilClockPassesWatermark()
    {
        var watermark = new MemoryWatermark();
        var clock = new SettableClock(Start);
        var last = new StampSequence(watermark, clock, ordering: true, Second / 10).Next()!.Value;
        var restarted = new StampSequence(watermark, clock, ordering: true, Second / 10);

        var refused = restarted.Next();
        clock.Now = Start.AddMilliseconds(950);
        var granted = restarted.Next();

        refused.ShouldBeNull();
        granted.ShouldNotBeNull().Serial.ShouldBeGreaterThan(last.Serial);
    }

    [Fact]
    public void Close_ThenRestart_ContinuesRightAfterTheLastStamp()
    {
        var watermark = new MemoryWatermark();
        var clock = new SettableClock(Start);
        var before = new StampSequence(watermark, clock, ordering: true, Second / 1000);
        var last = Enumerable.Range(0, 10).Select(_ => before.Next()!.Value).Last();

        before.Close();
        var saved = watermark.Value;
        var after = new StampSequence(watermark, clock, ordering: true, Second / 1000).Next();

        saved.ShouldBe(last.Serial + 1);
        after.ShouldNotBeNull().Serial.ShouldBe(last.Serial + 1);
        after.Value.Time.ShouldBe(last.Time.AddTicks(10));
        Should.Throw<ObjectDisposedException>(() => before.Next());
    }

    [Fact]
    public void Next_RestartWithClockSetBack_OrderingRefusedUntilClockCatchesUp()
    {
        var watermark = new MemoryWatermark();
        var clock = new SettableClock(Start);
        var last = new StampSequence(watermark, clock, ordering: true, Second).Next()!.Value;
        clock.Now = Start.AddHours(-1);
        var restarted = new StampSequence(watermark, clock, ordering: true, Second);

        var refused = restarted.Next();
        clock.Now = Start.AddMilliseconds(500);
        var granted = restarted.Next();

        refused.ShouldBeNull();
        granted.ShouldNotBeNull().Serial.ShouldBeGreaterThan(last.Serial);
        granted.Value.Time.ShouldBeGreaterThan(last.Time);
    }

    [Fact]
    public void Next_RestartWithClockSetBackWithoutOrdering_UniqueSerialsAndClockTime()
    {
        var watermark = new MemoryWatermark();
        var clock = new SettableClock(Start);
        var last = new StampSequence(watermark, clock, ordering: false, Second).Next()!.Value;
        clock.Now = Start.AddHours(-1);

        var after = new StampSequence(watermark, clock, ordering: false, Second).Next()!.Value;

        after.Serial.ShouldBeGreaterThan(last.Serial);
        after.Time.ShouldBe(Start.AddHours(-1).UtcDateTime);
    }

    [Fact]
    public void Next_ConcurrentCallers_AllSerialsDistinct()
    {
        var sequence = new StampSequence(new MemoryWatermark(), TimeProvider.System, ordering: true, Second);

        var serials = new System.Collections.Concurrent.ConcurrentBag<long>();
        Parallel.For(0, 20_000, _ => serials.Add(sequence.Next()!.Value.Serial));

        serials.Distinct().Count().ShouldBe(20_000);
    }

    [Fact]
    public void FileSerialWatermark_SaveThenLoadInNewInstance_RoundTrips()
    {
        using var directory = new Testing.TempDirectory("gmpki-tsa-");
        var path = directory.File("tsa-serial");

        new FileSerialWatermark(path).Load().ShouldBe(0);
        new FileSerialWatermark(path).Save(1_795_000_000_000_000);

        new FileSerialWatermark(path).Load().ShouldBe(1_795_000_000_000_000);
        File.Exists(path + ".tmp").ShouldBeFalse();
    }

    [Fact]
    public void FileSerialWatermark_DamagedFile_FormatException()
    {
        using var directory = new Testing.TempDirectory("gmpki-tsa-");
        File.WriteAllText(directory.File("tsa-serial"), "garbage");

        Should.Throw<FormatException>(() => new FileSerialWatermark(directory.File("tsa-serial")).Load());
    }
}
