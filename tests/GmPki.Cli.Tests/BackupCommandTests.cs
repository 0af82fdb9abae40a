using System.Globalization;
using System.Text.Json.Nodes;
using GmPki.Cryptography.Sm;
using Microsoft.Data.Sqlite;

namespace GmPki.Cli.Tests;

/// <summary><c>gmpki backup</c> and <c>gmpki restore</c> on real installations (SQLite): the round trip, and every refusal.</summary>
public class BackupCommandTests
{
    [Fact]
    public async Task BackupThenRestore_IntoANewDirectory_ManifestAndAuditChainVerifiedKeysStayPrivate()
    {
        using var cli = new Cli();
        await cli.InitAsync();
        await CheckpointAsync(cli);

        var backup = await cli.RunAsync("backup", "--data", cli.Data, "--out", cli.PathOf("backup"));
        var restore = await cli.RunAsync("restore", "--from", cli.PathOf("backup"), "--data", cli.PathOf("restored"));
        var verify = await cli.RunAsync("audit", "verify", "--data", cli.PathOf("restored"));

        backup.ExitCode.ShouldBe(0, backup.Error);
        backup.Output.ShouldContain("Copying SQLite database gmpki.db online");
        backup.Output.ShouldMatch(@"Manifest SM3: [0-9a-f]{64}");
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(cli.PathOf("backup/manifest.json")))!;
        manifest["format"]!.GetValue<string>().ShouldBe("gmpki-backup/1");
        var database = manifest["files"]!.AsArray().Single(f => f!["path"]!.GetValue<string>() == "files/gmpki.db")!;
        database["sm3"]!.GetValue<string>().ShouldBe(Sm3.HashHex(await File.ReadAllBytesAsync(cli.PathOf("backup/files/gmpki.db"))));
        manifest["files"]!.AsArray().ShouldContain(f => f!["path"]!.GetValue<string>() == "files/gmpki.json");
        manifest["files"]!.AsArray().ShouldContain(f => f!["path"]!.GetValue<string>().StartsWith("files/keys/", StringComparison.Ordinal));
        restore.ExitCode.ShouldBe(0, restore.Error + restore.Output);
        restore.Output.ShouldMatch(@"OK: \d+ event\(s\) and 1 checkpoint\(s\) verified\.");
        restore.Output.ShouldContain("Restore complete");
        verify.ExitCode.ShouldBe(0, verify.Error);
        Directory.GetFiles(cli.PathOf("restored/keys")).ShouldNotBeEmpty();
        if (!OperatingSystem.IsWindows())
        {
            foreach (var key in Directory.GetFiles(cli.PathOf("restored/keys")))
            {
                File.GetUnixFileMode(key).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite, key);
            }

