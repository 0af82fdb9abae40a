namespace GmPki.Compliance.Tests;

/// <summary>The repository root: the nearest directory above the test binaries that holds <c>GmPki.slnx</c>.</summary>
internal static class RepositoryRoot
{
    public static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "GmPki.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("GmPki.slnx not found above " + AppContext.BaseDirectory);
    }
}
