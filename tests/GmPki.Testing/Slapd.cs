using System.Diagnostics;
using System.Text;
using Xunit;

namespace GmPki.Testing;

/// <summary>
/// A throwaway OpenLDAP server for tests: <c>slapd</c> (Debian package <c>slapd</c>) as the current
/// user, on 127.0.0.1 at a free port, configured by a <c>slapd.conf</c> in a temp directory
/// (<c>back_mdb</c>, schemas core, cosine and inetorgperson), suffix <see cref="Suffix"/> with
/// <see cref="RootDn"/> / <see cref="RootPassword"/>. It can be stopped and started again on the
/// same port and database (outage tests). Read back with the real <c>ldapsearch</c> (package <c>ldap-utils</c>).
/// </summary>
public sealed class Slapd : IDisposable
{
    public const string Suffix = "dc=gmpki,dc=test";

    public const string RootDn = "cn=admin,dc=gmpki,dc=test";

    public const string RootPassword = "ldap test secret";

    private const string SlapdPath = "/usr/sbin/slapd";

    private readonly TempDirectory _directory = new("gmpki-slapd-");
    private Process? _process;

    private Slapd()
    {
        Port = LoopbackPort.Free();
        Directory.CreateDirectory(_directory.File("db"));
        File.WriteAllText(_directory.File("slapd.conf"), $"""
            include /etc/ldap/schema/core.schema
            include /etc/ldap/schema/cosine.schema
            include /etc/ldap/schema/inetorgperson.schema
            modulepath /usr/lib/ldap
            moduleload back_mdb
            pidfile {_directory.File("slapd.pid")}
            database mdb
            maxsize 104857600
            suffix "{Suffix}"
            rootdn "{RootDn}"
            rootpw "{RootPassword}"
            directory {_directory.File("db")}
            """);
    }

    /// <summary>The TCP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary><c>ldap://127.0.0.1:{port}</c>.</summary>
    public string Url => $"ldap://127.0.0.1:{Port}";

    /// <summary>Whether slapd and ldapsearch are installed.</summary>
    public static bool IsInstalled => File.Exists(SlapdPath) && PostgresBinaries.FindOnPath("ldapsearch") is not null;

    /// <summary>
    /// Fails the calling test with instructions when slapd or ldapsearch is missing and the
    /// tests run in CI (<c>CI</c> set: <c>.ci/run</c> installs them); skips it visibly elsewhere.
    /// </summary>
    public static void RequireInstalled()
    {
        if (IsInstalled)
        {
            return;
        }

        const string Missing = "slapd and ldapsearch are needed (apt-get install slapd ldap-utils; .ci/run installs them)";
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
        {
            throw new InvalidOperationException(Missing + ", and this is CI: the LDAP publication tests must run.");
        }

        throw new SkipException(Missing + "; LDAP publication tests skipped.");
    }

    /// <summary>Creates the configuration and starts the server.</summary>
    public static Slapd Start()
    {
        var slapd = new Slapd();
        try
        {
            slapd.Resume();
            return slapd;
        }
        catch
        {
            slapd.Dispose();
            throw;
        }
    }

    /// <summary>Starts the server (again) and waits until it answers.</summary>
    /// <exception cref="InvalidOperationException">It did not start within 20 s; with its output.</exception>
    public void Resume()
    {
        var start = new ProcessStartInfo(SlapdPath) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-f", _directory.File("slapd.conf"), "-h", Url + "/", "-d", "0" })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start slapd.");
        var output = new StringBuilder();
        _process.ErrorDataReceived += (_, e) => output.AppendLine(e.Data);
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"slapd exited with {_process.ExitCode}: {output}");
            }

            if (ExternalCommand.Run("ldapsearch", ["-x", "-H", Url, "-s", "base", "-b", "", "-LLL", "namingContexts"]).ExitCode == 0)
            {
                return;
            }

            Thread.Sleep(100);
        }

        throw new InvalidOperationException($"slapd did not answer on {Url} within 20 s: {output}");
    }

    /// <summary>Stops the server (an outage); <see cref="Resume"/> starts it again with the same data.</summary>
    public void Stop()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>
    /// Runs <c>ldapsearch -x</c> bound as the root DN (base <paramref name="baseDn"/>, subtree) and
    /// parses its LDIF: per entry DN, its attribute values (base64 ones — binary — decoded; others as UTF-8).
    /// </summary>
    public IReadOnlyDictionary<string, Dictionary<string, List<byte[]>>> Search(string baseDn, string filter = "(objectClass=*)")
    {
        var (code, output) = ExternalCommand.Run("ldapsearch",
            ["-x", "-H", Url, "-D", RootDn, "-w", RootPassword, "-b", baseDn, "-LLL", "-o", "ldif-wrap=no", filter]);
        if (code == 32)
        {
            return new Dictionary<string, Dictionary<string, List<byte[]>>>(); // no such object: nothing published yet
        }

        if (code != 0)
        {
            throw new InvalidOperationException($"ldapsearch exited with {code}: {output}");
        }

        var entries = new Dictionary<string, Dictionary<string, List<byte[]>>>(StringComparer.OrdinalIgnoreCase);
        Dictionary<string, List<byte[]>>? current = null;
        foreach (var line in output.Split('\n').Select(l => l.TrimEnd('\r')))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon];
            var base64 = colon + 1 < line.Length && line[colon + 1] == ':';
            var text = line[(colon + (base64 ? 2 : 1))..].TrimStart();
            var value = base64 ? Convert.FromBase64String(text) : Encoding.UTF8.GetBytes(text);
            if (name == "dn")
            {
                current = new Dictionary<string, List<byte[]>>(StringComparer.OrdinalIgnoreCase);
                entries[Encoding.UTF8.GetString(value)] = current;
                continue;
            }

            if (current is not null)
            {
                (current.TryGetValue(name, out var values) ? values : current[name] = []).Add(value);
            }
        }

        return entries;
    }

    public void Dispose()
    {
        Stop();
        _directory.Dispose();
    }
}
