using Xunit;

namespace GmPki.Testing;

/// <summary>
/// The real ACME clients of Debian, for interop tests: <c>certbot</c> (2.1) and <c>lego</c> (4.9),
/// each with its state in a directory of the test and trusting the test server's TLS certificate.
/// </summary>
public static class AcmeClients
{
    private const string CertbotPath = "/usr/bin/certbot";
    private const string LegoPath = "/usr/bin/lego";

    /// <summary>Skips the test when certbot is missing (CI installs it: <c>.ci/run</c>).</summary>
    public static void RequireCertbot() => Skip.IfNot(File.Exists(CertbotPath), "certbot is not installed (apt-get install certbot); interop check skipped.");

    /// <summary>Skips the test when lego is missing (CI installs it: <c>.ci/run</c>).</summary>
    public static void RequireLego() => Skip.IfNot(File.Exists(LegoPath), "lego is not installed (apt-get install lego); interop check skipped.");

    /// <summary>Runs <c>certbot {arguments} --non-interactive</c> with its config, work and logs directories under <paramref name="directory"/> and <paramref name="trustAnchor"/> as the CA bundle.</summary>
    public static (int ExitCode, string Output) Certbot(string directory, string trustAnchor, params string[] arguments)
        => ExternalCommand.Run(CertbotPath,
            [.. arguments, "--non-interactive", "--config-dir", Path.Combine(directory, "config"), "--work-dir", Path.Combine(directory, "work"), "--logs-dir", Path.Combine(directory, "logs")],
            new Dictionary<string, string> { ["REQUESTS_CA_BUNDLE"] = trustAnchor });

    /// <summary>Runs <c>lego --path {directory}/lego {arguments}</c> with <paramref name="trustAnchor"/> as its CA certificates.</summary>
    public static (int ExitCode, string Output) Lego(string directory, string trustAnchor, params string[] arguments)
        => ExternalCommand.Run(LegoPath, ["--path", Path.Combine(directory, "lego"), .. arguments], new Dictionary<string, string> { ["LEGO_CA_CERTIFICATES"] = trustAnchor });
}
