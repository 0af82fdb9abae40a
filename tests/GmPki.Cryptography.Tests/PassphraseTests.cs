using GmPki.Core.Errors;
using GmPki.Cryptography.Keys;
using GmPki.Testing;

namespace GmPki.Cryptography.Tests;

public class PassphraseTests
{
    [Fact]
    public void Resolve_File_FirstLineWins()
    {
        using var directory = new TempDirectory();
        File.WriteAllText(directory.File("pass"), "from the file\nsecond line\n");

        Passphrase.Resolve(directory.File("pass"), allowPrompt: false).ShouldBe("from the file");
    }

    [Fact]
    public void Resolve_MissingFile_PassphraseMissing()
    {
        Should.Throw<GmPkiException>(() => Passphrase.Resolve("/nonexistent/pass", allowPrompt: false)).Error.Code.ShouldBe("passphrase-missing");
    }

    [Fact]
    public void RequireStrong_ShortPassphrase_Refused()
    {
        Should.Throw<GmPkiException>(() => Passphrase.RequireStrong("short")).Error.Code.ShouldBe("request-invalid");
        Passphrase.RequireStrong("twelve chars").ShouldBe("twelve chars");
    }
}
