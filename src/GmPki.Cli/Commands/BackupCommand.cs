using System.CommandLine;
using GmPki.Hosting;
using GmPki.Hosting.Backup;

namespace GmPki.Cli.Commands;

/// <summary>
/// <c>gmpki backup --data DIR --out PATH</c>: a consistent online copy of the installation (ledger,
/// KMC database, key store, configuration) with an SM3 manifest, safe while <c>serve</c> runs
/// (<see cref="InstallationBackup"/>; <c>docs/storage.md</c>, "Backup and restore").
/// </summary>
internal static class BackupCommand
{
    public static Command Create(CliContext context)
    {
        var data = CliContext.DataOption();
        var output = new Option<string>("--out") { Description = "The backup directory to create (new or empty, outside the data directory).", Required = true };
        var command = new Command("backup", "Back up the installation online (databases, key store, configuration) with an SM3 manifest.") { data, output };
        command.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            var directory = DataDirectory.At(parse.GetValue(data)!);
            await context.Output.WriteLineAsync(BackupText.Of($"备份 {directory.Path} …", $"Backing up {directory.Path} …"));
            var result = await InstallationBackup.CreateAsync(directory, parse.GetValue(output)!, new LineProgress(context.Output), TimeProvider.System, cancellationToken);
            await context.Output.WriteLineAsync(BackupText.Of(
                $"备份完成：{result.Directory}，{result.Manifest.Files.Count} 个文件（{result.Manifest.Provider}）。",
                $"Backup complete: {result.Directory}, {result.Manifest.Files.Count} file(s) ({result.Manifest.Provider})."));
            await context.Output.WriteLineAsync(BackupText.Of($"  清单 SM3：{result.ManifestSm3}（请另行保存，以便恢复时核对）",
                $"  Manifest SM3: {result.ManifestSm3} (keep it apart from the backup to check it at restore)"));
            return 0;
        }));
        return command;
    }
}
