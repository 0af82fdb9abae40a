using GmPki.Core.Errors;
using GmPki.Core.Keys;
using GmPki.Cryptography.Keys;
using GmPki.Cryptography.Sm;
using GmPki.Testing;

namespace GmPki.Cryptography.Tests;

public class SoftwareKeyStoreTests
{
    [Fact]
    public void Open_AfterGenerate_SignsWithSameKey()
    {
        using var directory = new TempDirectory();
        var store = new SoftwareKeyStore(directory.Path, () => "a long enough passphrase", iterations: 10_000);
        var (generated, reference) = store.Generate("issuing", KeyAlgorithm.Sm2, Sm2UserId.Default);

        var reopened = new SoftwareKeyStore(directory.Path, () => "a long enough passphrase").Open(reference, Sm2UserId.Default);

        reference.ShouldBe("software:issuing");
        reopened.SubjectPublicKeyInfo.ToArray().ShouldBe(generated.SubjectPublicKeyInfo.ToArray());
    }

    [Fact]
    public void Generate_WritesEncryptedOwnerOnlyPem()
    {
        using var directory = new TempDirectory();
        new SoftwareKeyStore(directory.Path, () => "a long enough passphrase", iterations: 10_000).Generate("root", KeyAlgorithm.EcdsaP256, Sm2UserId.Default);
        var path = directory.File("root.key.pem");

        File.ReadAllText(path).ShouldStartWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(path).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    [Fact]
    public void Open_WrongPassphrase_KeyUnlockFailed()
    {
        using var directory = new TempDirectory();
        var (_, reference) = new SoftwareKeyStore(directory.Path, () => "a long enough passphrase", iterations: 10_000)
            .Generate("root", KeyAlgorithm.Sm2, Sm2UserId.Default);

        var error = Should.Throw<GmPkiException>(() => new SoftwareKeyStore(directory.Path, () => "not the passphrase").Open(reference, Sm2UserId.Default));

        error.Error.Code.ShouldBe("key-unlock-failed");
        error.Message.ShouldNotContain("not the passphrase");
    }

    [Theory]
    [InlineData("software:missing", "key-not-found")]
    [InlineData("hsm:slot-1", "key-not-found")]
    [InlineData("software:../etc/passwd", "key-not-found")]
    public void Open_BadReference_KeyNotFound(string reference, string code)
    {
        using var directory = new TempDirectory();
        var store = new SoftwareKeyStore(directory.Path, () => "unused");

        Should.Throw<GmPkiException>(() => store.Open(reference, Sm2UserId.Default)).Error.Code.ShouldBe(code);
    }

    [Fact]
    public void Generate_ExistingLabel_RefusedAndFileKept()
    {
        using var directory = new TempDirectory();
        var store = new SoftwareKeyStore(directory.Path, () => "a long enough passphrase", iterations: 10_000);
        store.Generate("root", KeyAlgorithm.Sm2, Sm2UserId.Default);
        var before = File.ReadAllText(directory.File("root.key.pem"));

        Should.Throw<GmPkiException>(() => store.Generate("root", KeyAlgorithm.Sm2, Sm2UserId.Default)).Error.Code.ShouldBe("already-initialized");
        File.ReadAllText(directory.File("root.key.pem")).ShouldBe(before);
    }

    [Fact]
    public void Generate_PassphraseAskedOnceAndLazily()
    {
        using var directory = new TempDirectory();
        var asked = 0;
        var store = new SoftwareKeyStore(directory.Path, () => { asked++; return "a long enough passphrase"; }, iterations: 10_000);
        asked.ShouldBe(0);

        store.Generate("a", KeyAlgorithm.EcdsaP256, Sm2UserId.Default);
        store.Generate("b", KeyAlgorithm.EcdsaP256, Sm2UserId.Default);

        asked.ShouldBe(1);
    }

    [Fact]
    public void OpenSecret_AfterGenerateSecret_SameSixteenBytes()
    {
        using var directory = new TempDirectory();
        var (secret, reference) = new SoftwareKeyStore(directory.Path, () => "a long enough passphrase", iterations: 10_000).GenerateSecret("data");

        var reopened = new SoftwareKeyStore(directory.Path, () => "a long enough passphrase").OpenSecret(reference);

        secret.Length.ShouldBe(16);
        reopened.ShouldBe(secret);
        File.ReadAllText(directory.File("data.key.pem")).ShouldStartWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
    }

    [Fact]
    public void OpenSecret_SigningKeyFile_KeyUnlockFailed()
    {
        using var directory = new TempDirectory();
        var store = new SoftwareKeyStore(directory.Path, () => "a long enough passphrase", iterations: 10_000);
        var (_, reference) = store.Generate("ca", KeyAlgorithm.Sm2, Sm2UserId.Default);

        Should.Throw<GmPkiException>(() => store.OpenSecret(reference)).Error.Code.ShouldBe("key-unlock-failed");
        Should.Throw<GmPkiException>(() => store.Open(store.GenerateSecret("data").Reference, Sm2UserId.Default)).Error.Code.ShouldBe("key-unlock-failed");
    }
}
