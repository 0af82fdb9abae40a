using System.CommandLine;
using GmPki.Compliance.Checkpoints;
using GmPki.Hosting.Keys;

namespace GmPki.Cli.Commands;

/// <summary><c>gmpki audit verify|checkpoint|create-key</c>: the SM3 audit chain (<c>docs/audit.md</c>).</summary>
internal static class AuditCommand
{
    public static Command Create(CliContext context)
    {
        var data = CliContext.DataOption();
        var passphraseFile = CliContext.PassphraseFileOption();
        var checkpoint = new Command("checkpoint", "Sign a checkpoint of the audit chain now, with the audit key.") { data, passphraseFile };
        checkpoint.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            await using var installation = await context.OpenAsync(parse.GetValue(data)!, parse.GetValue(passphraseFile), cancellationToken);
            var (key, certificate) = installation.Get<AuditKeys>().Open();
            var written = await installation.Get<AuditCheckpointer>().WriteAsync(new AuditSigner(key, certificate), cancellationToken);
            await context.Output.WriteLineAsync(written is null
                ? "Nothing to checkpoint: the latest checkpoint already covers the last event."
                : $"Checkpoint signed through event {written.ThroughEventId} ({written.Hash}) at {Describe.Time(written.CreatedAt)}.");
            return 0;
        }));

        var keyData = CliContext.DataOption();
        var keyPassphraseFile = CliContext.PassphraseFileOption();
        var createKey = new Command("create-key", "Create the audit key of an installation made before audit keys existed (certified by the issuing CA).") { keyData, keyPassphraseFile };
        createKey.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            await using var installation = await context.OpenAsync(parse.GetValue(keyData)!, parse.GetValue(keyPassphraseFile), cancellationToken);
            await installation.Get<AuditKeys>().CreateAsync(CliContext.CliActor, cancellationToken);
            await context.Output.WriteLineAsync($"Audit key created (label '{AuditKeys.Label}'); its certificate is {installation.Data.AuditCertificateFile}.");
            return 0;
        }));

        return new Command("audit", "The tamper-evident audit chain: verify it offline, sign checkpoints.") { AuditVerifyCommand.Create(context), checkpoint, createKey };
    }
}
