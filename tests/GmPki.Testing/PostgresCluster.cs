using System.Net;
using System.Net.Sockets;

namespace GmPki.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster in a temp directory: trust authentication, listening on
/// 127.0.0.1 at a free port, its Unix socket inside the directory, durability off for speed.
/// PostgreSQL refuses to run as root, so as root the tools run as the <c>postgres</c> user
/// through <c>runuser</c>, in a directory that user owns.
/// </summary>
internal sealed class PostgresCluster : IDisposable
{
    private const string ServiceUser = "postgres";
    private const int StartAttempts = 3;
    private static readonly string[] RunUserLocations = ["/usr/sbin/runuser", "/sbin/runuser"];

    private readonly PostgresBinaries binaries;
    private readonly string? runUser;
    private readonly string root;

    private PostgresCluster(PostgresBinaries binaries, string? runUser, string root)
    {
        this.binaries = binaries;
        this.runUser = runUser;
        this.root = root;
    }

    /// <summary>TCP port the server listens on at 127.0.0.1.</summary>
    public int Port { get; private set; }

    private string DataDirectory => Path.Combine(root, "data");

    private string LogFile => Path.Combine(root, "server.log");

    /// <summary>Why a cluster cannot be started as the current user, or null when it can.</summary>
    public static string? CannotRunReason()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            return null;
        }

        if (FindRunUser() is null)
        {
            return "running as root, and 'runuser' (util-linux) is not installed to start PostgreSQL as another user";
        }

        return ExternalCommand.Run("id", ["-u", ServiceUser]).ExitCode == 0
            ? null
            : $"running as root, and there is no '{ServiceUser}' user to run PostgreSQL as (install the Debian package postgresql)";
    }

    /// <summary>Creates and starts a cluster; throws with the server log when it does not start.</summary>
    public static PostgresCluster Start(PostgresBinaries binaries)
    {
        var runUser = Environment.IsPrivilegedProcess ? FindRunUser() : null;
        var cluster = new PostgresCluster(binaries, runUser, Directory.CreateTempSubdirectory("gmpki-pg-").FullName);
        try
        {
            cluster.Initialize();
            return cluster;
        }
        catch
        {
            Directory.Delete(cluster.root, recursive: true);
            throw;
        }
    }

    /// <summary>Stops the server at once (the data is thrown away) and deletes the directory.</summary>
    public void Dispose()
    {
        RunAsOwner(binaries.PgCtl, "-D", DataDirectory, "-m", "immediate", "-w", "stop");
        Directory.Delete(root, recursive: true);
    }

    private static string? FindRunUser() =>
        PostgresBinaries.FindOnPath("runuser")
        ?? RunUserLocations.FirstOrDefault(File.Exists);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Initialize()
    {
        if (runUser is not null)
        {
            ExternalCommand.MustRun("chown", $"{ServiceUser}:", root);
        }

        MustRunAsOwner(
            binaries.InitDb, "-D", DataDirectory, "--auth=trust", "--username=postgres", "--encoding=UTF8", "--locale=C", "--no-sync");

        // The free port may be taken between probing and binding; try a few.
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            var serverOptions = $"-c listen_addresses=127.0.0.1 -p {Port} -k {root} "
                + "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
            var (exitCode, output) = RunAsOwner(
                binaries.PgCtl, "-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-o", serverOptions, "start");
            if (exitCode == 0)
            {
                return;
            }

            if (attempt == StartAttempts)
            {
                var log = File.Exists(LogFile) ? File.ReadAllText(LogFile) : "(no server log)";
                throw new InvalidOperationException(
                    $"PostgreSQL did not start in {root}:{Environment.NewLine}{output}{Environment.NewLine}{log}");
            }
        }
    }

    private (int ExitCode, string Output) RunAsOwner(string program, params string[] arguments) =>
        runUser is null
            ? ExternalCommand.Run(program, arguments)
            : ExternalCommand.Run(runUser, ["-u", ServiceUser, "--", program, .. arguments]);

    private void MustRunAsOwner(string program, params string[] arguments)
    {
        var (exitCode, output) = RunAsOwner(program, arguments);
        if (exitCode != 0)
        {
            throw new InvalidOperationException(
                $"{program} {string.Join(' ', arguments)} exited with {exitCode}:{Environment.NewLine}{output}");
        }
    }
}
