using System.CommandLine;
using GmPki.Server.Kmc;

namespace GmPki.Cli.Commands;

/// <summary><c>gmpki kmc init</c>: the embedded key management centre's key ceremony (docs/kmc.md).</summary>
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

        return new Command("kmc", "The key management centre (密钥管理中心) that generates and escrows encryption keys for dual certificates.") { init };
    }
}
