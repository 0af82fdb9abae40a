using GmPki.Testing;

namespace GmPki.Cli.Tests;

public class ValidateCommandTests
{
    [SkippableFact]
    public async Task Validate_OpenSslSm2Chain_ExitZeroThenOneWhenRevoked()
    {
        using var pki = new OpenSslPki("sm2");
        using var cli = new Cli();
        pki.Issue("leaf", "/C=CN/CN=张三", extensions: ["keyUsage = critical, digitalSignature"]);
        string[] chain = ["--anchor", pki.PathOf("root.pem"), "--intermediate", pki.PathOf("intermediate.pem"), pki.PathOf("leaf.pem")];

        var (validCode, validOutput, _) = await cli.RunAsync(["validate", .. chain]);
        var (revokedCode, revokedOutput, _) = await cli.RunAsync(["validate", "--crl", pki.Crl("root"), "--crl", pki.Crl("intermediate", "leaf"), .. chain]);

        validCode.ShouldBe(0, validOutput);
        validOutput.ShouldStartWith("valid at ");
        validOutput.ShouldContain("end-entity");
        revokedCode.ShouldBe(1);
        revokedOutput.ShouldStartWith("invalid: revoked: ");
    }

    [SkippableFact]
    public async Task Validate_UntrustedRootOrBadOption_ExitOneWithReason()
    {
        using var pki = new OpenSslPki("ec");
        using var cli = new Cli();

        var (code, output, _) = await cli.RunAsync("validate", "--anchor", pki.PathOf("intermediate.pem"), pki.PathOf("root.pem"));
        var (badCode, _, badError) = await cli.RunAsync("validate", "--anchor", pki.PathOf("root.pem"), "--profile", "lenient", pki.PathOf("intermediate.pem"));

        code.ShouldBe(1);
        output.ShouldStartWith("invalid: no-path: ");
        badCode.ShouldBe(1);
        badError.ShouldContain("rfc5280, webpki, strict");
    }
}
