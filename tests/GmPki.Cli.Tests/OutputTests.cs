using System.Text.Json;
using GmPki.Core.Keys;
using GmPki.Cryptography.Keys;
using GmPki.Cryptography.Signing;
using GmPki.Hosting;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;

namespace GmPki.Cli.Tests;

/// <summary><c>--json</c> on the read commands, and tables that stay aligned with Chinese names.</summary>
public class OutputTests
{
    [Fact]
    public async Task ListJson_ParsesWithCamelCaseFieldsAndTheIssuedSerial()
    {
        using var cli = new Cli();
        await cli.InitAsync();
        var serial = await IssueAsync(cli, "张三");

        var (code, output, error) = await cli.RunAsync("list", "--data", cli.Data, "--json");

        code.ShouldBe(0, error);
        using var json = JsonDocument.Parse(output);
        var certificates = json.RootElement.GetProperty("certificates").EnumerateArray().ToList();
        json.RootElement.GetProperty("total").GetInt32().ShouldBe(certificates.Count);
        var certificate = certificates.Single(c => c.GetProperty("serial").GetString() == serial);
        certificate.GetProperty("state").GetString().ShouldBe("issued");
        certificate.GetProperty("status").GetString().ShouldBe("good");
        certificate.GetProperty("subject").GetString().ShouldBe("CN=张三");
        certificate.GetProperty("keyAlgorithm").GetString().ShouldBe("sm2");
        certificate.GetProperty("notAfter").GetString().ShouldEndWith("Z");
        output.ShouldNotContain("\u001b");
    }

    [Fact]
    public async Task ShowJson_TheCertificateAndItsPem()
    {
        using var cli = new Cli();
        await cli.InitAsync();
        var serial = await IssueAsync(cli, "李四");

        var (code, output, error) = await cli.RunAsync("show", serial, "--data", cli.Data, "--json", "--pem");

        code.ShouldBe(0, error);
        using var json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("certificate").GetProperty("serial").GetString().ShouldBe(serial);
        json.RootElement.GetProperty("certificate").GetProperty("profile").GetString().ShouldBe("personal");
        json.RootElement.GetProperty("pem").GetString()!.ShouldStartWith("-----BEGIN CERTIFICATE-----");
    }

