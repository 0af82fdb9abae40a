using Microsoft.Data.Sqlite;

namespace GmPki.Cli.Tests;

/// <summary><c>gmpki audit</c> on real installations; the ledger is tampered with through SQLite directly.</summary>
public class AuditCommandTests
{
    // init writes twelve events: two CAs, the audit key's certificate (reserved, signing, issued),
    // the TSA key's certificate (reserved, signing, issued), the CPS, notice and agreement
    // documents, the administrator.
    private const int InitEvents = 12;

    // The counter flow writes fourteen: subscriber, application, seven steps (identity, materials,
    // notice, agreement, will, subject consistency, approval), the certificate (reserved, signing,
    // issued), fulfilment and acceptance.
    private const int CounterEvents = 14;

    [SkippableFact]
    public async Task Verify_AfterIssueAndCheckpoint_OkWithEveryEventAndTheCheckpoint()
    {
        using var cli = new Cli();
        await cli.InitAsync();
        var csr = cli.OpenSslRequest("user", "/C=CN/CN=张三");
        (await cli.IssueAsync(csr, "personal", "张三")).ExitCode.ShouldBe(0);

        var checkpoint = await cli.RunAsync("audit", "checkpoint", "--data", cli.Data, "--passphrase-file", cli.PassphraseFile);
        var verify = await cli.RunAsync("audit", "verify", "--data", cli.Data);

        checkpoint.ExitCode.ShouldBe(0, checkpoint.Error);
        checkpoint.Output.ShouldContain($"Checkpoint signed through event {InitEvents + CounterEvents} ");
        verify.ExitCode.ShouldBe(0, verify.Error);
        verify.Output.ShouldContain($"OK: {InitEvents + CounterEvents} event(s) and 1 checkpoint(s) verified.");
        verify.Output.ShouldContain("0 later event(s)");
    }

    [Fact]
    public async Task Verify_RootPinnedToTheInstallationsRoot_Ok()
    {
        using var cli = new Cli();
        await cli.InitAsync();
        await CheckpointAsync(cli);
        await File.WriteAllBytesAsync(cli.PathOf("root.der"), await ReadRootAsync(cli));

        var (code, output, error) = await cli.RunAsync("audit", "verify", "--data", cli.Data, "--root", cli.PathOf("root.der"));

        code.ShouldBe(0, error + output);
    }

    [Fact]
    public async Task Verify_RootPinnedToAnotherCertificate_Exit1CheckpointSignatureInvalid()
    {
        using var cli = new Cli();
        await cli.InitAsync();
        await CheckpointAsync(cli);

        var (code, output, _) = await cli.RunAsync("audit", "verify", "--data", cli.Data, "--root", Path.Combine(cli.Data, "audit-key.crt"));

        code.ShouldBe(1);
        output.ShouldContain($"BROKEN at event {InitEvents}: checkpoint signature invalid.");
        output.ShouldContain("pinned root");
    }

    [Theory]
    [InlineData("UPDATE audit_events SET actor = 'cli:mallory' WHERE id = 4", "BROKEN at event 4: hash mismatch (the event was edited).")]
    [InlineData("DELETE FROM audit_events WHERE id = 4", "BROKEN at event 5: previous-hash mismatch (an event was deleted, inserted or reordered).")]
    [InlineData("UPDATE audit_checkpoints SET created_at = '2020-01-01 00:00:00'", "BROKEN at event 12: checkpoint signature invalid.")]
    public async Task Verify_LedgerTamperedWith_Exit1AtTheFirstBrokenLink(string tamper, string expected)
    {
        using var cli = new Cli();
        await cli.InitAsync();
        await CheckpointAsync(cli);
        await ExecuteAsync(cli, tamper);

        var (code, output, _) = await cli.RunAsync("audit", "verify", "--data", cli.Data);

        code.ShouldBe(1);
        output.ShouldContain(expected);
    }

    [Fact]
    public async Task Checkpoint_NothingNew_SaysSo()
    {
        using var cli = new Cli();
        await cli.InitAsync();
        await CheckpointAsync(cli);

        var (code, output, _) = await cli.RunAsync("audit", "checkpoint", "--data", cli.Data, "--passphrase-file", cli.PassphraseFile);

        code.ShouldBe(0);
        output.ShouldContain("Nothing to checkpoint");
    }

    [Fact]
    public async Task CreateKey_InstallationWithoutAuditKey_CreatesOneThatSignsCheckpoints()
    {
        using var cli = new Cli();
        await cli.InitAsync();
        File.Delete(Path.Combine(cli.Data, "audit-key.crt"));
        File.Delete(Path.Combine(cli.Data, "keys", "audit.key.pem"));

        var missing = await cli.RunAsync("audit", "checkpoint", "--data", cli.Data, "--passphrase-file", cli.PassphraseFile);
        var created = await cli.RunAsync("audit", "create-key", "--data", cli.Data, "--passphrase-file", cli.PassphraseFile);
        var again = await cli.RunAsync("audit", "create-key", "--data", cli.Data, "--passphrase-file", cli.PassphraseFile);
        await CheckpointAsync(cli);
        var verify = await cli.RunAsync("audit", "verify", "--data", cli.Data);

        missing.ExitCode.ShouldBe(1);
        missing.Error.ShouldContain("gmpki audit create-key");
        created.ExitCode.ShouldBe(0, created.Error);
        again.ExitCode.ShouldBe(1);
        again.Error.ShouldContain("[already-initialized]");
        verify.ExitCode.ShouldBe(0, verify.Output);
        verify.Output.ShouldContain($"OK: {InitEvents + 3} event(s) and 1 checkpoint(s) verified.");
    }

    [Fact]
    public async Task Verify_InvalidAuditSettings_Exit1WithNumberedProblems()
    {
        using var cli = new Cli();
        await cli.InitAsync();
        var configuration = Path.Combine(cli.Data, "gmpki.json");
        File.WriteAllText(configuration, File.ReadAllText(configuration)
            .Replace("\"CheckpointEvents\": 1000", "\"CheckpointEvents\": 0", StringComparison.Ordinal)
            .Replace("\"CheckpointMinutes\": 60", "\"CheckpointMinutes\": 1441", StringComparison.Ordinal));

        var (code, _, error) = await cli.RunAsync("audit", "verify", "--data", cli.Data);

        code.ShouldBe(1);
        error.ShouldContain("GMPKI-AUDIT-001");
        error.ShouldContain("GMPKI-AUDIT-002");
    }

    private static async Task CheckpointAsync(Cli cli)
    {
        var (code, _, error) = await cli.RunAsync("audit", "checkpoint", "--data", cli.Data, "--passphrase-file", cli.PassphraseFile);
        code.ShouldBe(0, error);
    }

    private static async Task<byte[]> ReadRootAsync(Cli cli)
    {
        await using var connection = Open(cli);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT certificate_der FROM authorities WHERE kind = 'Root'";
        return (byte[])(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(Cli cli, string sql)
    {
        await using var connection = Open(cli);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static SqliteConnection Open(Cli cli)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(cli.Data, "gmpki.db")};Pooling=False");
        connection.Open();
        return connection;
    }
}
