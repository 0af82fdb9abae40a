using GmPki.Core.Keys;
using GmPki.Core.Ledger;

namespace GmPki.Status.Tests;

public class StatusChangeWatcherTests
{
    [Fact]
    public async Task Poll_ReturnsEachChangeOnceIncludingLateCommits()
    {
        var ledger = new MemoryStatusLedger();
        var authority = await TestAuthority.CreateAsync("ca", KeyAlgorithm.EcdsaP256, ledger);
        var watcher = new StatusChangeWatcher(ledger, TestAuthority.Now);
        ledger.Put(TestAuthority.Entry(authority, "41", CertificateStatus.Revoked, null, TestAuthority.Now.AddSeconds(10)));
        ledger.Put(TestAuthority.Entry(authority, "40", CertificateStatus.Revoked, null, TestAuthority.Now.AddMinutes(-5)));

        var first = await watcher.PollAsync(CancellationToken.None);
        ledger.Put(TestAuthority.Entry(authority, "42", CertificateStatus.Suspended, null, TestAuthority.Now.AddSeconds(5)));
        var late = await watcher.PollAsync(CancellationToken.None);
        var nothing = await watcher.PollAsync(CancellationToken.None);
        ledger.Put(TestAuthority.Entry(authority, "42", CertificateStatus.Good, null, TestAuthority.Now.AddSeconds(20)));
        var resumed = await watcher.PollAsync(CancellationToken.None);

        first.Select(e => e.SerialHex).ShouldBe(["41"]);
        late.Select(e => e.SerialHex).ShouldBe(["42"]);
        nothing.ShouldBeEmpty();
        resumed.ShouldHaveSingleItem().Status.ShouldBe(CertificateStatus.Good);
    }
}
