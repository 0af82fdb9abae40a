namespace GmPki.Testing;

/// <summary>A fresh directory under the system temp directory, deleted with its contents on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    /// <summary>Creates the directory.</summary>
    /// <param name="prefix">Start of the directory name, for finding leftovers.</param>
    public TempDirectory(string prefix = "gmpki-test-")
    {
        Path = Directory.CreateTempSubdirectory(prefix).FullName;
    }

    /// <summary>Absolute path of the directory.</summary>
    public string Path { get; }

    /// <summary>The absolute path of <paramref name="name"/> inside the directory.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Deletes the directory and everything in it.</summary>
    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
