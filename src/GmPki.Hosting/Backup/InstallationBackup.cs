using GmPki.Core.Errors;
using GmPki.Hosting.Configuration;
using GmPki.Storage;
using Microsoft.Data.Sqlite;

namespace GmPki.Hosting.Backup;

/// <summary>What a backup wrote.</summary>
/// <param name="Directory">The backup directory, absolute.</param>
/// <param name="Manifest">Its manifest.</param>
/// <param name="ManifestSm3">SM3 of <c>manifest.json</c>, lowercase hex: kept apart from the backup, it proves the manifest unchanged.</param>
public sealed record BackupResult(string Directory, BackupManifest Manifest, string ManifestSm3);

/// <summary>
/// <c>gmpki backup</c> (<c>docs/storage.md</c>, "Backup and restore"; M09 §12, §26): a consistent
/// online copy of an installation into a new directory, safe while <c>serve</c> writes. The
/// databases first — SQLite's ledger and KMC database through SQLite's online backup API
/// (one consistent snapshot each), PostgreSQL's (ledger and KMC tables in one database) through
/// <c>pg_dump</c> — then every other file of the data directory (configuration, key store,
/// certificates, TSA journal), so that the key store holds every key the copied ledger names;
/// last a manifest with each file's size and SM3.
/// </summary>
public static class InstallationBackup
{
    /// <summary>Backs up the installation in <paramref name="data"/> into <paramref name="output"/>.</summary>
    /// <param name="data">An initialised data directory.</param>
    /// <param name="output">The backup directory: new, or empty; not inside <paramref name="data"/>. Created owner-only (0700).</param>
    /// <param name="progress">Receives one line per step, in the user's language (<see cref="BackupText"/>), or null.</param>
    /// <param name="clock">Time source of the manifest's creation time.</param>
    /// <param name="cancellationToken">Stops the backup; what was written is removed.</param>
    /// <exception cref="GmPkiException"><c>request-invalid</c> when <paramref name="data"/> holds no installation, <paramref name="output"/> is not empty or lies inside it, or a SQLite database is configured outside the data directory; <c>internal</c> when pg_dump fails.</exception>
    public static async Task<BackupResult> CreateAsync(DataDirectory data, string output, IProgress<string>? progress, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(clock);
        var target = Path.GetFullPath(output);
        Check(data, target);
        var configuration = InstallationConfiguration.Validate(InstallationConfiguration.Load(data), data);
        var databases = SqliteDatabases(data, configuration);
        BackupFiles.CreatePrivateDirectory(target);
        try
        {
            var files = Path.Combine(target, BackupManifest.FilesFolder);
            BackupFiles.CreatePrivateDirectory(files);
            foreach (var database in databases)
            {
                progress?.Report(BackupText.Of($"在线备份 SQLite 数据库 {Path.GetFileName(database)} …", $"Copying SQLite database {Path.GetFileName(database)} online …"));
                CopySqlite(database, Path.Combine(files, Path.GetRelativePath(data.Path, database)));
            }

            if (configuration.Storage.Provider == StorageOptions.PostgreSqlProvider)
            {
                progress?.Report(BackupText.Of("用 pg_dump 转储 PostgreSQL 数据库（台账与密钥管理中心）…", "Dumping the PostgreSQL database (ledger and KMC) with pg_dump …"));
                await PostgresTools.DumpAsync(configuration.Storage.ConnectionString, Path.Combine(target, BackupManifest.PostgresDumpFile), cancellationToken);
            }

            var copied = 0;
            foreach (var relative in BackupFiles.RelativeFiles(data.Path).Where(f => !IsDatabaseFile(data, databases, f)))
            {
                cancellationToken.ThrowIfCancellationRequested();
                BackupFiles.Copy(data.Combine(relative), Path.Combine(files, relative));
                copied++;
            }

            progress?.Report(BackupText.Of($"已复制 {copied} 个文件（配置、密钥库、证书、时间戳日志）", $"Copied {copied} file(s) (configuration, key store, certificates, timestamp journal)"));
            var entries = new List<BackupFile>();
            foreach (var relative in BackupFiles.RelativeFiles(target))
            {
                entries.Add(await BackupFiles.DescribeAsync(target, relative, cancellationToken));
            }

            progress?.Report(BackupText.Of($"已计算 {entries.Count} 个文件的 SM3，写入清单", $"Computed the SM3 of {entries.Count} file(s); writing the manifest"));
            var manifest = new BackupManifest(BackupManifest.CurrentFormat, clock.GetUtcNow().UtcDateTime, configuration.Storage.Provider, entries);
            await manifest.WriteAsync(target, cancellationToken);
            var self = await BackupFiles.DescribeAsync(target, BackupManifest.FileName, cancellationToken);
            return new BackupResult(target, manifest, self.Sm3);
        }
        catch
        {
            Directory.Delete(target, recursive: true);
            throw;
        }
    }

