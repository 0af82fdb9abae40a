using GmPki.Compliance.Verification;
using GmPki.Core.Errors;
using GmPki.Hosting.Configuration;
using GmPki.Storage;

namespace GmPki.Hosting.Backup;

/// <summary>
/// <c>gmpki restore</c> (<c>docs/storage.md</c>, "Backup and restore"): checks every file of a
/// backup against its manifest (size and SM3), copies the files into a staging directory beside
/// the target (restoring the PostgreSQL dump with <c>pg_restore</c>), verifies the restored
/// ledger's audit chain and checkpoints (<see cref="LedgerVerification"/>), and only then moves
/// the staging directory into place. On any failure nothing is left in the target directory.
/// </summary>
public static class InstallationRestore
{
    /// <summary>Restores the backup in <paramref name="from"/> into <paramref name="target"/>.</summary>
    /// <param name="from">A backup directory written by <see cref="InstallationBackup"/>.</param>
    /// <param name="target">The data directory to restore into: new or empty, unless <paramref name="replace"/>.</param>
    /// <param name="replace">Whether a non-empty <paramref name="target"/> is replaced (its content deleted once the restored copy verified).</param>
    /// <param name="database">For PostgreSQL: the connection string of the (new, empty) database to restore into, written into the restored <c>gmpki.json</c>; null to restore into the database the backed-up configuration names.</param>
    /// <param name="progress">Receives one line per step, in the user's language (<see cref="BackupText"/>), or null.</param>
    /// <param name="cancellationToken">Stops the restore; the staging directory is removed.</param>
    /// <returns>The manifest restored and the verdict on its audit chain (intact).</returns>
    /// <exception cref="GmPkiException"><c>backup-invalid</c> when the manifest, a file, pg_restore or the audit chain fails;
    /// <c>already-initialized</c> when <paramref name="target"/> is not empty and <paramref name="replace"/> is false.</exception>
    public static async Task<(BackupManifest Manifest, AuditVerification Verification)> RestoreAsync(
        string from, DataDirectory target, bool replace, string? database, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var source = Path.GetFullPath(from);
        var manifest = await BackupManifest.ReadAsync(source, cancellationToken);
        await CheckFilesAsync(source, manifest, progress, cancellationToken);
        if (File.Exists(target.Path) || (BackupFiles.IsNonEmptyDirectory(target.Path) && !replace))
        {
            throw Errors.AlreadyInitialized.With(BackupText.Of($"{target.Path} 非空：恢复到新的或空的目录，或用 --force 替换其内容",
                $"{target.Path} is not empty: restore into a new or empty directory, or pass --force to replace its content"));
        }

        var staging = DataDirectory.At($"{target.Path}.restoring-{Guid.NewGuid():N}");
        try
        {
            var verification = await StageAsync(source, manifest, staging, database, progress, cancellationToken);
            if (Directory.Exists(target.Path))
            {
                Directory.Delete(target.Path, recursive: true);
            }

            Directory.Move(staging.Path, target.Path);
            return (manifest, verification);
        }
        finally
        {
            if (Directory.Exists(staging.Path))
            {
                Directory.Delete(staging.Path, recursive: true);
            }
        }
    }

    private static async Task CheckFilesAsync(string source, BackupManifest manifest, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        progress?.Report(BackupText.Of($"核对清单中 {manifest.Files.Count} 个文件的大小与 SM3 …", $"Checking the size and SM3 of the manifest's {manifest.Files.Count} file(s) …"));
        foreach (var expected in manifest.Files)
        {
            var relative = expected.Path.Replace('/', Path.DirectorySeparatorChar);
            if (Path.IsPathRooted(relative) || !BackupFiles.IsInside(Path.Combine(source, relative), source) || !File.Exists(Path.Combine(source, relative)))
            {
                throw Errors.BackupInvalid.With(BackupText.Of($"清单所列文件 {expected.Path} 不在备份中", $"the manifest's file {expected.Path} is not in the backup"));
            }

            var actual = await BackupFiles.DescribeAsync(source, relative, cancellationToken);
            if (actual.Size != expected.Size || actual.Sm3 != expected.Sm3)
            {
                throw Errors.BackupInvalid.With(BackupText.Of($"{expected.Path} 与清单不符（大小 {actual.Size}，应为 {expected.Size}；SM3 {actual.Sm3}）",
                    $"{expected.Path} differs from the manifest (size {actual.Size}, expected {expected.Size}; SM3 {actual.Sm3})"));
            }
        }
    }

    private static async Task<AuditVerification> StageAsync(string source, BackupManifest manifest, DataDirectory staging, string? database, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        BackupFiles.CreatePrivateDirectory(staging.Path);
        var prefix = BackupManifest.FilesFolder + "/";
        var files = manifest.Files.Where(f => f.Path.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            BackupFiles.Copy(Path.Combine(source, file.Path), staging.Combine(file.Path[prefix.Length..]));
        }

        progress?.Report(BackupText.Of($"已恢复 {files.Count} 个文件", $"Restored {files.Count} file(s)"));
        if (!staging.IsInitialized)
        {
            throw Errors.BackupInvalid.With(BackupText.Of("备份中没有 gmpki.json", "the backup holds no gmpki.json"));
        }

        if (database is not null)
        {
            InstallationConfiguration.Update(staging, json => json["Database"]!["ConnectionString"] = database);
        }

        if (manifest.Provider == StorageOptions.PostgreSqlProvider)
        {
            var storage = InstallationConfiguration.Validate(InstallationConfiguration.Load(staging), staging).Storage;
            progress?.Report(BackupText.Of("用 pg_restore 恢复 PostgreSQL 数据库 …", "Restoring the PostgreSQL database with pg_restore …"));
            await PostgresTools.RestoreAsync(storage.ConnectionString, Path.Combine(source, BackupManifest.PostgresDumpFile), cancellationToken);
        }

        progress?.Report(BackupText.Of("校验恢复的审计链与签名检查点 …", "Verifying the restored audit chain and signed checkpoints …"));
        var verification = await LedgerVerification.VerifyAsync(staging, null, null, cancellationToken);
        if (verification.Break is { } broken)
        {
            throw Errors.BackupInvalid.With(BackupText.Of($"恢复的审计链在事件 {broken.EventId} 处断裂：{broken.Reason}",
                $"the restored audit chain is broken at event {broken.EventId}: {broken.Reason}"));
        }

        return verification;
    }
}
