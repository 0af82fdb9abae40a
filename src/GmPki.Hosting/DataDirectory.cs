namespace GmPki.Hosting;

/// <summary>
/// The layout of a GmPki data directory:
/// <code>
/// gmpki.json            configuration (database, public URLs, issuance, profiles)
/// gmpki.db              SQLite ledger (when Database:Provider is sqlite)
/// keys/*.key.pem        CA and audit private keys, encrypted PKCS#8 (PBES2)
/// audit-key.crt         the audit key's certificate (PEM), issued by the issuing CA
/// tsa.crt               the TSA key's certificate (PEM), issued by the issuing CA
/// tsa-serial            the TSA's serial watermark (microseconds since 1970, saved ahead of use)
/// tsa-tokens/*.jsonl    the TSA's journal of issued tokens, one file per UTC month
/// cmp-protection/*.json the CMP protection key's reference and certificate, per issuing CA (docs/protocols.md)
/// demo-passphrase       demo installations only: the generated CA key passphrase (0600)
/// demo-passphrase-{duty} demo installations only: the audit, tsa and ocsp key passphrases (0600)
/// demo-api-key          demo installations only: the administrator's API key (0600)
/// </code>
/// </summary>
/// <param name="Path">Absolute path of the directory.</param>
public sealed record DataDirectory(string Path)
{
    /// <summary>The configuration file.</summary>
    public string ConfigurationFile => Combine("gmpki.json");

    /// <summary>The key store directory.</summary>
    public string KeysDirectory => Combine("keys");

    /// <summary>The audit key's certificate, PEM.</summary>
    public string AuditCertificateFile => Combine("audit-key.crt");

    /// <summary>The TSA key's certificate, PEM.</summary>
    public string TimestampCertificateFile => Combine("tsa.crt");

    /// <summary>The TSA's serial watermark.</summary>
    public string TimestampWatermarkFile => Combine("tsa-serial");

    /// <summary>The directory of the TSA's token journal.</summary>
    public string TimestampJournalDirectory => Combine("tsa-tokens");

    /// <summary>The demo passphrase file (demo installations only).</summary>
    public string DemoPassphraseFile => Combine("demo-passphrase");

    /// <summary>The demo passphrase file of a separate key duty (<c>demo-passphrase-audit</c>, <c>-tsa</c>, <c>-ocsp</c>; demo installations only).</summary>
    public string DemoDutyPassphraseFile(Cryptography.Keys.KeyDuty duty) => Combine("demo-passphrase-" + Cryptography.Keys.KeyDuties.NameOf(duty));

    /// <summary>The demo administrator API key file (demo installations only).</summary>
    public string DemoApiKeyFile => Combine("demo-api-key");

    /// <summary>The demo registrar's API key file (demo installations only).</summary>
    public string DemoRegistrarKeyFile => Combine("demo-registrar-key");

    /// <summary>Whether the directory holds an installation (its configuration file exists).</summary>
    public bool IsInitialized => File.Exists(ConfigurationFile);

    /// <summary>Resolves <paramref name="path"/> to an absolute data directory.</summary>
    public static DataDirectory At(string path) => new(System.IO.Path.GetFullPath(path));

    /// <summary>A path inside the directory.</summary>
    public string Combine(string relative) => System.IO.Path.Combine(Path, relative);

    /// <summary>Writes a file readable only by its owner (mode 0600), creating the directory.</summary>
    public void WritePrivateFile(string path, string content)
    {
        Directory.CreateDirectory(Path);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(content);
    }
}