    [Fact]
    public async Task ApplicationJson_ListAndShowWithStepsAndEvidence()
    {
        using var cli = new Cli();
        await cli.InitAsync();
        var serial = await IssueAsync(cli, "王五");

        var list = await cli.RunAsync("application", "list", "--data", cli.Data, "--json");
        list.ExitCode.ShouldBe(0, list.Error);
        using var page = JsonDocument.Parse(list.Output);
        var listed = page.RootElement.GetProperty("applications").EnumerateArray().ShouldHaveSingleItem();
        listed.GetProperty("state").GetString().ShouldBe("completed");
        listed.GetProperty("steps").ValueKind.ShouldBe(JsonValueKind.Null);
        var id = listed.GetProperty("id").GetString()!;

        var show = await cli.RunAsync("application", "show", id, "--data", cli.Data, "--json");
        show.ExitCode.ShouldBe(0, show.Error);
        using var shown = JsonDocument.Parse(show.Output);
        shown.RootElement.GetProperty("resultSerial").GetString().ShouldBe(serial);
        shown.RootElement.GetProperty("nextStep").ValueKind.ShouldBe(JsonValueKind.Null);
        var steps = shown.RootElement.GetProperty("steps").EnumerateArray().ToList();
        steps.Select(s => s.GetProperty("step").GetString()).ShouldBe(
            ["identity-verification", "materials-review", "notice-acknowledgement", "agreement-signature", "will-confirmation", "subject-consistency", "approval", "fulfilment", "acceptance"]);
        var evidence = steps[0].GetProperty("evidence").EnumerateArray().ShouldHaveSingleItem();
        evidence.GetProperty("name").GetString().ShouldBe("id-card.jpg");
        evidence.GetProperty("length").GetInt64().ShouldBe(new FileInfo(cli.PathOf("id-card.jpg")).Length);
        evidence.GetProperty("sm3").GetString()!.Length.ShouldBe(64);
        steps[0].GetProperty("passed").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task AuditVerifyJson_IntactWithCountsAndTheProgressOffStdout()
    {
        using var cli = new Cli();
        await cli.InitAsync();
        await IssueAsync(cli, "赵六");

        var (code, output, error) = await cli.RunAsync("audit", "verify", "--data", cli.Data, "--json");

        code.ShouldBe(0, error);
        error.ShouldContain("Verifying the audit chain");
        using var json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("intact").GetBoolean().ShouldBeTrue();
        json.RootElement.GetProperty("events").GetInt64().ShouldBeGreaterThan(5);
        json.RootElement.GetProperty("break").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task AgencyListJson_AgenciesWithFilingAndWarningsAndExit2()
    {
        using var cli = new Cli();
        await cli.InitAsync();
        await RegisterAgenciesAsync(cli, ("late", "迟延受理点", -40), ("hz", "杭州市西湖区政务服务中心受理点", -10));

        var (code, output, _) = await cli.RunAsync("agency", "list", "--data", cli.Data, "--json");

        code.ShouldBe(2);
        using var json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("warnings").GetInt32().ShouldBe(1);
        var agencies = json.RootElement.GetProperty("agencies").EnumerateArray().ToDictionary(a => a.GetProperty("code").GetString()!);
        agencies["late"].GetProperty("filing").GetString().ShouldBe("overdue");
        agencies["late"].GetProperty("warning").GetString()!.ShouldContain("备案");
        agencies["hz"].GetProperty("name").GetString().ShouldBe("杭州市西湖区政务服务中心受理点");
        agencies["hz"].GetProperty("subscriberTypes").EnumerateArray().Select(t => t.GetString()).ShouldBe(["individual"]);
    }

    [Fact]
    public async Task ListTable_ChineseSubjectsOfDifferentLengths_BordersAligned()
    {
        using var cli = new Cli();
        await cli.InitAsync();
        await IssueAsync(cli, "张三");
        await IssueAsync(cli, "欧阳娜娜", "110105198001010032");

        var (code, output, error) = await cli.RunAsync("list", "--data", cli.Data);

        code.ShouldBe(0, error);
        output.ShouldContain("CN=欧阳娜娜");
        BorderColumns(output).Distinct().Count().ShouldBe(1, output);
    }

    [Fact]
    public async Task AgencyTable_ChineseNamesOfDifferentLengths_BordersAligned()
    {
        using var cli = new Cli();
        await cli.InitAsync();
        await RegisterAgenciesAsync(cli, ("short", "受理点", -10), ("long", "杭州市西湖区政务服务中心受理点", -10));

        var (_, output, _) = await cli.RunAsync("agency", "list", "--data", cli.Data);

        output.ShouldContain("杭州市西湖区政务服务中心受理点");
        BorderColumns(output).Distinct().Count().ShouldBe(1, output);
    }

    [Fact]
    public void BorderColumns_CountsWideCharactersTwice()
    {
        // The check itself: 张三 takes four columns, so a border after it sits where one after "abcd" does; after "ab" it does not.
        BorderColumns("│ 张三 │\n│ abcd │").Distinct().Count().ShouldBe(1);
        BorderColumns("│ 张三 │\n│ ab │").Distinct().Count().ShouldBe(2);
    }

    /// <summary>For each table line, the display columns of its vertical borders (East Asian wide characters count two).</summary>
    private static IEnumerable<string> BorderColumns(string output)
        => output.Split('\n').Where(l => l.Contains('│', StringComparison.Ordinal)).Select(line =>
        {
            var columns = new List<int>();
            var column = 0;
            foreach (var c in line)
            {
                if (c is '│')
                {
                    columns.Add(column);
                }

                column += IsWide(c) ? 2 : 1;
            }

            return string.Join(",", columns);
        });

    private static bool IsWide(char c) => c is (>= '\u1100' and <= '\u115F') or (>= '\u2E80' and <= '\uA4CF') or (>= '\uAC00' and <= '\uD7A3')
        or (>= '\uF900' and <= '\uFAFF') or (>= '\uFE30' and <= '\uFE4F') or (>= '\uFF00' and <= '\uFF60') or (>= '\uFFE0' and <= '\uFFE6');

    /// <summary>Issues a personal SM2 certificate for <paramref name="name"/> at the counter (CSR made in-process); returns its serial.</summary>
    private static async Task<string> IssueAsync(Cli cli, string name, string identityNumber = Cli.ResidentId)
    {
        var key = EphemeralKeys.Generate(KeyAlgorithm.Sm2);
        var csr = new Pkcs10CertificationRequest(new SigningKeySignatureFactory(key), new X509Name(true, "CN=" + name),
            PublicKeyFactory.CreateKey(key.SubjectPublicKeyInfo.ToArray()), null).GetDerEncoded();
        var path = cli.PathOf(Guid.NewGuid().ToString("N") + ".csr");
        await File.WriteAllBytesAsync(path, csr);
        File.WriteAllText(cli.PathOf("id-card.jpg"), "scan of the identity card");
        File.WriteAllText(cli.PathOf("form.pdf"), "scan of the signed application form, notices and agreement");
        var (code, output, error) = await cli.RunAsync("issue", "--data", cli.Data, "--passphrase-file", cli.PassphraseFile, "--csr", path, "--profile", "personal",
            "--out", cli.PathOf("chain.pem"), "--name", name, "--id-number", identityNumber, "--evidence", cli.PathOf("id-card.jpg"), "--paper-form", cli.PathOf("form.pdf"));
        code.ShouldBe(0, error);
        return output.Split('\n').Single(l => l.StartsWith("Issued ", StringComparison.Ordinal)).Split(' ')[1];
    }

    private static async Task RegisterAgenciesAsync(Cli cli, params (string Code, string Name, int AgreedDaysAgo)[] agencies)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        await using var installation = await Installation.OpenAsync(DataDirectory.At(cli.Data), () => Cli.Passphrase, TimeProvider.System, CancellationToken.None);
        var registry = installation.Get<Registration.Agencies.AgencyRegistry>();
        var admin = Registration.Workflow.RegistrationActor.Operator("cli:test", Core.Security.OperatorRole.CaAdministrator, null, null);
        var scope = new Core.Registration.AgencyScope(["personal"], [Core.Registration.SubscriberType.Individual], ["330100"]);
        foreach (var (code, name, days) in agencies)
        {
            await registry.RegisterAsync(code, new Registration.Agencies.AgencyInput(name, "王五", ["杭州市"], scope, today.AddDays(days)), admin, CancellationToken.None);
            if (days > -30)
            {
                await registry.RecordFilingAsync(code, today.AddDays(days + 5), admin, CancellationToken.None);
            }
        }
    }
}
