using System.Security.Cryptography;
using GmPki.Core.Keys;
using GmPki.Core.Ledger;
using GmPki.Cryptography.Keys;
using GmPki.Hosting.Kmc;
using GmPki.Issuance.Authorities;

namespace GmPki.Hosting;

/// <summary>
/// The demonstration set-up made when <c>gmpki serve</c> starts on an empty data directory: an
/// SM2 root and issuing CA with demo names, a generated CA passphrase (unless
/// <c>GMPKI_PASSPHRASE</c> is set) and a generated passphrase for each of the audit, TSA and OCSP
/// responder keys (unless <c>GMPKI_{DUTY}_PASSPHRASE</c> is set), an administrator API key and a registrar
/// (<c>demo-registrar</c>) API key for the registration counter, and a key management centre whose
/// three demo custodians' shares (2 of 3) lie in <c>kmc-demo-shares/</c> and unseal it at start
/// (dual certificates work at once), all saved in owner-only files of the data directory so the
/// demo restarts without questions. Announced loudly; not for production.
/// </summary>
public static class DemoInstallation
{
    /// <summary>Creates the demo installation.</summary>
    /// <param name="data">An absent or empty data directory.</param>
    /// <param name="listenUrls">The server's listen URLs; the first becomes the public base URL (wildcard hosts become 127.0.0.1).</param>
    /// <param name="output">Where the announcement goes.</param>
    /// <param name="clock">Time source.</param>
    /// <param name="cancellationToken">Cancels the creation.</param>
    public static async Task<InitResult> CreateAsync(DataDirectory data, string listenUrls, TextWriter output, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(output);
        var fromEnvironment = Environment.GetEnvironmentVariable(Passphrase.EnvironmentVariable);
        var passphrase = string.IsNullOrEmpty(fromEnvironment) ? Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)) : fromEnvironment;
        var baseUrl = BaseUrlOf(listenUrls);
        var options = new InitOptions(
            new HierarchyOptions(KeyAlgorithm.Sm2, "GmPki 演示认证中心 (DEMO)", "CN", "GmPki Demo Root CA", "GmPki Demo Issuing CA"),
            baseUrl,
            RegistrarName: "demo-registrar");
        var duties = KeyDuties.Separate.ToDictionary(d => d, d => PassphraseSources.FromEnvironment(d) ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));
        var passphrases = new KeyPassphrases(() => passphrase, d => duties[d]);
        var result = await Initializer.InitializeAsync(data, options, passphrases, new Actor("system:demo", null, null), clock, cancellationToken);
        if (string.IsNullOrEmpty(fromEnvironment))
        {
            data.WritePrivateFile(data.DemoPassphraseFile, passphrase + "\n");
        }

        foreach (var (duty, generated) in duties.Where(d => PassphraseSources.FromEnvironment(d.Key) is null))
        {
            data.WritePrivateFile(data.DemoDutyPassphraseFile(duty), generated + "\n");
        }

        await using (var installation = await Installation.OpenAsync(data, passphrases, clock, cancellationToken))
        {
            await KmcCeremony.RunAsync(installation, ["demo-custodian-1", "demo-custodian-2", "demo-custodian-3"], 2, data.Combine("kmc-demo-shares"),
                unattended: true, new Actor("system:demo", null, null), cancellationToken);
        }

        data.WritePrivateFile(data.DemoApiKeyFile, result.AdministratorApiKey + "\n");
        data.WritePrivateFile(data.DemoRegistrarKeyFile, result.RegistrarApiKey + "\n");
        var rule = new string('=', 78);
        output.WriteLine(rule);
        output.WriteLine(" DEMO INSTALLATION CREATED — not for production use");
        output.WriteLine(rule);
        output.WriteLine($" Data directory:   {data.Path}");
        output.WriteLine($" Root CA:          GmPki Demo Root CA (SM2, label 'root')");
        output.WriteLine($" Issuing CA:       GmPki Demo Issuing CA (SM2, label 'issuing')");
        output.WriteLine($" Public base URL:  {baseUrl}");
        output.WriteLine($" Key passphrase:   {(string.IsNullOrEmpty(fromEnvironment) ? "generated, in " + data.DemoPassphraseFile : "from GMPKI_PASSPHRASE")};");
        output.WriteLine($"                   audit, TSA and OCSP keys each their own (demo-passphrase-audit, -tsa, -ocsp)");
        output.WriteLine($" Admin API key:    {result.AdministratorApiKey}");
        output.WriteLine($"                   (also in {data.DemoApiKeyFile})");
        output.WriteLine($" Registrar key:    in {data.DemoRegistrarKeyFile} (operator 'demo-registrar', role registrar)");
        output.WriteLine($" KMC:              demo custodians' shares (2 of 3) in {data.Combine("kmc-demo-shares")}, unsealed at start;");
        output.WriteLine("                   add \"dual\":true for a signing and an encryption certificate (双证书)");
        output.WriteLine(" Issue an SM2 certificate at the registration counter (every workflow step recorded):");
        foreach (var line in CounterExample(data.DemoRegistrarKeyFile, baseUrl))
        {
            output.WriteLine("   " + line);
        }

        output.WriteLine(rule);
        return result;
    }

    /// <summary>
    /// Shell commands that make an SM2 key and CSR with openssl and run the counter flow
    /// (<c>POST /api/v1/counter/applications</c>) with curl for the demo applicant 张三.
    /// </summary>
    /// <param name="registrarKeyFile">File holding the registrar's API key.</param>
    /// <param name="baseUrl">The server's base URL.</param>
    public static IReadOnlyList<string> CounterExample(string registrarKeyFile, string baseUrl) =>
    [
        "openssl genpkey -algorithm SM2 -out key.pem",
        "openssl req -new -key key.pem -subj '/C=CN/CN=张三' -utf8 -outform DER -out req.der",
        "echo 'scan of the ID card' > id.txt; echo 'scan of the signed forms' > forms.txt",
        $"curl -sS -H \"Authorization: Bearer $(cat {registrarKeyFile})\" -H 'Content-Type: application/json' -d '{{",
        "  \"kind\":\"new\", \"profile\":\"personal\", \"csr\":\"'$(base64 -w0 req.der)'\",",
        "  \"subscriber\":{\"type\":\"individual\", \"name\":\"张三\", \"identityDocument\":\"resident-identity-card\",",
        "                \"identityNumber\":\"11010519491231002X\", \"region\":\"110000\"},",
        "  \"identityMethod\":\"in-person\", \"willStatement\":\"本人申请签发证书\",",
        "  \"materials\":{\"application-form\":true, \"identity-document-copy\":true},",
        "  \"identityEvidence\":[{\"name\":\"id.txt\", \"mediaType\":\"text/plain\", \"content\":\"'$(base64 -w0 id.txt)'\"}],",
        "  \"paperForms\":[{\"name\":\"forms.txt\", \"mediaType\":\"text/plain\", \"content\":\"'$(base64 -w0 forms.txt)'\"}]",
        $"}}' {baseUrl}/api/v1/counter/applications",
    ];

    /// <summary>The public base URL for listen URLs: the first URL, wildcard hosts replaced by 127.0.0.1, no trailing slash.</summary>
    public static string BaseUrlOf(string listenUrls)
    {
        ArgumentNullException.ThrowIfNull(listenUrls);
        var first = listenUrls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];
        foreach (var wildcard in new[] { "://0.0.0.0", "://[::]", "://*", "://+" })
        {
            first = first.Replace(wildcard, "://127.0.0.1", StringComparison.Ordinal);
        }

        return first.TrimEnd('/');
    }
}
