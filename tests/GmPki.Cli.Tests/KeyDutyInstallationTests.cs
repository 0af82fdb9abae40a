using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Core.Keys;
using GmPki.Cryptography.Keys;
using GmPki.Hosting;
using GmPki.Hosting.Keys;
using GmPki.Issuance.Authorities;
using GmPki.Testing;

namespace GmPki.Cli.Tests;

/// <summary>Keys per duty in a real installation (docs/cryptography.md, "Keys per duty"): one secret does not open all.</summary>
public class KeyDutyInstallationTests
{
    private const string CaPassphrase = "installation CA passphrase";

    private static string Own(KeyDuty duty) => $"installation {KeyDuties.NameOf(duty)} passphrase";

    [Fact]
    public async Task Init_SeparatePassphrases_CaPassphraseAloneOpensCaKeysButNotAuditOrTsaKey()
    {
        using var work = new TempDirectory("gmpki-duties-");
        var data = DataDirectory.At(Path.Combine(work.Path, "data"));
        await Initializer.InitializeAsync(data, new InitOptions(new HierarchyOptions(KeyAlgorithm.Sm2, "测试机构", "CN", "测试根CA", "测试签发CA"), "http://127.0.0.1:8080"),
            new KeyPassphrases(() => CaPassphrase, Own), new Actor("test", null, null), TimeProvider.System, CancellationToken.None);

        await using (var caOnly = await Installation.OpenAsync(data, () => CaPassphrase, TimeProvider.System, CancellationToken.None))
        {
            Should.Throw<GmPkiException>(() => caOnly.Get<AuditKeys>().Open()).Error.ShouldBe(Errors.KeyUnlockFailed);
            Should.Throw<GmPkiException>(() => caOnly.Get<TimestampKeys>().Open()).Error.ShouldBe(Errors.KeyUnlockFailed);
            caOnly.Get<IKeyStore>().Open("software:issuing", Cryptography.Sm.Sm2UserId.Default).ShouldNotBeNull();
        }

        await using var all = await Installation.OpenAsync(data, new KeyPassphrases(() => CaPassphrase, Own), TimeProvider.System, CancellationToken.None);
        all.Get<AuditKeys>().Open().Certificate.ShouldNotBeEmpty();
        all.Get<TimestampKeys>().Open().Certificate.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Init_DutyPassphraseEqualToCaPassphrase_RequestInvalidNothingCreated()
    {
        using var work = new TempDirectory("gmpki-duties-");
        var data = DataDirectory.At(Path.Combine(work.Path, "data"));

        var error = await Should.ThrowAsync<GmPkiException>(() => Initializer.InitializeAsync(data,
            new InitOptions(new HierarchyOptions(KeyAlgorithm.Sm2, "测试机构", "CN", "测试根CA", "测试签发CA"), "http://127.0.0.1:8080"),
            new KeyPassphrases(() => CaPassphrase, d => d == KeyDuty.Audit ? CaPassphrase : Own(d)), new Actor("test", null, null), TimeProvider.System, CancellationToken.None));

        error.Error.ShouldBe(Errors.RequestInvalid);
        error.Message.ShouldContain("GMPKI_AUDIT_PASSPHRASE");
        (Directory.Exists(data.Path) && Directory.EnumerateFileSystemEntries(data.Path).Any()).ShouldBeFalse();
    }
}
