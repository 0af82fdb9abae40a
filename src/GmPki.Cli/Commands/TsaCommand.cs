using System.CommandLine;
using GmPki.Hosting.Keys;

namespace GmPki.Cli.Commands;

/// <summary><c>gmpki tsa create-key</c>: the RFC 3161 timestamp authority's key (<c>docs/relying-party.md</c>).</summary>
internal static class TsaCommand
{
    public static Command Create(CliContext context)
    {
        var data = CliContext.DataOption();
        var passphraseFile = CliContext.PassphraseFileOption();
        var createKey = new Command("create-key", "Create the TSA key of an installation made before the TSA existed (the issuing CA's algorithm, certified by it with the critical extKeyUsage timeStamping).")
        {
            data, passphraseFile,
        };
        createKey.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            await using var installation = await context.OpenAsync(parse.GetValue(data)!, parse.GetValue(passphraseFile), cancellationToken);
            await installation.Get<TimestampKeys>().CreateAsync(CliContext.CliActor, cancellationToken);
            await context.Output.WriteLineAsync($"TSA key created (label '{TimestampKeys.Label}'); its certificate is {installation.Data.TimestampCertificateFile}. Restart 'gmpki serve' to answer POST /tsa.");
            return 0;
        }));

        return new Command("tsa", "The RFC 3161 timestamp authority at POST /tsa.") { createKey };
    }
}