    private static void Check(DataDirectory data, string target)
    {
        if (!data.IsInitialized)
        {
            throw Errors.RequestInvalid.With(BackupText.Of($"{data.Path} 中没有 GmPki 安装（缺少 gmpki.json）", $"{data.Path} holds no GmPki installation (no gmpki.json)"));
        }

        if (BackupFiles.IsInside(target, data.Path))
        {
            throw Errors.RequestInvalid.With(BackupText.Of("备份目录不能位于数据目录之内", "the backup directory cannot lie inside the data directory"));
        }

        if (File.Exists(target) || BackupFiles.IsNonEmptyDirectory(target))
        {
            throw Errors.RequestInvalid.With(BackupText.Of($"{target} 已存在且非空：备份需要新的或空的目录", $"{target} exists and is not empty: a backup needs a new or empty directory"));
        }
    }

    /// <summary>The SQLite databases to copy with the backup API: the ledger's and the embedded KMC's, when they are SQLite files (the KMC's only once created).</summary>
    private static List<string> SqliteDatabases(DataDirectory data, InstallationConfiguration.Validated configuration)
    {
        var databases = new List<string>();
        if (configuration.Storage.Provider != StorageOptions.SqliteProvider)
        {
            return databases;
        }

        if (Path.IsPathRooted(new SqliteConnectionStringBuilder(InstallationConfiguration.Load(data).Database.ConnectionString).DataSource))
        {
            throw Errors.RequestInvalid.With(BackupText.Of("Database:ConnectionString 的 SQLite 文件须以数据目录内的相对路径配置（默认 gmpki.db），恢复后才指向恢复的副本",
                "Database:ConnectionString must name the SQLite file by a path relative to the data directory (the default gmpki.db), so that a restored copy points at itself"));
        }

        databases.Add(new SqliteConnectionStringBuilder(configuration.Storage.ConnectionString).DataSource);
        var kmc = new SqliteConnectionStringBuilder(configuration.Kmc.ConnectionString).DataSource;
        if (File.Exists(kmc))
        {
            databases.Add(kmc);
        }

        return databases;
    }

    private static bool IsDatabaseFile(DataDirectory data, List<string> databases, string relative)
    {
        var path = data.Combine(relative);
        return databases.Any(d => path == d || path == d + "-wal" || path == d + "-shm" || path == d + "-journal");
    }

    /// <summary>SQLite's online backup API (<c>sqlite3_backup_*</c>): one consistent snapshot of a live database, writers not blocked (WAL).</summary>
    private static void CopySqlite(string source, string destination)
    {
        BackupFiles.CreatePrivateDirectory(Path.GetDirectoryName(destination)!);
        using (var from = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = source, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ConnectionString))
        using (var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = destination, Pooling = false }.ConnectionString))
        {
            from.Open();
            to.Open();
            from.BackupDatabase(to);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(destination, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
