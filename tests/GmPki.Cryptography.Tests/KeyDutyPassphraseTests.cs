using System.Security.Cryptography;
using GmPki.Core.Errors;
using GmPki.Core.Keys;
using GmPki.Cryptography.Keys;
using GmPki.Cryptography.Sm;
using GmPki.Testing;

namespace GmPki.Cryptography.Tests;

/// <summary>Keys per duty (docs/cryptography.md, "Keys per duty"): the audit, TSA and OCSP responder keys are not opened by the CA passphrase.</summary>
public class KeyDutyPassphraseTests
{
    private const string CaPassphrase = "the CA key passphrase";

    /// <summary>The passphrase of a separate duty: "the audit key passphrase", ….</summary>
    private static string Own(KeyDuty duty) => $"the {KeyDuties.NameOf(duty)} key passphrase";

    [Theory]
    [InlineData("audit", KeyDuty.Audit)]
    [InlineData("tsa", KeyDuty.Timestamping)]
    [InlineData("ocsp-issuing-20261208030918", KeyDuty.OcspResponder)]
    [InlineData("issuing", KeyDuty.CertificationAuthority)]
    [InlineData("data", KeyDuty.CertificationAuthority)]
    public void Of_Label_Duty(string label, KeyDuty duty) => KeyDuties.Of(label).ShouldBe(duty);

    [Theory]
    [InlineData("audit")]
    [InlineData("tsa")]
    [InlineData("ocsp-root-20261208030917")]
    public void Open_DutyKeyWithCaPassphraseOnly_KeyUnlockFailed(string label)
    {
        using var directory = new TempDirectory();
        var (generated, reference) = Separated(directory).Generate(label, KeyAlgorithm.Sm2, Sm2UserId.Default);

        var error = Should.Throw<GmPkiException>(() => new SoftwareKeyStore(directory.Path, () => CaPassphrase).Open(reference, Sm2UserId.Default));

        error.Error.ShouldBe(Errors.KeyUnlockFailed);
        Decrypts(directory.File(label + ".key.pem"), CaPassphrase).ShouldBeFalse();
        Decrypts(directory.File(label + ".key.pem"), Own(KeyDuties.Of(label))).ShouldBeTrue();
        Separated(directory).Open(reference, Sm2UserId.Default).SubjectPublicKeyInfo.ToArray().ShouldBe(generated.SubjectPublicKeyInfo.ToArray());
    }

    [Fact]
    public void Open_CaKeyOfSeparatedStore_CaPassphraseOpensIt()
    {
        using var directory = new TempDirectory();
        var (_, reference) = Separated(directory).Generate("issuing", KeyAlgorithm.Sm2, Sm2UserId.Default);

        new SoftwareKeyStore(directory.Path, () => CaPassphrase).Open(reference, Sm2UserId.Default).ShouldNotBeNull();
        Decrypts(directory.File("issuing.key.pem"), Own(KeyDuty.Audit)).ShouldBeFalse();
    }

    [Fact]
    public void Open_AuditKeyOfPriorInstallationWithItsOwnPassphrase_ReEncryptedUnderIt()
    {
        using var directory = new TempDirectory();
        var (_, reference) = new SoftwareKeyStore(directory.Path, () => CaPassphrase, iterations: 10_000).Generate("audit", KeyAlgorithm.Sm2, Sm2UserId.Default);
        var notices = new List<string>();

        new SoftwareKeyStore(directory.Path, new KeyPassphrases(() => CaPassphrase, Own, notices.Add), iterations: 10_000).Open(reference, Sm2UserId.Default);

        notices.ShouldHaveSingleItem().ShouldContain("audit key was protected by the CA passphrase");
        Decrypts(directory.File("audit.key.pem"), CaPassphrase).ShouldBeFalse();
        Decrypts(directory.File("audit.key.pem"), Own(KeyDuty.Audit)).ShouldBeTrue();
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(directory.File("audit.key.pem")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    [Fact]
    public void Open_DutyWithoutOwnPassphrase_SharesTheCaPassphrase()
    {
        using var directory = new TempDirectory();
        var (_, reference) = new SoftwareKeyStore(directory.Path, new KeyPassphrases(() => CaPassphrase, _ => null), iterations: 10_000)
            .Generate("tsa", KeyAlgorithm.Sm2, Sm2UserId.Default);

        Decrypts(directory.File("tsa.key.pem"), CaPassphrase).ShouldBeTrue();
        new SoftwareKeyStore(directory.Path, () => CaPassphrase).Open(reference, Sm2UserId.Default).ShouldNotBeNull();
    }

    [Fact]
    public void Open_SameKeyTwice_FileDecryptedOnce()
    {
        using var directory = new TempDirectory();
        var store = Separated(directory);
        var (generated, reference) = store.Generate("issuing", KeyAlgorithm.Sm2, Sm2UserId.Default);
        store.Open(reference, Sm2UserId.Default);
        File.Delete(directory.File("issuing.key.pem"));

        store.Open(reference, Sm2UserId.Default).SubjectPublicKeyInfo.ToArray().ShouldBe(generated.SubjectPublicKeyInfo.ToArray());
        Should.Throw<GmPkiException>(() => Separated(directory).Open(reference, Sm2UserId.Default)).Error.ShouldBe(Errors.KeyNotFound);
    }

    [Fact]
    public void Open_WrongDutyPassphrase_KeyUnlockFailedNamingTheDuty()
    {
        using var directory = new TempDirectory();
        var (_, reference) = Separated(directory).Generate("audit", KeyAlgorithm.Sm2, Sm2UserId.Default);

        var error = Should.Throw<GmPkiException>(() => new SoftwareKeyStore(directory.Path, new KeyPassphrases(() => CaPassphrase, _ => "a wrong audit passphrase"))
            .Open(reference, Sm2UserId.Default));

        error.Error.ShouldBe(Errors.KeyUnlockFailed);
        error.Message.ShouldContain("wrong audit passphrase");
    }

    private static SoftwareKeyStore Separated(TempDirectory directory)
        => new(directory.Path, new KeyPassphrases(() => CaPassphrase, Own), iterations: 10_000);

    private static bool Decrypts(string path, string passphrase)
    {
        var text = File.ReadAllText(path);
        try
        {
            System.Security.Cryptography.Pkcs.Pkcs8PrivateKeyInfo.DecryptAndDecode(passphrase, Convert.FromBase64String(text[PemEncoding.Find(text).Base64Data]), out _);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
