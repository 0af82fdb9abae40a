using System.Diagnostics;
using System.Security.Cryptography;
using GmPki.Core.Keys;
using GmPki.Core.Ledger;
using GmPki.Core.Status;
using GmPki.Status;
using GmPki.Status.Crl;
using Microsoft.Extensions.DependencyInjection;

namespace GmPki.StatusBench;

/// <summary>Time and peak memory to build and SM2-sign one CRL of N revoked entries, from an in-memory list, with the installation's issuing CA key.</summary>
internal static class CrlBuild
{
    public static async Task<int> RunAsync(int entries)
    {
        await using var installation = await BenchInstallation.StartAsync();
        var record = (await installation.Services.GetRequiredService<IAuthorityRegistry>().ListAsync(CancellationToken.None)).Last(a => a.Kind == AuthorityKind.Issuing);
        var key = installation.Services.GetRequiredService<IKeyStore>().Open(record.KeyReference, System.Text.Encoding.UTF8.GetBytes(record.Sm2UserId));
        var identity = new IssuerIdentity(record.Label, record.CertificateDer);
        var now = DateTime.UtcNow;
        string[] reasons = ["keyCompromise", "superseded", "affiliationChanged", "cessationOfOperation", "unspecified"];
        var revoked = new StatusEntry[entries];
        for (var i = 0; i < entries; i++)
        {
            var serial = RandomNumberGenerator.GetBytes(16);
            serial[0] = (byte)((serial[0] & 0x3F) | 0x40);
            revoked[i] = new StatusEntry(record.Label, Convert.ToHexStringLower(serial), 0, i % 10 == 0 ? CertificateStatus.Suspended : CertificateStatus.Revoked,
                now.AddSeconds(-i), reasons[i % reasons.Length], now.AddYears(1));
        }

        var content = new CrlContent(1, null, now, now.AddDays(1), "http://127.0.0.1/crl/issuing/0.crl", "http://127.0.0.1/crl/issuing/0-delta.crl", revoked, []);
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var baseline = process.WorkingSet64;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var stopwatch = Stopwatch.StartNew();
        var der = CrlBuilder.Build(identity, key, content);
        stopwatch.Stop();
        process.Refresh();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        Console.WriteLine($"RESULT crl entries={entries} seconds={stopwatch.Elapsed.TotalSeconds:F2} bytes={der.Length} " +
            $"allocatedMiB={allocated / 1048576.0:F0} workingSetBeforeMiB={baseline / 1048576.0:F0} peakWorkingSetMiB={process.PeakWorkingSet64 / 1048576.0:F0} " +
            $"cores={Environment.ProcessorCount}");
        return 0;
    }
}
