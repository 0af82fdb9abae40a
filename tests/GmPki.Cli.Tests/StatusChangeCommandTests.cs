using GmPki.Core.Ledger;
using GmPki.Hosting;

namespace GmPki.Cli.Tests;

/// <summary><c>gmpki suspend</c>, <c>resume</c> and <c>revoke</c> at the counter, and the urgent report by telephone.</summary>
public class StatusChangeCommandTests
{
    [SkippableFact]
    public async Task SuspendResumeRevoke_AtTheCounter_StatusFollows_RevokedNeverReturns()
    {
        using var cli = new Cli();
        await cli.InitAsync();
        var serial = await IssueAsync(cli, "张三");
        string[] store = ["--data", cli.Data, "--passphrase-file", cli.PassphraseFile, "--serial", serial];
        string[] scan = ["--evidence", cli.PathOf("id-card.jpg")];

        var suspend = await cli.RunAsync(["suspend", .. store, .. scan]);
        var suspended = await StatusAsync(cli, serial);
        var resume = await cli.RunAsync(["resume", .. store, .. scan]);
        var resumed = await StatusAsync(cli, serial);
        var withoutEvidence = await cli.RunAsync(["revoke", .. store, "--reason", "keyCompromise"]);
        var revoke = await cli.RunAsync(["revoke", .. store, "--reason", "keyCompromise", .. scan, "--paper-form", cli.PathOf("form.pdf")]);
        var resumeRevoked = await cli.RunAsync(["resume", .. store, .. scan]);

        suspend.ExitCode.ShouldBe(0, suspend.Error);
        suspend.Output.ShouldContain($"completed: certificate {serial} suspended");
        suspended.ShouldBe("suspended");
        resume.ExitCode.ShouldBe(0, resume.Error);
        resumed.ShouldBe("good");
        withoutEvidence.ExitCode.ShouldBe(1);
        withoutEvidence.Error.ShouldContain("--evidence and --paper-form");
        withoutEvidence.Error.ShouldContain("--urgent");
        revoke.ExitCode.ShouldBe(0, revoke.Error);
        revoke.Output.ShouldContain($"certificate {serial} revoked (keyCompromise)");
        resumeRevoked.ExitCode.ShouldBe(1);
        (await StatusAsync(cli, serial)).ShouldBe("revoked");
    }

    [SkippableFact]
    public async Task RevokeUrgent_CallerIsTheHolder_OnHoldAtOnce_OtherCallerRefused()
    {
        using var cli = new Cli();
        await cli.InitAsync();
        var serial = await IssueAsync(cli, "李四");
        string[] report = ["revoke", "--urgent", "--data", cli.Data, "--passphrase-file", cli.PassphraseFile, "--serial", serial, "--caller-name", "李四"];

        var impostor = await cli.RunAsync([.. report, "--caller-id-number", "110101199003071233"]);
        var afterImpostor = await StatusAsync(cli, serial);
        var holder = await cli.RunAsync([.. report, "--caller-id-number", Cli.ResidentId.ToLowerInvariant(), "--note", "call ref 42"]);

        impostor.ExitCode.ShouldBe(1);
        impostor.Error.ShouldContain("not the holder's");
        afterImpostor.ShouldBe("good");
        holder.ExitCode.ShouldBe(0, holder.Error);
        holder.Output.ShouldContain("on hold");
        holder.Output.ShouldContain("Revocation application");
        (await StatusAsync(cli, serial)).ShouldBe("suspended");
        await using var installation = await Installation.OpenAsync(DataDirectory.At(cli.Data), () => Cli.Passphrase, TimeProvider.System, CancellationToken.None);
        (await installation.Get<IAuditLog>().RecentAsync(50, CancellationToken.None))
            .ShouldContain(e => e.Action == "certificate.urgent-report-refused" && e.Target == "certificate:" + serial && e.Outcome == "rejected");
    }

    [SkippableFact]
    public async Task RevokeOnTheCasGrounds_ReviewerApprovesThenFulfil_Revoked()
    {
        using var cli = new Cli();
        await cli.InitAsync();
        var serial = await IssueAsync(cli, "王五");
        var reviewerKey = await cli.AddOperatorAsync("reviewer", "reviewer");
        File.WriteAllText(cli.PathOf("order.pdf"), "scan of the court order");
        string[] store = ["--data", cli.Data, "--passphrase-file", cli.PassphraseFile];

        var opened = await cli.RunAsync(["revoke", .. store, "--serial", serial, "--ground", "legal-order", "--statement", "法院裁定书（2026）京01执123号", "--evidence", cli.PathOf("order.pdf")]);
        var id = opened.Output.Split(' ')[1];
        var selfApproval = await cli.RunAsync("application", "approve", id, "--data", cli.Data, "--comment", "自己批准");
        var typedNameOnly = await cli.RunAsync("application", "approve", id, "--data", cli.Data, "--operator", "reviewer", "--comment", "冒名批准");
        var approved = await cli.RunAsync("application", "approve", id, "--data", cli.Data, "--operator", "reviewer", "--operator-key-file", reviewerKey, "--comment", "依裁定撤销。");
        var fulfilled = await cli.RunAsync(["application", "fulfil", id, .. store]);

        opened.ExitCode.ShouldBe(0, opened.Error);
        opened.Output.ShouldContain("legal-order) awaits a reviewer");
        selfApproval.ExitCode.ShouldBe(1);
        typedNameOnly.ExitCode.ShouldBe(1);
        typedNameOnly.Error.ShouldContain("needs its API key");
        approved.ExitCode.ShouldBe(0, approved.Error);
        fulfilled.ExitCode.ShouldBe(0, fulfilled.Error);
        fulfilled.Output.ShouldContain("is completed");
        (await StatusAsync(cli, serial)).ShouldBe("revoked");
    }

    private static async Task<string> IssueAsync(Cli cli, string name)
    {
        var issue = await cli.IssueAsync(cli.OpenSslRequest("holder", "/C=CN/CN=" + name), "personal", name);
        issue.ExitCode.ShouldBe(0, issue.Error);
        return issue.Output.Split('\n').Single(l => l.StartsWith("Issued ", StringComparison.Ordinal)).Split(' ')[1];
    }

    private static async Task<string> StatusAsync(Cli cli, string serial)
        => (await cli.RunAsync("show", serial, "--data", cli.Data)).Output.Split('\n').Single(l => l.StartsWith("Status:", StringComparison.Ordinal))["Status:".Length..].Trim();
}