            File.GetUnixFileMode(cli.PathOf("backup")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        Directory.GetDirectories(cli.Work).ShouldNotContain(d => d.Contains(".restoring-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Restore_IntoANonEmptyDirectory_RefusedUnlessForced()
    {
        using var cli = new Cli();
        await cli.InitAsync();
        (await cli.RunAsync("backup", "--data", cli.Data, "--out", cli.PathOf("backup"))).ExitCode.ShouldBe(0);
        Directory.CreateDirectory(cli.PathOf("busy"));
        await File.WriteAllTextAsync(cli.PathOf("busy/other.txt"), "something else");

        var refused = await cli.RunAsync("restore", "--from", cli.PathOf("backup"), "--data", cli.PathOf("busy"));
        var kept = File.Exists(cli.PathOf("busy/other.txt"));
        var forced = await cli.RunAsync("restore", "--from", cli.PathOf("backup"), "--data", cli.PathOf("busy"), "--force");

        refused.ExitCode.ShouldBe(1);
        refused.Error.ShouldContain("[already-initialized]");
        kept.ShouldBeTrue();
        forced.ExitCode.ShouldBe(0, forced.Error);
        File.Exists(cli.PathOf("busy/other.txt")).ShouldBeFalse();
        File.Exists(cli.PathOf("busy/gmpki.json")).ShouldBeTrue();
    }

    [Fact]
    public async Task Restore_AFileAlteredAfterTheBackup_RefusedNamingTheFileNothingRestored()
    {
        using var cli = new Cli();
        await cli.InitAsync();
        (await cli.RunAsync("backup", "--data", cli.Data, "--out", cli.PathOf("backup"))).ExitCode.ShouldBe(0);
        await File.AppendAllTextAsync(cli.PathOf("backup/files/gmpki.json"), " ");

        var (code, _, error) = await cli.RunAsync("restore", "--from", cli.PathOf("backup"), "--data", cli.PathOf("restored"));

        code.ShouldBe(1);
        error.ShouldContain("files/gmpki.json differs from the manifest");
        error.ShouldContain("[backup-invalid]");
        Directory.Exists(cli.PathOf("restored")).ShouldBeFalse();
    }

    [Fact]
    public async Task Restore_LedgerEditedAndManifestRecomputed_AuditChainRefusesItNothingRestored()
    {
        using var cli = new Cli();
        await cli.InitAsync();
        (await cli.RunAsync("backup", "--data", cli.Data, "--out", cli.PathOf("backup"))).ExitCode.ShouldBe(0);
        var copy = cli.PathOf("backup/files/gmpki.db");
        await using (var connection = new SqliteConnection($"Data Source={copy};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE audit_events SET actor = 'cli:mallory' WHERE id = 4";
            (await command.ExecuteNonQueryAsync()).ShouldBe(1);
        }

        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(cli.PathOf("backup/manifest.json")))!;
        var entry = manifest["files"]!.AsArray().Single(f => f!["path"]!.GetValue<string>() == "files/gmpki.db")!;
        entry["sm3"] = Sm3.HashHex(await File.ReadAllBytesAsync(copy));
        entry["size"] = new FileInfo(copy).Length;
        await File.WriteAllTextAsync(cli.PathOf("backup/manifest.json"), manifest.ToJsonString());

        var (code, output, error) = await cli.RunAsync("restore", "--from", cli.PathOf("backup"), "--data", cli.PathOf("restored"));

        code.ShouldBe(1, output);
        error.ShouldContain("the restored audit chain is broken at event 4");
        Directory.Exists(cli.PathOf("restored")).ShouldBeFalse();
        Directory.GetDirectories(cli.Work).ShouldNotContain(d => d.Contains(".restoring-", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("data/inner", "cannot lie inside the data directory")]
    [InlineData("passphrase", "exists and is not empty")]
    public async Task Backup_IntoTheDataDirectoryOrOverAFile_Refused(string output, string message)
    {
        using var cli = new Cli();
        await cli.InitAsync();

        var (code, _, error) = await cli.RunAsync("backup", "--data", cli.Data, "--out", cli.PathOf(output));

        code.ShouldBe(1);
        error.ShouldContain(message);
        error.ShouldContain("[request-invalid]");
    }

    [Fact]
    public async Task Backup_ChineseUiCulture_MessagesInChinese()
    {
        using var cli = new Cli();
        await cli.InitAsync();
        var culture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        try
        {
            var (code, output, error) = await cli.RunAsync("backup", "--data", cli.Data, "--out", cli.PathOf("备份"));
            var missing = await cli.RunAsync("restore", "--from", cli.PathOf("nothing"), "--data", cli.PathOf("restored"));

            code.ShouldBe(0, error);
            output.ShouldContain("备份完成");
            output.ShouldContain("在线备份 SQLite 数据库 gmpki.db");
            missing.Error.ShouldContain("不是 GmPki 备份");
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }
    }

    private static async Task CheckpointAsync(Cli cli)
    {
        var (code, _, error) = await cli.RunAsync("audit", "checkpoint", "--data", cli.Data, "--passphrase-file", cli.PassphraseFile);
        code.ShouldBe(0, error);
    }
}
