namespace GmPki.Testing;

/// <summary>
/// The public conformance suites kept in the repository under <c>tests/testdata</c> (NIST PKITS,
/// x509-limbo; sources, versions and licences in its README), located by walking up from the test
/// binaries to the directory holding <c>GmPki.slnx</c>. They are part of every clone, so a missing
/// file is a failure, never a skip.
/// </summary>
public static class ConformanceTestData
{
    /// <summary>The absolute path of the repository's <c>tests/testdata</c> directory.</summary>
    /// <exception cref="DirectoryNotFoundException">No <c>GmPki.slnx</c> above the test binaries, or no <c>tests/testdata</c> beside it.</exception>
    public static string Directory => LocatedDirectory.Value;

    private static readonly Lazy<string> LocatedDirectory = new(Locate);

    /// <summary>The absolute path of the file <paramref name="relative"/> (for example <c>pkits/pkits.json</c>) inside <see cref="Directory"/>.</summary>
    /// <exception cref="FileNotFoundException">The file is not there.</exception>
    public static string Require(string relative)
    {
        var path = Path.Combine(Directory, relative);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"conformance test data '{relative}' is missing from tests/testdata; restore it from the repository.", path);
    }

    private static string Locate()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "GmPki.slnx")))
            {
                var testData = Path.Combine(directory.FullName, "tests", "testdata");
                return System.IO.Directory.Exists(testData)
                    ? testData
                    : throw new DirectoryNotFoundException($"tests/testdata is missing from the repository at '{directory.FullName}'.");
            }
        }

        throw new DirectoryNotFoundException($"no GmPki.slnx above '{AppContext.BaseDirectory}': the conformance tests run from a clone of the repository.");
    }
}
