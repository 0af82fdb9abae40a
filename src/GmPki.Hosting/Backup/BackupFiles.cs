using GmPki.Cryptography.Sm;

namespace GmPki.Hosting.Backup;

/// <summary>The file operations backup and restore share: private directories, copies that keep the owner-only modes of key files, SM3 of files.</summary>
internal static class BackupFiles
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates <paramref name="path"/> (and its parents) readable only by its owner (0700).</summary>
    public static void CreatePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, OwnerOnly);
        }
    }

    /// <summary>Whether <paramref name="path"/> exists and holds anything.</summary>
    public static bool IsNonEmptyDirectory(string path) => Directory.Exists(path) && Directory.EnumerateFileSystemEntries(path).Any();

    /// <summary>Every regular file under <paramref name="root"/>, as paths relative to it, in ordinal order.</summary>
    public static IEnumerable<string> RelativeFiles(string root)
        => Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint })
            .Select(f => Path.GetRelativePath(root, f)).Order(StringComparer.Ordinal);

    /// <summary>Copies one file, creating private parent directories, with the source's Unix mode.</summary>
    public static void Copy(string source, string destination)
    {
        CreatePrivateDirectory(Path.GetDirectoryName(destination)!);
        File.Copy(source, destination, overwrite: false);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(destination, File.GetUnixFileMode(source));
        }
    }

    /// <summary>The manifest entry of the file at <paramref name="relative"/> under <paramref name="root"/>.</summary>
    public static async Task<BackupFile> DescribeAsync(string root, string relative, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(Path.Combine(root, relative));
        return new BackupFile(relative.Replace(Path.DirectorySeparatorChar, '/'), stream.Length, await Sm3.HashHexAsync(stream, cancellationToken));
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="directory"/> or inside it.</summary>
    public static bool IsInside(string path, string directory)
    {
        var relative = Path.GetRelativePath(directory, path);
        return relative == "." || (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative));
    }
}
