using System.Globalization;

namespace GmPki.Testing;

/// <summary>
/// A small PKI made with the openssl CLI in a temporary directory: a root, an intermediate CA and
/// end entities, and CRLs. SM2 certificates and CRLs are signed with the GM/T 0009 default signer
/// ID (<c>-sigopt distid:1234567812345678</c>), as GM/T 0015 asks; ECDSA P-256 and RSA 2048 ones with SHA-256.
/// </summary>
public sealed class OpenSslPki : IDisposable
{
    private const string Config = """
        [req]
        distinguished_name = dn
        [dn]
        [root]
        basicConstraints = critical, CA:true
        keyUsage = critical, keyCertSign, cRLSign
        subjectKeyIdentifier = hash
        [ca]
        basicConstraints = critical, CA:true, pathlen:0
        keyUsage = critical, keyCertSign, cRLSign
        subjectKeyIdentifier = hash
        authorityKeyIdentifier = keyid
        [crl]
        authorityKeyIdentifier = keyid
        """;

    private readonly TempDirectory _directory = new("gmpki-openssl-pki-");
    private readonly string[] _signOptions;
    private readonly string[] _crlSignOptions;
    private int _serial = 0x1000;

    /// <summary>Creates the root (<c>root.pem</c>) and the intermediate CA (<c>intermediate.pem</c>).</summary>
    /// <param name="algorithm"><c>sm2</c>, <c>ec</c> (ECDSA P-256) or <c>rsa</c> (RSA 2048).</param>
    public OpenSslPki(string algorithm = "sm2")
    {
        OpenSsl.RequireInstalled();
        Algorithm = algorithm;
        _signOptions = algorithm == "sm2" ? ["-sm3", "-sigopt", "distid:1234567812345678"] : ["-sha256"];
        _crlSignOptions = algorithm == "sm2" ? ["-sigopt", "distid:1234567812345678"] : [];
        File.WriteAllText(PathOf("openssl.cnf"), Config);
        NewKey("root");
        Run(["req", "-x509", "-new", "-utf8", "-key", "root.key", "-subj", "/C=CN/O=GmPki Test/CN=Test Root", "-days", "3650", "-config", "openssl.cnf", "-extensions", "root",
            "-set_serial", "1", "-out", "root.pem", .. _signOptions]);
        Issue("intermediate", "/C=CN/O=GmPki Test/CN=Test Intermediate", "root", "ca");
    }

    /// <summary>sm2, ec or rsa.</summary>
    public string Algorithm { get; }

    /// <summary>The working directory.</summary>
    public string Directory => _directory.Path;

    /// <summary>The absolute path of a file in the directory.</summary>
    public string PathOf(string name) => _directory.File(name);

    /// <summary>
    /// Issues <c>{name}.pem</c> (key <c>{name}.key</c>) under <paramref name="issuer"/> with the
    /// extensions of config section <paramref name="section"/>, or with <paramref name="extensions"/>
    /// lines (<c>key = value</c>) when the section is null.
    /// </summary>
    /// <returns>The certificate file.</returns>
    public string Issue(string name, string subject, string issuer = "intermediate", string? section = null, params string[] extensions)
    {
        NewKey(name);
        Run("req", "-new", "-utf8", "-key", name + ".key", "-subj", subject, "-config", "openssl.cnf", "-out", name + ".csr");
        if (section is null)
        {
            section = "ext_" + name;
            File.AppendAllText(PathOf("openssl.cnf"), $"\n[{section}]\nauthorityKeyIdentifier = keyid\nsubjectKeyIdentifier = hash\n" + string.Join("\n", extensions) + "\n");
        }

        Run(["x509", "-req", "-in", name + ".csr", "-CA", issuer + ".pem", "-CAkey", issuer + ".key", "-set_serial", (++_serial).ToString(CultureInfo.InvariantCulture),
            "-days", "365", "-extfile", "openssl.cnf", "-extensions", section, "-out", name + ".pem", .. _signOptions]);
        return PathOf(name + ".pem");
    }

    /// <summary>Writes <c>{issuer}.crl</c> (PEM, 30 days) listing <paramref name="revoked"/> (certificate names) as revoked.</summary>
    /// <returns>The CRL file.</returns>
    public string Crl(string issuer, params string[] revoked)
    {
        var index = new System.Text.StringBuilder();
        foreach (var name in revoked)
        {
            var serial = OpenSsl.MustRun(Directory, "x509", "-in", name + ".pem", "-noout", "-serial").Trim().Split('=')[1];
            index.Append(CultureInfo.InvariantCulture, $"R\t491231235959Z\t{DateTime.UtcNow.AddDays(-1):yyMMddHHmmss}Z,keyCompromise\t{serial}\tunknown\t/CN={name}\n");
        }

        File.WriteAllText(PathOf(issuer + ".index"), index.ToString());
        File.WriteAllText(PathOf(issuer + ".crlnumber"), "01\n");
        File.WriteAllText(PathOf(issuer + ".ca.cnf"), $"""
            [ca]
            default_ca = own
            [own]
            database = {issuer}.index
            crlnumber = {issuer}.crlnumber
            default_md = {(Algorithm == "sm2" ? "sm3" : "sha256")}
            default_crl_days = 30
            crl_extensions = crl
            [crl]
            authorityKeyIdentifier = keyid
            """);
        Run(["ca", "-gencrl", "-config", issuer + ".ca.cnf", "-cert", issuer + ".pem", "-keyfile", issuer + ".key", "-out", issuer + ".crl",
            .. _crlSignOptions]);
        return PathOf(issuer + ".crl");
    }

    /// <summary>Deletes the directory.</summary>
    public void Dispose() => _directory.Dispose();

    private void NewKey(string name)
        => Run(Algorithm switch
        {
            "sm2" => ["genpkey", "-algorithm", "SM2", "-out", name + ".key"],
            "rsa" => ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", name + ".key"],
            _ => ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", name + ".key"],
        });

    private void Run(params string[] arguments) => OpenSsl.MustRun(Directory, arguments);
}
