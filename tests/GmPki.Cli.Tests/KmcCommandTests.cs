using GmPki.Testing;

namespace GmPki.Cli.Tests;

/// <summary><c>gmpki kmc init</c> (the key ceremony) and <c>gmpki issue --dual</c> (双证书) on a data directory.</summary>
public class KmcCommandTests
{
    [SkippableFact]
    public async Task KmcInitThenIssueDual_WritesSignEncAndAnEnvelopeOpenSslOpensWithTheSigningKey()
    {
        using var cli = new Cli();
        await cli.InitAsync();
        var ceremony = await cli.RunAsync("kmc", "init", "--data", cli.Data, "--passphrase-file", cli.PassphraseFile,
            "--custodian", "保管员甲", "--custodian", "保管员乙", "--custodian", "保管员丙", "--threshold", "2", "--shares-dir", cli.PathOf("shares"), "--unattended");
        ceremony.ExitCode.ShouldBe(0, ceremony.Error);
        Directory.GetFiles(cli.PathOf("shares")).Length.ShouldBe(3);
        File.ReadAllLines(Path.Combine(cli.PathOf("shares"), "kmc-share-2-of-3.txt"))[1].ShouldBe("保管员乙");
        var csr = cli.OpenSslRequest("holder", "/C=CN/CN=张三");

        var (code, output, error) = await cli.IssueAsync(csr, "personal", "张三", "--dual", "--out-dir", cli.PathOf("pair"));

        code.ShouldBe(0, error);
        output.ShouldContain("enc-key.der (SM2EnvelopedKey to the signing key) and enc-key.skf");
        var sign = OpenSsl.MustRun(cli.PathOf("pair"), "x509", "-in", "sign.pem", "-noout", "-text");
        var enc = OpenSsl.MustRun(cli.PathOf("pair"), "x509", "-in", "enc.pem", "-noout", "-text");
        sign.ShouldContain("Digital Signature, Non Repudiation");
        enc.ShouldContain("Key Encipherment, Data Encipherment, Key Agreement");
        File.ReadAllText(Path.Combine(cli.PathOf("pair"), "enc.pem")).Split("BEGIN CERTIFICATE").Length.ShouldBe(4);
        OpenSsl.MustRun(cli.PathOf("pair"), "x509", "-in", "enc.pem", "-noout", "-pubkey", "-out", "enc-pub.pem");
        OpenSsl.MustRun(cli.PathOf("pair"), "pkey", "-pubin", "-in", "enc-pub.pem", "-outform", "DER", "-out", "enc-pub.der");
        var (recovered, _) = Sm2EnvelopeOpener.Open(cli.Work, "holder.key", File.ReadAllBytes(Path.Combine(cli.PathOf("pair"), "enc-key.der")));
        recovered.ShouldBe(File.ReadAllBytes(Path.Combine(cli.PathOf("pair"), "enc-pub.der")));
        Sm2EnvelopeOpener.OpenSkfBlob(cli.Work, "holder.key", File.ReadAllBytes(Path.Combine(cli.PathOf("pair"), "enc-key.skf"))).ShouldBe(recovered);
    }

    [SkippableFact]
    public async Task IssueDual_KmcNeverSetUp_RefusedAsSealedAndNothingIssued()
    {
        using var cli = new Cli();
        await cli.InitAsync();
        var csr = cli.OpenSslRequest("holder", "/C=CN/CN=张三");

        var (code, _, error) = await cli.IssueAsync(csr, "personal", "张三", "--dual", "--out-dir", cli.PathOf("pair"));

        code.ShouldBe(1);
        error.ShouldContain("kmc-sealed");
        Directory.Exists(cli.PathOf("pair")).ShouldBeFalse();
        (await cli.RunAsync("list", "--data", cli.Data, "--passphrase-file", cli.PassphraseFile)).Output.ShouldNotContain("personal");
    }

    [Fact]
    public async Task KmcInit_Twice_RefusedTheMasterKeyExists()
    {
        using var cli = new Cli();
        await cli.InitAsync();
        string[] ceremony = ["kmc", "init", "--data", cli.Data, "--passphrase-file", cli.PassphraseFile, "--custodian", "a", "--custodian", "b", "--threshold", "2", "--shares-dir", cli.PathOf("shares")];

        (await cli.RunAsync(ceremony)).ExitCode.ShouldBe(0);
        var again = await cli.RunAsync(ceremony);

        again.ExitCode.ShouldBe(1);
        again.Error.ShouldContain("kmc-master-key-exists");
    }

    [SkippableFact]
    public async Task KmcRegisterCa_BindsTheClientCertificate_TheSameCertificateForAnotherCaIsRefused()
    {
        OpenSsl.RequireInstalled();
        using var cli = new Cli();
        await cli.InitAsync();
        OpenSsl.MustRun(cli.Work, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "client.key", "-out", "client.pem",
            "-days", "2", "-subj", "/CN=ca-city");
        var fingerprint = OpenSsl.MustRun(cli.Work, "x509", "-in", "client.pem", "-noout", "-fingerprint", "-sha256").Split('=')[1].Trim().Replace(":", "", StringComparison.Ordinal).ToLowerInvariant();
        string[] register = ["kmc", "register-ca", "--data", cli.Data, "--name", "某市政务签发CA", "--algorithms", "sm2", "--client-certificate", cli.PathOf("client.pem")];

        var registered = await cli.RunAsync([.. register, "--ca-id", "ca-city"]);
        var again = await cli.RunAsync([.. register, "--ca-id", "ca-town"]);
        var badAlgorithm = await cli.RunAsync(["kmc", "register-ca", "--data", cli.Data, "--ca-id", "ca-x", "--name", "X", "--algorithms", "sm9", "--client-certificate", cli.PathOf("client.pem")]);

        registered.ExitCode.ShouldBe(0, registered.Error);
        registered.Output.ShouldContain($"CA 'ca-city' registered with the KMC for sm2, bound to the client certificate with SHA-256 {fingerprint}.");
        again.ExitCode.ShouldBe(1);
        again.Error.ShouldContain("kmc-ca-exists");
        again.Error.ShouldContain("already bound to CA 'ca-city'");
        badAlgorithm.ExitCode.ShouldBe(1);
        badAlgorithm.Error.ShouldContain("'sm9' is not one of");
    }
}
