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
    /// <exception cref="DirectoryNotFoundException">No <c>tests/testdata</c> in the repository.</exception>
    /// <exception cref="InvalidOperationException">No <c>GmPki.slnx</c> above the test binaries (see <see cref="RepositoryRoot"/>).</exception>
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
        var testData = RepositoryRoot.Of("tests/testdata");
        return System.IO.Directory.Exists(testData)
            ? testData
            : throw new DirectoryNotFoundException($"tests/testdata is missing from the repository at '{RepositoryRoot.Path}'.");
    }
}
