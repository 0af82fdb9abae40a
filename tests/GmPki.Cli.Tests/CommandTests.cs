using GmPki.Core.Ledger;
using GmPki.Hosting;
using GmPki.Testing;

namespace GmPki.Cli.Tests;

public class CommandTests
{
    [SkippableFact]
    public async Task InitIssueShowList_OpenSslCsr_FullChainLeafFirstAndAudited()
    {
        using var cli = new Cli();
        var init = await cli.InitAsync("--organization", "某省数字证书认证中心", "--root-name", "某省根CA", "--issuing-name", "某省签发CA");
        var csr = cli.OpenSslRequest("user", "/C=CN/CN=张三");

        var issue = await cli.IssueAsync(csr, "personal", "张三");

        init.ShouldContain("API key, shown only once");
        init.ShouldContain("CN=某省根CA,O=某省数字证书认证中心,C=CN");
        issue.ExitCode.ShouldBe(0, issue.Error);
        var serial = issue.Output.Split('\n').Single(l => l.StartsWith("Issued ", StringComparison.Ordinal)).Split(' ')[1];
        var certificates = File.ReadAllText(cli.PathOf("chain.pem")).Split("-----END CERTIFICATE-----", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        certificates.Length.ShouldBe(3);
        for (var i = 0; i < 3; i++)
        {
            File.WriteAllText(cli.PathOf($"c{i}.pem"), certificates[i] + "\n-----END CERTIFICATE-----\n");
        }

        OpenSsl.MustRun(cli.Work, "x509", "-in", "c0.pem", "-noout", "-subject", "-nameopt", "utf8").ShouldContain("CN=张三");
        OpenSsl.MustRun(cli.Work, "x509", "-in", "c1.pem", "-noout", "-subject", "-nameopt", "utf8").ShouldContain("CN=某省签发CA");
        OpenSsl.MustRun(cli.Work, "x509", "-in", "c2.pem", "-noout", "-subject", "-nameopt", "utf8").ShouldContain("CN=某省根CA");
        OpenSsl.MustRun(cli.Work, "verify", "-partial_chain", "-vfyopt", "distid:1234567812345678", "-CAfile", "c1.pem", "c0.pem").ShouldContain("c0.pem: OK");

        var show = await cli.RunAsync("show", serial, "--data", cli.Data, "--pem");
        show.Output.ShouldContain("State:         issued");
        show.Output.ShouldContain("Subject:       CN=张三,C=CN");
        show.Output.ShouldContain("+08:00");
        show.Output.ShouldContain("-----BEGIN CERTIFICATE-----");
        (await cli.RunAsync("list", "--data", cli.Data)).Output.ShouldContain(serial);

        await using var installation = await Installation.OpenAsync(DataDirectory.At(cli.Data), () => Cli.Passphrase, TimeProvider.System, CancellationToken.None);
        var audit = await installation.Get<IAuditLog>().RecentAsync(50, CancellationToken.None);
        audit.Where(e => e.Target?.EndsWith(serial, StringComparison.Ordinal) == true).Select(e => e.Action)
            .ShouldBe(["certificate.issued", "certificate.signing", "certificate.serial-reserved"]);
        audit[0].Actor.ShouldBe("cli:" + Environment.UserName);
    }

    [Fact]
    public async Task Init_NonEmptyDirectory_RefusedAndExistingFilesKept()
    {
        using var cli = new Cli();
        Directory.CreateDirectory(cli.Data);
        File.WriteAllText(Path.Combine(cli.Data, "keep.txt"), "x");

        var (code, _, error) = await cli.RunAsync("init", "--data", cli.Data, "--passphrase-file", cli.PassphraseFile);

        code.ShouldBe(1);
        error.ShouldContain("[already-initialized]");
        File.Exists(Path.Combine(cli.Data, "keep.txt")).ShouldBeTrue();
    }

    [Fact]
    public async Task Init_WeakPassphrase_RefusedAndNothingCreated()
    {
        using var cli = new Cli();
        File.WriteAllText(cli.PassphraseFile, "short\n");

        var (code, _, error) = await cli.RunAsync("init", "--data", cli.Data, "--passphrase-file", cli.PassphraseFile);

        code.ShouldBe(1);
        error.ShouldContain("at least 12 characters");
        Directory.Exists(cli.Data).ShouldBeFalse();
    }

    [Fact]
    public async Task Init_BadNames_DataDirectoryLeftEmpty()
    {
        using var cli = new Cli();

        var (code, _, error) = await cli.RunAsync("init", "--data", cli.Data, "--passphrase-file", cli.PassphraseFile, "--country", "China");

        code.ShouldBe(1);
        error.ShouldContain("[request-invalid]");
        Directory.EnumerateFileSystemEntries(cli.Data).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("rsa-2048")]
    [InlineData("ecdsa-p256")]
    public async Task Init_OtherAlgorithms_CreateHierarchy(string algorithm)
    {
        using var cli = new Cli();

        var output = await cli.InitAsync("--algorithm", algorithm);

        output.ShouldContain($"Creating a {algorithm} CA hierarchy");
    }

    [SkippableFact]
    public async Task Issue_UnknownProfile_Exit1WithCode()
    {
        using var cli = new Cli();
        await cli.InitAsync();
        var csr = cli.OpenSslRequest("user", "/CN=x");

        var (code, _, error) = await cli.IssueAsync(csr, "vip", "x");

        code.ShouldBe(1);
        error.ShouldContain("[profile-unknown]");
        File.Exists(cli.PathOf("chain.pem")).ShouldBeFalse();
    }

    [Fact]
    public async Task Issue_WrongPassphrase_KeyUnlockFailed()
    {
        using var cli = new Cli();
        await cli.InitAsync();
        File.WriteAllText(cli.PassphraseFile, "not the passphrase at all\n");
        File.WriteAllText(cli.PathOf("req.pem"), "irrelevant");

        var (code, _, error) = await cli.IssueAsync(cli.PathOf("req.pem"), "personal", "张三");

        code.ShouldBe(1);
        error.ShouldContain("[key-unlock-failed]");
        error.ShouldNotContain("not the passphrase");
    }

    [Fact]
    public async Task Issue_InvalidProfileConfiguration_Exit1WithNumberedProblems()
    {
        using var cli = new Cli();
        await cli.InitAsync();
        var configuration = Path.Combine(cli.Data, "gmpki.json");
        File.WriteAllText(configuration, File.ReadAllText(configuration).Replace("\"ValidityDays\": 365", "\"ValidityDays\": 0", StringComparison.Ordinal)
            .Replace("\"BaseUrl\": \"http://127.0.0.1:8080\"", "\"BaseUrl\": \"ftp://x/\"", StringComparison.Ordinal));

        var (code, _, error) = await cli.RunAsync("list", "--data", cli.Data);

        code.ShouldBe(1);
        error.ShouldContain("GMPKI-PROFILE-005");
        error.ShouldContain("GMPKI-URL-001");
    }

    [Fact]
    public async Task Operator_AddAndList()
    {
        using var cli = new Cli();
        await cli.InitAsync();

        var add = await cli.RunAsync("operator", "add", "--data", cli.Data, "--name", "alice", "--role", "registrar");
        var duplicate = await cli.RunAsync("operator", "add", "--data", cli.Data, "--name", "alice", "--role", "registrar");
        var badRole = await cli.RunAsync("operator", "add", "--data", cli.Data, "--name", "bob", "--role", "king");
        var list = await cli.RunAsync("operator", "list", "--data", cli.Data);

        add.ExitCode.ShouldBe(0, add.Error);
        add.Output.ShouldContain("gmpki_");
        duplicate.ExitCode.ShouldBe(1);
        badRole.ExitCode.ShouldBe(1);
        badRole.Error.ShouldContain("registrar, reviewer");
        list.Output.ShouldContain("admin");
        list.Output.ShouldContain("alice");
        list.Output.ShouldContain("registrar");
    }

    [Fact]
    public async Task Operator_DisableEnableRotateExpire_CredentialFollows()
    {
        using var cli = new Cli();
        await cli.InitAsync();
        var key = await cli.AddOperatorAsync("alice", "registrar", "--expires", "2099-01-01");
        string[] approve = ["application", "approve", Guid.NewGuid().ToString(), "--data", cli.Data, "--comment", "x", "--operator", "alice", "--operator-key-file"];

        var before = await cli.RunAsync([.. approve, key]);
        var disabled = await cli.RunAsync("operator", "disable", "--data", cli.Data, "--name", "alice");
        var whileDisabled = await cli.RunAsync([.. approve, key]);
        var enabled = await cli.RunAsync("operator", "enable", "--data", cli.Data, "--name", "alice");
        var rotated = await cli.RunAsync("operator", "rotate", "--data", cli.Data, "--name", "alice", "--expires", "2099-06-30T08:00:00+08:00");
        var newKey = cli.WriteKey("alice-new", rotated.Output);
        var oldKey = await cli.RunAsync([.. approve, key]);
        var withNewKey = await cli.RunAsync([.. approve, newKey]);
        var pastExpiry = await cli.RunAsync("operator", "rotate", "--data", cli.Data, "--name", "alice", "--expires", "2001-01-01");
        var unknown = await cli.RunAsync("operator", "disable", "--data", cli.Data, "--name", "nobody");
        var list = await cli.RunAsync("operator", "list", "--data", cli.Data);

        before.Error.ShouldNotContain("[unauthenticated]");
        before.Error.ShouldContain("[application-not-found]");
        disabled.ExitCode.ShouldBe(0, disabled.Error);
        whileDisabled.Error.ShouldContain("[operator-disabled]");
        enabled.ExitCode.ShouldBe(0, enabled.Error);
        rotated.ExitCode.ShouldBe(0, rotated.Error);
        oldKey.Error.ShouldContain("[unauthenticated]");
        withNewKey.Error.ShouldContain("[application-not-found]");
        pastExpiry.Error.ShouldContain("[request-invalid]");
        unknown.Error.ShouldContain("[operator-not-found]");
        list.Output.ShouldContain("expires 2099-06-30 08:00:00 +08:00");
    }

    [SkippableFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Init_DataFiles_OwnerOnly_LooserOnesTightenedAtOpen()
    {
        Skip.If(OperatingSystem.IsWindows(), "POSIX modes");
        using var cli = new Cli();
        await cli.InitAsync();
        (await cli.RunAsync("operator", "list", "--data", cli.Data)).ExitCode.ShouldBe(0);
        var files = Directory.EnumerateFiles(cli.Data, "*", SearchOption.AllDirectories).ToList();

        files.Select(Path.GetFileName).ShouldContain("gmpki.db");
        files.Select(Path.GetFileName).ShouldContain("kmc.db");
        files.ShouldContain(f => f.EndsWith(".key.pem", StringComparison.Ordinal));
        files.ShouldContain(f => f.EndsWith("gmpki.db-wal", StringComparison.Ordinal) || f.EndsWith("gmpki.db-shm", StringComparison.Ordinal));
        files.ShouldAllBe(f => File.GetUnixFileMode(f) == (UnixFileMode.UserRead | UnixFileMode.UserWrite), string.Join(", ", files.Select(f => f + " " + File.GetUnixFileMode(f))));
        File.GetUnixFileMode(cli.Data).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.GetUnixFileMode(Path.Combine(cli.Data, "keys")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var database = Path.Combine(cli.Data, "gmpki.db");
        File.SetUnixFileMode(database, (UnixFileMode)Convert.ToInt32("644", 8));
        File.SetUnixFileMode(cli.Data, (UnixFileMode)Convert.ToInt32("755", 8));
        var reopened = await cli.RunAsync("operator", "list", "--data", cli.Data);

        reopened.ExitCode.ShouldBe(0, reopened.Error);
        reopened.Error.ShouldContain($"data directory permissions tightened: {database} 0644 -> 0600");
        reopened.Error.ShouldContain($"tightened: {cli.Data} 0755 -> 0700");
        File.GetUnixFileMode(database).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.GetUnixFileMode(cli.Data).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    [Fact]
    public async Task Operator_SamePersonAsTheAdministrator_CannotBeAuditOfficer()
    {
        using var cli = new Cli();
        await cli.InitAsync("--admin-id-number", Cli.ResidentId);

        var sameAuditor = await cli.RunAsync("operator", "add", "--data", cli.Data, "--name", "auditor", "--role", "audit-officer", "--id-number", Cli.ResidentId.ToLowerInvariant());
        var noIdentity = await cli.RunAsync("operator", "add", "--data", cli.Data, "--name", "security", "--role", "security-officer");
        var noAgency = await cli.RunAsync("operator", "add", "--data", cli.Data, "--name", "clerk", "--role", "agency-operator", "--agency", "nowhere");
        var otherAuditor = await cli.RunAsync("operator", "add", "--data", cli.Data, "--name", "auditor2", "--role", "audit-officer", "--id-number", "110101198001010053");

        sameAuditor.ExitCode.ShouldBe(1);
        sameAuditor.Error.ShouldContain("[separation-of-duties]");
        sameAuditor.Error.ShouldContain("operator 'admin'");
        noIdentity.Error.ShouldContain("[separation-of-duties]");
        noAgency.Error.ShouldContain("[agency-not-found]");
        otherAuditor.ExitCode.ShouldBe(0, otherAuditor.Error);
    }

    [Fact]
    public async Task RetentionPurge_FreshInstallation_RemovesNothing()
    {
        using var cli = new Cli();
        await cli.InitAsync();
        var csr = cli.OpenSslRequest("user", "/C=CN/CN=张三");
        (await cli.IssueAsync(csr, "personal", "张三")).ExitCode.ShouldBe(0);

        var (code, output, error) = await cli.RunAsync("retention", "purge", "--data", cli.Data);

        code.ShouldBe(0, error);
        output.ShouldContain("(5 years, 10 for government departments)");
        output.ShouldContain("Removed 0 application(s) and 0 subscriber(s); kept 0 closed application(s)");
    }

    [SkippableFact]
    public async Task Issue_PaperOfAnOutdatedNoticeVersion_RefusedBeforeAnythingIsRecorded()
    {
        using var cli = new Cli();
        await cli.InitAsync();
        var csr = cli.OpenSslRequest("user", "/C=CN/CN=张三");

        var outdated = await cli.IssueAsync(csr, "personal", "张三", "--notice-version", "0");
        var current = await cli.IssueAsync(csr, "personal", "张三", "--notice-version", "1", "--agreement-version", "1");

        outdated.ExitCode.ShouldBe(1);
        outdated.Error.ShouldContain("[step-invalid]");
        outdated.Error.ShouldContain("version 1 is in force");
        current.ExitCode.ShouldBe(0, current.Error);
        (await cli.RunAsync("application", "list", "--data", cli.Data)).Output.ShouldContain("1 application(s).");
    }

    [Fact]
    public async Task AgencyList_OverdueFiling_WarnsAndExits2()
    {
        using var cli = new Cli();
        await cli.InitAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        await using (var installation = await Installation.OpenAsync(DataDirectory.At(cli.Data), () => Cli.Passphrase, TimeProvider.System, CancellationToken.None))
        {
            var registry = installation.Get<GmPki.Registration.Agencies.AgencyRegistry>();
            var admin = GmPki.Registration.Workflow.RegistrationActor.Operator("cli:test", Core.Security.OperatorRole.CaAdministrator, null, null);
            var scope = new Core.Registration.AgencyScope(["personal"], [Core.Registration.SubscriberType.Individual], ["330100"]);
            await registry.RegisterAsync("late", new GmPki.Registration.Agencies.AgencyInput("迟延受理点", "王五", ["杭州市"], scope, today.AddDays(-40)), admin, CancellationToken.None);
            await registry.RegisterAsync("filed", new GmPki.Registration.Agencies.AgencyInput("按时受理点", "赵六", ["宁波市"], scope, today.AddDays(-10)), admin, CancellationToken.None);
            await registry.RecordFilingAsync("filed", today.AddDays(-5), admin, CancellationToken.None);
        }

        var (code, output, error) = await cli.RunAsync("agency", "list", "--data", cli.Data);

        code.ShouldBe(2);
        output.Split('\n').ShouldContain(l => l.Contains("│ late ", StringComparison.Ordinal) && l.Contains("│ overdue ", StringComparison.Ordinal) && l.Contains("迟延受理点", StringComparison.Ordinal));
        output.Split('\n').ShouldContain(l => l.Contains("│ filed ", StringComparison.Ordinal) && l.Contains("│ filed ", StringComparison.Ordinal) && l.Contains("按时受理点", StringComparison.Ordinal));
        output.ShouldContain("2 agency(ies), 1 filing warning(s).");
        error.ShouldContain("agency 'late': the agreement filing (备案) was due by");
        error.ShouldNotContain("'filed'");
    }

    [Fact]
    public async Task Show_UnknownSerial_Exit1()
    {
        using var cli = new Cli();
        await cli.InitAsync();

        var (code, _, error) = await cli.RunAsync("show", "abcdef", "--data", cli.Data);

        code.ShouldBe(1);
        error.ShouldContain("[certificate-not-found]");
    }

    [Fact]
    public async Task Usage_MissingRequiredOption_NonZeroWithMessage()
    {
        using var cli = new Cli();

        var (code, _, error) = await cli.RunAsync("issue", "--profile", "personal");

        code.ShouldNotBe(0);
        error.ShouldContain("--data");
    }
}
