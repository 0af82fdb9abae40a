using GmPki.Testing;

namespace GmPki.Cli.Tests;

/// <summary>Runs <c>gmpki</c> in-process with captured output, in a temporary working area with a passphrase file.</summary>
internal sealed class Cli : IDisposable
{
    public const string Passphrase = "cli test passphrase 12345";
    private readonly TempDirectory _directory = new("gmpki-cli-");

    public Cli()
    {
        File.WriteAllText(PassphraseFile, Passphrase + "\n");
    }

    public string Work => _directory.Path;

    public string Data => Path.Combine(Work, "data");

    public string PassphraseFile => Path.Combine(Work, "passphrase");

    public string PathOf(string name) => Path.Combine(Work, name);

    public async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await GmPkiCommandLine.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    public async Task<string> InitAsync(params string[] extra)
    {
        var (code, output, error) = await RunAsync(["init", "--data", Data, "--passphrase-file", PassphraseFile, .. extra]);
        code.ShouldBe(0, error);
        return output;
    }

    /// <summary>Creates an operator with <c>gmpki operator add</c> and writes its API key to a file; returns that file's path.</summary>
    public async Task<string> AddOperatorAsync(string name, string role, params string[] extra)
    {
        var (code, output, error) = await RunAsync(["operator", "add", "--data", Data, "--name", name, "--role", role, .. extra]);
        code.ShouldBe(0, error);
        return WriteKey(name, output);
    }

    /// <summary>Writes the API key printed in <paramref name="output"/> to <c>{name}.key</c>; returns its path.</summary>
    public string WriteKey(string name, string output)
    {
        var key = output.Split(['\n', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Single(w => w.StartsWith("gmpki_", StringComparison.Ordinal));
        File.WriteAllText(PathOf(name + ".key"), key + "\n");
        return PathOf(name + ".key");
    }

    /// <summary>Makes an SM2 key and CSR with openssl; returns the CSR path.</summary>
    public string OpenSslRequest(string name, string subject)
    {
        OpenSsl.RequireInstalled();
        OpenSsl.MustRun(Work, "genpkey", "-algorithm", "SM2", "-out", name + ".key");
        OpenSsl.MustRun(Work, "req", "-new", "-key", name + ".key", "-subj", subject, "-utf8", "-out", name + ".csr");
        return PathOf(name + ".csr");
    }

    /// <summary>
    /// Runs the counter flow (<c>gmpki issue</c>) for an individual with a valid resident identity
    /// number, a scanned ID card and a scanned paper form; the chain goes to <c>chain.pem</c>.
    /// </summary>
    public Task<(int ExitCode, string Output, string Error)> IssueAsync(string csr, string profile, string name, params string[] extra)
    {
        File.WriteAllText(PathOf("id-card.jpg"), "scan of the identity card");
        File.WriteAllText(PathOf("form.pdf"), "scan of the signed application form, notices and agreement");
        return RunAsync(["issue", "--data", Data, "--passphrase-file", PassphraseFile, "--csr", csr, "--profile", profile, "--out", PathOf("chain.pem"),
            "--name", name, "--id-number", ResidentId, "--evidence", PathOf("id-card.jpg"), "--paper-form", PathOf("form.pdf"), .. extra]);
    }

    /// <summary>A resident identity number with a valid GB 11643 check digit.</summary>
    public const string ResidentId = "11010519491231002X";

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}
