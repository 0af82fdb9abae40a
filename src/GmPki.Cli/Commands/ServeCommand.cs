using System.CommandLine;
using GmPki.Hosting;
using GmPki.Server.Http;
using Microsoft.Extensions.Hosting;

namespace GmPki.Cli.Commands;

/// <summary><c>gmpki serve</c>: run the REST API; on an empty data directory, first create a demo installation.</summary>
internal static class ServeCommand
{
    public static Command Create(CliContext context)
    {
        var data = CliContext.DataOption();
        var passphraseFile = CliContext.PassphraseFileOption();
        var urls = new Option<string>("--urls") { Description = "Listen URLs, ';'-separated.", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var command = new Command("serve", "Run the GmPki service (REST API, OpenAPI at /openapi/v1.json). Creates a demo CA on first start.")
        {
            data, passphraseFile, urls,
        };
        command.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            var directory = DataDirectory.At(parse.GetValue(data)!);
            var listen = parse.GetValue(urls)!;
            ListenAddresses.EnsureFree(listen);
            if (!directory.IsInitialized)
            {
                await context.Output.WriteLineAsync($"No installation in {directory.Path}: creating a DEMO CA hierarchy (SM2) …");
                await DemoInstallation.CreateAsync(directory, listen, context.Output, TimeProvider.System, cancellationToken);
            }

            var app = await ServerHost.BuildAsync(new ServerOptions(directory, listen, PassphraseSources.For(directory, parse.GetValue(passphraseFile), context.Error),
                Passphrases: PassphraseSources.Keys(directory, parse.GetValue(passphraseFile), context.Error)), cancellationToken);
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (IOException e) when (ListenAddresses.InUse(e, listen) is { } inUse)
            {
                throw inUse;
            }

            await context.Output.WriteLineAsync($"GmPki is ready to issue on {listen} (data: {directory.Path}). Press Ctrl+C to stop.");
            await app.WaitForShutdownAsync(cancellationToken);
            return 0;
        }));
        return command;
    }
}
