namespace GmPki.Testing;

/// <summary>The repository's root: the directory holding <c>GmPki.slnx</c>, found by walking up from the test binaries.</summary>
public static class RepositoryRoot
{
    /// <summary>The root's absolute path.</summary>
    /// <exception cref="InvalidOperationException">The tests do not run from inside a clone.</exception>
    public static string Path { get; } = Locate();

    /// <summary>The absolute path of <paramref name="relative"/> (forward slashes) inside the repository.</summary>
    public static string Of(string relative) => System.IO.Path.Combine([Path, .. relative.Split('/')]);

    private static string Locate()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "GmPki.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("GmPki.slnx not found above " + AppContext.BaseDirectory);
    }
}
