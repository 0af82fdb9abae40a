using GmPki.Testing;

namespace GmPki.Cli.Tests;

/// <summary><c>gmpki tsa create-key</c> and the TSA key that <c>gmpki init</c> provisions.</summary>
public class TsaCommandTests
{
    [SkippableTheory]
    [InlineData("sm2", "ASN1 OID: SM2")]
    [InlineData("ecdsa-p256", "ASN1 OID: prime256v1")]
    [InlineData("rsa-2048", "Public-Key: (2048 bit)")]
    public async Task Init_ProvisionsTsaKeyOfTheCaAlgorithmWithCriticalTimeStampingOnly(string algorithm, string publicKey)
    {
        OpenSsl.RequireInstalled();
        using var cli = new Cli();
        await cli.InitAsync("--algorithm", algorithm);

        var text = OpenSsl.MustRun(cli.Data, "x509", "-in", "tsa.crt", "-noout", "-text");

        text.ShouldContain("X509v3 Extended Key Usage: critical");
        text.ShouldContain("Time Stamping");
        text.ShouldNotContain("TLS Web");
        text.ShouldContain(publicKey);
        text.ShouldContain("CN = GmPki Timestamp Authority");
        File.Exists(Path.Combine(cli.Data, "keys", "tsa.key.pem")).ShouldBeTrue();
    }

    [Fact]
    public async Task CreateKey_InstallationWithoutTsaKey_CreatesOneOnceOnly()
    {
        using var cli = new Cli();
        await cli.InitAsync();
        File.Delete(Path.Combine(cli.Data, "tsa.crt"));
        File.Delete(Path.Combine(cli.Data, "keys", "tsa.key.pem"));

        var created = await cli.RunAsync("tsa", "create-key", "--data", cli.Data, "--passphrase-file", cli.PassphraseFile);
        var again = await cli.RunAsync("tsa", "create-key", "--data", cli.Data, "--passphrase-file", cli.PassphraseFile);

        created.ExitCode.ShouldBe(0, created.Error);
        created.Output.ShouldContain("TSA key created");
        File.Exists(Path.Combine(cli.Data, "tsa.crt")).ShouldBeTrue();
        again.ExitCode.ShouldBe(1);
        again.Error.ShouldContain("[already-initialized]");
    }

    [Fact]
    public async Task Commands_InvalidTimestampingSettings_Exit1WithNumberedProblems()
    {
        using var cli = new Cli();
        await cli.InitAsync();
        var configuration = Path.Combine(cli.Data, "gmpki.json");
        File.WriteAllText(configuration, File.ReadAllText(configuration)
            .Replace("\"AccuracyMilliseconds\": 1000", "\"AccuracyMilliseconds\": 0", StringComparison.Ordinal)
            .Replace("\"PolicyOid\": \"2.25.54655023470269053948793751655512838928.2.1\"", "\"PolicyOid\": \"tsa-policy\"", StringComparison.Ordinal));

        var (code, _, error) = await cli.RunAsync("audit", "verify", "--data", cli.Data);

        code.ShouldBe(1);
        error.ShouldContain("GMPKI-TSA-001: Timestamping:PolicyOid 'tsa-policy' is not a dotted OID");
        error.ShouldContain("GMPKI-TSA-002: Timestamping:AccuracyMilliseconds 0 must be between 1 and 60000");
    }
}
