using Xunit;

namespace GmPki.Testing;

/// <summary>
/// The suites kept outside the repository in <c>../shared/testdata</c> (NIST PKITS, x509-limbo;
/// see its README): located from the repository root, found by walking up from the test
/// binaries to the directory holding <c>GmPki.slnx</c>.
/// </summary>
public static class SharedTestData
{
    /// <summary>The <c>shared/testdata</c> directory, or null when the repository has no such sibling.</summary>
    public static string? Directory { get; } = Locate();

    /// <summary>The absolute path of <paramref name="relative"/> inside the test data; skips the calling test visibly when it is absent.</summary>
    public static string Require(string relative)
    {
        var path = Directory is null ? null : Path.Combine(Directory, relative);
        Skip.If(path is null || !(File.Exists(path) || System.IO.Directory.Exists(path)),
            $"shared test data '{relative}' not found (expected ../shared/testdata beside the repository root); the conformance run is skipped.");
        return path!;
    }

    private static string? Locate()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "GmPki.slnx")))
            {
                var candidate = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "testdata"));
                return System.IO.Directory.Exists(candidate) ? candidate : null;
            }
        }

        return null;
    }
}
