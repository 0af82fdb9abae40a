using System.CommandLine;
using GmPki.Hosting;
using GmPki.Hosting.Backup;

namespace GmPki.Cli.Commands;

/// <summary>
/// <c>gmpki restore --from PATH --data DIR</c>: restores a backup after checking every file's SM3
/// against the manifest, and declares success only once the restored ledger's audit chain and
/// checkpoints verify (<see cref="InstallationRestore"/>; <c>docs/storage.md</c>, "Backup and restore").
/// </summary>
internal static class RestoreCommand
{
    public static Command Create(CliContext context)
    {
        var from = new Option<string>("--from") { Description = "The backup directory (written by 'gmpki backup').", Required = true };
        var data = CliContext.DataOption();
        var force = new Option<bool>("--force") { Description = "Replace the content of a non-empty data directory (once the restored copy verified)." };
        var database = new Option<string?>("--database")
        {
            Description = "PostgreSQL only: connection string of the new, empty database to restore into (written into the restored gmpki.json); default: the backed-up configuration's.",
        };
        var command = new Command("restore", "Restore a backup into a data directory; verifies the manifest's SM3 and the audit chain before declaring success.") { from, data, force, database };
        command.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            var directory = DataDirectory.At(parse.GetValue(data)!);
            await context.Output.WriteLineAsync(BackupText.Of($"恢复到 {directory.Path} …", $"Restoring into {directory.Path} …"));
            var (manifest, verification) = await InstallationRestore.RestoreAsync(parse.GetValue(from)!, directory, parse.GetValue(force), parse.GetValue(database),
                new LineProgress(context.Output), cancellationToken);
            await AuditVerifyCommand.Report(context.Output, verification);
            await context.Output.WriteLineAsync(BackupText.Of(
                $"恢复完成：{manifest.Files.Count} 个文件与审计链已校验（备份时间 {Describe.Time(manifest.CreatedAt)}）。",
                $"Restore complete: {manifest.Files.Count} file(s) and the audit chain verified (backup of {Describe.Time(manifest.CreatedAt)})."));
            return 0;
        }));
        return command;
    }
}
