using System.CommandLine;
using System.Security.Cryptography;
using GmPki.Compliance.Verification;
using GmPki.Core.Errors;
using GmPki.Hosting;
using GmPki.Hosting.Backup;
using GmPki.Hosting.Configuration;

namespace GmPki.Cli.Commands;

/// <summary>
/// <c>gmpki audit verify</c>: checks the whole audit chain and its checkpoints offline, reading
/// the ledger without migrating it or opening any key; exit 0 when intact, 1 at the first broken link.
/// </summary>
internal static class AuditVerifyCommand
{
    public static Command Create(CliContext context)
    {
        var data = CliContext.DataOption();
        var root = new Option<string?>("--root")
        {
            Description = "Root CA certificate (PEM or DER) obtained independently of the ledger; checkpoints must chain to it. Default: the ledger's root CA.",
        };
        var json = CliOutput.JsonOption();
        var command = new Command("verify", "Verify the SM3 audit chain and its signed checkpoints; report the first broken link.") { data, root, json };
        command.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            var directory = DataDirectory.At(parse.GetValue(data)!);
            var configuration = InstallationConfiguration.Validate(InstallationConfiguration.Load(directory), directory);
            var pinned = parse.GetValue(root) is { } path ? ReadCertificate(path) : null;
            var asJson = parse.GetValue(json);
            await (asJson ? context.Error : context.Output).WriteLineAsync($"Verifying the audit chain of {directory.Path} ({configuration.Storage.Provider}) …");
            var result = await LedgerVerification.VerifyAsync(directory, pinned, new ProgressLines(context.Error), cancellationToken);
            await (asJson ? CliOutput.WriteJsonAsync(context.Output, AuditVerificationJson.From(result)) : Report(context.Output, result));
            return result.IsIntact ? 0 : CliContext.Failed;
        }));
        return command;
    }

    /// <summary>Prints the verdict: OK with the counts and the last checkpoint, or the first broken link.</summary>
    internal static async Task Report(TextWriter output, AuditVerification result)
    {
        if (result.Break is { } broken)
        {
            await output.WriteLineAsync($"BROKEN at event {broken.EventId}: {Explain(broken.Kind)}.");
            await output.WriteLineAsync($"  {broken.Reason}.");
            await output.WriteLineAsync($"  Verified before it: {result.Events} event(s), {result.Checkpoints} checkpoint(s).");
            return;
        }

        await output.WriteLineAsync($"OK: {result.Events} event(s) and {result.Checkpoints} checkpoint(s) verified.");
        if (result.LastCheckpoint is { } last)
        {
            await output.WriteLineAsync($"  Last checkpoint: through event {last.ThroughEventId}, signed {Describe.Time(last.CreatedAt)}; " +
                $"{result.LastEventId - last.ThroughEventId} later event(s) are protected by the hash chain only.");
        }
        else if (result.Events > 0)
        {
            await output.WriteLineAsync("  No checkpoint yet: the events are protected by the hash chain only.");
        }
    }

    private static string Explain(AuditBreakKind kind) => kind switch
    {
        AuditBreakKind.HashMismatch => "hash mismatch (the event was edited)",
        AuditBreakKind.PreviousHashMismatch => "previous-hash mismatch (an event was deleted, inserted or reordered)",
        AuditBreakKind.CheckpointSignatureInvalid => "checkpoint signature invalid",
        AuditBreakKind.CheckpointHashNotInChain => "checkpoint hash not in the chain",
        AuditBreakKind.HeadMismatch => "chain head mismatch (events deleted from or added to the end)",
        _ => "unreadable row",
    };

    private static byte[] ReadCertificate(string path)
    {
        if (!File.Exists(path))
        {
            throw Errors.RequestInvalid.With($"--root file {path} does not exist.");
        }

        var bytes = File.ReadAllBytes(path);
        var text = System.Text.Encoding.ASCII.GetString(bytes);
        return PemEncoding.TryFind(text, out var fields) ? Convert.FromBase64String(text[fields.Base64Data]) : bytes;
    }

    /// <summary>Writes a progress line at each further tenth of the expected events (nothing on small ledgers).</summary>
    internal sealed class ProgressLines(TextWriter error) : IProgress<AuditVerificationProgress>
    {
        private long _lastTenth;

        public void Report(AuditVerificationProgress value)
        {
            var tenth = value.Expected > 0 ? value.Events * 10 / value.Expected : 0;
            if (tenth > _lastTenth || value.Expected == 0)
            {
                _lastTenth = tenth;
                error.WriteLine($"  … {value.Events} of {value.Expected} events verified");
            }
        }
    }
}
