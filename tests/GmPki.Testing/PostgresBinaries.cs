namespace GmPki.Testing;

/// <summary>Where the PostgreSQL server tools <c>initdb</c> and <c>pg_ctl</c> are installed.</summary>
/// <param name="InitDb">Absolute path of <c>initdb</c>.</param>
/// <param name="PgCtl">Absolute path of <c>pg_ctl</c>.</param>
internal sealed record PostgresBinaries(string InitDb, string PgCtl)
{
    /// <summary>Debian and Ubuntu install each major version under <c>/usr/lib/postgresql/{version}/bin</c>.</summary>
    private const string DebianRoot = "/usr/lib/postgresql";

    /// <summary>Looks on <c>PATH</c>, then in the newest <c>/usr/lib/postgresql/*/bin</c>; null when neither has both tools.</summary>
    public static PostgresBinaries? Locate()
    {
        if (FindOnPath("initdb") is { } initDb && FindOnPath("pg_ctl") is { } pgCtl)
        {
            return new PostgresBinaries(initDb, pgCtl);
        }

        if (!Directory.Exists(DebianRoot))
        {
            return null;
        }

        return Directory.GetDirectories(DebianRoot)
            .Select(directory => (Directory: directory, Version: ParseVersion(Path.GetFileName(directory))))
            .Where(candidate => candidate.Version is not null)
            .OrderByDescending(candidate => candidate.Version)
            .Select(candidate => Path.Combine(candidate.Directory, "bin"))
            .Where(bin => IsFile(Path.Combine(bin, "initdb")) && IsFile(Path.Combine(bin, "pg_ctl")))
            .Select(bin => new PostgresBinaries(Path.Combine(bin, "initdb"), Path.Combine(bin, "pg_ctl")))
            .FirstOrDefault();
    }

    /// <summary>The absolute path of <paramref name="program"/> in the first <c>PATH</c> entry that has it, or null.</summary>
    public static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(IsFile);

    /// <summary>True for an existing file, or a symbolic link whose final target exists.</summary>
    private static bool IsFile(string path)
    {
        var file = new FileInfo(path);
        return file.Exists && (file.ResolveLinkTarget(returnFinalTarget: true) is not { } target || target.Exists);
    }

    private static Version? ParseVersion(string name) =>
        Version.TryParse(name.Contains('.', StringComparison.Ordinal) ? name : name + ".0", out var version) ? version : null;
}
