using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using GmPki.Hosting.Configuration;
using Microsoft.Data.Sqlite;

namespace GmPki.Hosting;

/// <summary>
/// Keeps a data directory private to the service's OS account (issue 15 item 5): the directory and
/// its subdirectories mode 0700, every file in it — <c>gmpki.db</c>, <c>kmc.db</c> and their
/// <c>-wal</c>/<c>-shm</c>, the key files, the configuration — mode 0600. New files get these
/// modes because the process's file-creation mask becomes 077 and the SQLite databases are created
/// empty with mode 0600 before SQLite opens them (SQLite gives <c>-wal</c> and <c>-shm</c> the
/// database file's mode); entries found looser at start are tightened and reported. Does nothing on
/// Windows, whose ACLs are the operator's to set.
/// </summary>
public static partial class DataDirectoryPermissions
{
    /// <summary>Mode of the data directory and its subdirectories: rwx for the owner only.</summary>
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Mode of every file in the data directory: rw for the owner only.</summary>
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode GroupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>
    /// Sets the process's file-creation mask to 077, creates <paramref name="data"/> (0700) if
    /// absent, creates the configured SQLite database files (0600) if absent, and tightens every
    /// entry found with group or other permissions.
    /// </summary>
    /// <param name="data">The data directory.</param>
    /// <param name="configuration">The validated configuration, for the SQLite files (ledger and embedded KMC); null before one exists.</param>
    /// <returns>One line per entry tightened (<c>{path} {old mode} -> {new mode}</c>, octal); empty when none was.</returns>
    public static IReadOnlyList<string> Secure(DataDirectory data, InstallationConfiguration.Validated? configuration)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (OperatingSystem.IsWindows())
        {
            return [];
        }

        _ = umask(0b000_111_111);
        if (!Directory.Exists(data.Path))
        {
            Directory.CreateDirectory(data.Path, DirectoryMode);
        }

        var tightened = new List<string>();
        Tighten(data.Path, DirectoryMode, tightened);
        foreach (var directory in Directory.EnumerateDirectories(data.Path, "*", SearchOption.AllDirectories))
        {
            Tighten(directory, DirectoryMode, tightened);
        }

        foreach (var file in Directory.EnumerateFiles(data.Path, "*", SearchOption.AllDirectories))
        {
            Tighten(file, FileMode, tightened);
        }

        if (configuration is not null && configuration.Storage.Provider == Storage.StorageOptions.SqliteProvider)
        {
            CreateDatabaseFile(configuration.Storage.ConnectionString);
            CreateDatabaseFile(configuration.Kmc.ConnectionString);
        }

        return tightened;
    }

    [UnsupportedOSPlatform("windows")]
    private static void Tighten(string path, UnixFileMode wanted, List<string> tightened)
    {
        if (new FileInfo(path).LinkTarget is not null)
        {
            return;
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & GroupOrOther) != 0)
        {
            File.SetUnixFileMode(path, mode & wanted);
            tightened.Add($"{path} {Octal(mode)} -> {Octal(mode & wanted)}");
        }
    }

    [UnsupportedOSPlatform("windows")]
    private static void CreateDatabaseFile(string connectionString)
    {
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(file) || file == ":memory:" || File.Exists(file))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(file)!, DirectoryMode);
        using var created = new FileStream(file, new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = FileMode });
    }

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');

    /// <summary>POSIX <c>umask(2)</c>: sets the file-creation mask, returns the previous one.</summary>
    [LibraryImport("libc", EntryPoint = "umask")]
    private static partial uint umask(uint mask);
}
