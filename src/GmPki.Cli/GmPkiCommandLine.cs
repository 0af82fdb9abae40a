using System.CommandLine;
using GmPki.Cli.Commands;

namespace GmPki.Cli;

/// <summary>The <c>gmpki</c> command tree (<c>docs/cli.md</c>).</summary>
public static class GmPkiCommandLine
{
    /// <summary>Parses and runs <paramref name="args"/>.</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <param name="output">Standard output.</param>
    /// <param name="error">Standard error.</param>
    /// <param name="cancellationToken">Stops a running command (as Ctrl+C does).</param>
    /// <returns>The process exit code: 0 success, 1 refused, failed or bad usage (the reason is printed).</returns>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var context = new CliContext(output, error);
        var root = new RootCommand("GmPki — electronic certification service system (电子认证服务系统) on SM2/SM3/SM4.")
        {
            InitCommand.Create(context),
            ServeCommand.Create(context),
            IssueCommand.Create(context),
            StatusChangeCommand.Create(context, Core.Registration.ApplicationKind.Revoke),
            StatusChangeCommand.Create(context, Core.Registration.ApplicationKind.Suspend),
            StatusChangeCommand.Create(context, Core.Registration.ApplicationKind.Resume),
            ApplicationCommand.Create(context),
            ShowCommand.Create(context),
            ListCommand.Create(context),
            OperatorCommand.Create(context),
            ValidateCommand.Create(context),
            AuditCommand.Create(context),
            RetentionCommand.Create(context),
            BackupCommand.Create(context),
            RestoreCommand.Create(context),
            AgencyCommand.Create(context),
            ProtocolAccountCommand.Create(context),
            TsaCommand.Create(context),
            KmcCommand.Create(context),
        };
        return root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
    }
}
