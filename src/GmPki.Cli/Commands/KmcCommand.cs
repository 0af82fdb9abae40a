using System.CommandLine;
using GmPki.Core.Errors;
using GmPki.Core.Keys;
using GmPki.Hosting.Kmc;

namespace GmPki.Cli.Commands;

/// <summary><c>gmpki kmc init|register-ca</c>: the embedded key management centre's key ceremony, and the further CAs it serves remotely (docs/kmc.md).</summary>
internal static class KmcCommand
{
    public static Command Create(CliContext context)
    {
        var data = CliContext.DataOption();
        var passphraseFile = CliContext.PassphraseFileOption();
        var custodians = new Option<string[]>("--custodian") { Description = "A key custodian's name (密钥分管人); repeat for each, 2–255.", Required = true, AllowMultipleArgumentsPerToken = false };
        var threshold = new Option<int>("--threshold") { Description = "M: how many custodians' shares unseal the KMC (2 ≤ M ≤ number of custodians).", Required = true };
        var sharesDir = new Option<string>("--shares-dir") { Description = "Where to write one share file per custodian (owner-only); hand each to its custodian, then delete them here.", Required = true };
        var unattended = new Option<bool>("--unattended") { Description = "Record M share files in gmpki.json (Kmc:ShareFiles) so the KMC unseals itself at start: demonstrations and tests only." };
        var init = new Command("init", "Key ceremony: generate the KMC master key split M-of-N among custodians, and register this CA with the KMC for SM2 encryption keys.")
        {
            data, passphraseFile, custodians, threshold, sharesDir, unattended,
        };
        init.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            await using var installation = await context.OpenAsync(parse.GetValue(data)!, parse.GetValue(passphraseFile), cancellationToken);
            var files = await KmcCeremony.RunAsync(installation, parse.GetValue(custodians)!, parse.GetValue(threshold), parse.GetValue(sharesDir)!, parse.GetValue(unattended),
                CliContext.CliActor, cancellationToken);
            await context.Output.WriteLineAsync($"KMC master key generated, {parse.GetValue(threshold)} of {files.Count} shares unseal it. Share files (one per custodian):");
            foreach (var file in files)
            {
                await context.Output.WriteLineAsync("  " + file);
            }

            await context.Output.WriteLineAsync(parse.GetValue(unattended)
                ? "Unattended: gmpki.json lists the first shares in Kmc:ShareFiles; the KMC unseals itself (not for production)."
                : "At every start of 'gmpki serve', custodians unseal the KMC: POST /api/v1/kmc/unseal {\"shares\":[…]} (security officer).");
            return 0;
        }));

        return new Command("kmc", "The key management centre (密钥管理中心) that generates and escrows encryption keys for dual certificates.") { init, RegisterCa(context) };
    }

    private static Command RegisterCa(CliContext context)
    {
        var data = CliContext.DataOption();
        var caId = new Option<string>("--ca-id") { Description = "The CA's ID at the KMC: the Kmc:CaId of that CA's installation.", Required = true };
        var name = new Option<string>("--name") { Description = "The CA's name, for people.", Required = true };
        var algorithms = new Option<string[]>("--algorithms") { Description = "Encryption key algorithms the CA may ask for: " + string.Join(", ", KeyAlgorithms.Names) + ".", Required = true, AllowMultipleArgumentsPerToken = true };
        var certificate = new Option<string>("--client-certificate") { Description = "The CA's TLS client certificate (PEM or DER) it reaches this KMC's /kmc/v1 endpoints with.", Required = true };
        var command = new Command("register-ca", "Register a further CA with this installation's KMC, bound to its TLS client certificate (remote KMC).") { data, caId, name, algorithms, certificate };
        command.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            var parsed = new List<KeyAlgorithm>();
            foreach (var text in parse.GetValue(algorithms)!.SelectMany(a => a.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
            {
                parsed.Add(KeyAlgorithms.TryParse(text, out var algorithm) ? algorithm.Value : throw Errors.RequestInvalid.With($"--algorithms: '{text}' is not one of {string.Join(", ", KeyAlgorithms.Names)}."));
            }

            var der = (await CliFiles.CertificateAsync(parse.GetValue(certificate), cancellationToken))!;
            await using var installation = await context.OpenAsync(parse.GetValue(data)!, null, cancellationToken);
            var hash = await KmcCaRegistration.RunAsync(installation, parse.GetValue(caId)!, parse.GetValue(name)!, parsed, der, CliContext.CliActor, cancellationToken);
            await context.Output.WriteLineAsync($"CA '{parse.GetValue(caId)}' registered with the KMC for {string.Join(", ", parsed.Select(a => a.ToName()))}, bound to the client certificate with SHA-256 {hash}.");
            return 0;
        }));
        return command;
    }
}
