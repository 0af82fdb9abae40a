using System.Text.Json;
using System.Text.Json.Serialization;
using GmPki.Core.Errors;

namespace GmPki.Hosting.Backup;

/// <summary>
/// <c>manifest.json</c> of a backup directory (<c>docs/storage.md</c>, "Backup and restore"): what
/// was copied, each file with its size and SM3 (GB/T 32905) so that a restore detects any
/// missing, truncated or altered file.
/// </summary>
/// <param name="Format">Always <see cref="CurrentFormat"/>.</param>
/// <param name="CreatedAt">UTC instant the backup finished.</param>
/// <param name="Provider">The ledger's database provider: <c>sqlite</c> or <c>postgresql</c>.</param>
/// <param name="Files">Every file of the backup but the manifest, paths relative to the backup directory with <c>/</c> separators.</param>
public sealed record BackupManifest(string Format, DateTime CreatedAt, string Provider, IReadOnlyList<BackupFile> Files)
{
    /// <summary>The manifest's file name in a backup directory.</summary>
    public const string FileName = "manifest.json";

    /// <summary>The format this version writes and reads.</summary>
    public const string CurrentFormat = "gmpki-backup/1";

    /// <summary>The folder of a backup that holds the data directory's files (the SQLite databases as their online copies).</summary>
    public const string FilesFolder = "files";

    /// <summary>The PostgreSQL dump's file name (<c>pg_dump --format=custom</c>).</summary>
    public const string PostgresDumpFile = "ledger.pgdump";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Writes the manifest into <paramref name="backupDirectory"/>.</summary>
    public async Task WriteAsync(string backupDirectory, CancellationToken cancellationToken)
        => await File.WriteAllBytesAsync(Path.Combine(backupDirectory, FileName), JsonSerializer.SerializeToUtf8Bytes(this, Json), cancellationToken);

    /// <summary>Reads the manifest of <paramref name="backupDirectory"/>.</summary>
    /// <exception cref="GmPkiException"><c>backup-invalid</c> when it is missing, unreadable or of another format.</exception>
    public static async Task<BackupManifest> ReadAsync(string backupDirectory, CancellationToken cancellationToken)
    {
        var path = Path.Combine(backupDirectory, FileName);
        if (!File.Exists(path))
        {
            throw Errors.BackupInvalid.With(BackupText.Of($"{path} 不存在：不是 GmPki 备份", $"{path} does not exist: not a GmPki backup"));
        }

        BackupManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<BackupManifest>(await File.ReadAllBytesAsync(path, cancellationToken), Json);
        }
        catch (JsonException e)
        {
            throw Errors.BackupInvalid.With(BackupText.Of($"清单无法读取（第 {e.LineNumber} 行）", $"the manifest cannot be read (line {e.LineNumber})"));
        }

        return manifest is { Format: CurrentFormat, Files: not null, Provider: not null } ? manifest
            : throw Errors.BackupInvalid.With(BackupText.Of($"清单格式不是 {CurrentFormat}", $"the manifest's format is not {CurrentFormat}"));
    }
}

/// <summary>One file of a backup.</summary>
/// <param name="Path">Relative to the backup directory, <c>/</c> separators.</param>
/// <param name="Size">Length in bytes.</param>
/// <param name="Sm3">SM3 of the content, lowercase hex.</param>
public sealed record BackupFile(string Path, long Size, string Sm3);
