using System.Diagnostics;
using GmPki.Core.Errors;
using Npgsql;

namespace GmPki.Hosting.Backup;

/// <summary>
/// Runs PostgreSQL's <c>pg_dump</c> and <c>pg_restore</c> (found on <c>PATH</c>; of the server's
/// major version or newer) for the database a connection string names. The connection's host,
/// port, user, password and database go to the tools as libpq environment variables
/// (<c>PGHOST</c> …), never on the command line.
/// </summary>
internal static class PostgresTools
{
    /// <summary>Dumps the whole database in pg_dump's custom format: one consistent snapshot (a repeatable-read transaction), safe while <c>serve</c> writes.</summary>
    /// <exception cref="GmPkiException"><c>internal</c> when pg_dump is missing or fails.</exception>
    public static Task DumpAsync(string connectionString, string file, CancellationToken cancellationToken)
        => RunAsync("pg_dump", connectionString, ["--format=custom", "--no-owner", "--no-privileges", "--file", file], Errors.Internal, cancellationToken);

    /// <summary>Restores a custom-format dump into the (empty) database, in one transaction, stopping at the first error.</summary>
    /// <exception cref="GmPkiException"><c>backup-invalid</c> when pg_restore is missing or fails.</exception>
    public static Task RestoreAsync(string connectionString, string file, CancellationToken cancellationToken)
        => RunAsync("pg_restore", connectionString, ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", "--dbname", Database(connectionString), file],
            Errors.BackupInvalid, cancellationToken);

    private static string Database(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString).Database ?? "postgres";

    private static async Task RunAsync(string program, string connectionString, string[] arguments, GmPkiError failure, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        start.Environment["PGHOST"] = builder.Host;
        start.Environment["PGPORT"] = builder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGUSER"] = builder.Username;
        start.Environment["PGPASSWORD"] = builder.Password;
        start.Environment["PGDATABASE"] = builder.Database;
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException(program);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw failure.With(BackupText.Of($"无法运行 {program}（{e.Message}）：请安装 PostgreSQL 客户端工具并加入 PATH",
                $"{program} cannot be run ({e.Message}): install the PostgreSQL client tools and put them on PATH"), e);
        }

        using (process)
        {
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.StandardOutput.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                throw failure.With(BackupText.Of($"{program} 失败（退出码 {process.ExitCode}）：{(await error).Trim()}",
                    $"{program} failed (exit code {process.ExitCode}): {(await error).Trim()}"));
            }
        }
    }
}
