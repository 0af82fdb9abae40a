using System.CommandLine;
using GmPki.Core.Errors;
using GmPki.Core.Profiles;
using GmPki.Core.Issuance;
using GmPki.Issuance.Formats;
using GmPki.Issuance.Identity;
using GmPki.Server.Installation;

namespace GmPki.Cli.Commands;

/// <summary>
/// <c>gmpki issue</c>: the audited operator path. Issues from a CSR file and writes the full chain
/// in PEM (leaf, issuing CA, root) to <c>--out</c>.
/// </summary>
internal static class IssueCommand
{
    public static Command Create(CliContext context)
    {
        var data = CliContext.DataOption();
        var passphraseFile = CliContext.PassphraseFileOption();
        var csr = new Option<string>("--csr") { Description = "PKCS#10 request file, PEM or DER.", Required = true };
        var profile = new Option<string>("--profile") { Description = "Profile name (personal, organization, government-staff, server-tls, …).", Required = true };
        var output = new Option<string>("--out") { Description = "Where to write the certificate chain (PEM: leaf, issuing CA, root).", Required = true };
        var identity = new Option<string[]>("--identity")
        {
            Description = "GM/T 0015 identity extension NAME=VALUE (identityCode, insuranceNumber, icRegistrationNumber, organizationCode, taxationNumber); repeatable.",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("issue", "Issue a certificate from a CSR (audited as the CLI operator).") { data, passphraseFile, csr, profile, output, identity };
        command.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            var csrPath = parse.GetValue(csr)!;
            if (!File.Exists(csrPath))
            {
                throw Errors.RequestInvalid.With($"CSR file {csrPath} does not exist.");
            }

            var request = new IssuanceRequest(parse.GetValue(profile)!, await File.ReadAllBytesAsync(csrPath, cancellationToken), ParseIdentity(parse.GetValue(identity)));
            await using var installation = await context.OpenAsync(parse.GetValue(data)!, parse.GetValue(passphraseFile), cancellationToken);
            var issuer = await installation.Get<AuthorityDirectory>().IssuerAsync();
            var issued = await issuer.IssueAsync(request, CliContext.CliActor, cancellationToken);
            var outPath = parse.GetValue(output)!;
            await File.WriteAllTextAsync(outPath, CertificateEncodings.ToPem([issued.CertificateDer, .. issued.Chain]), cancellationToken);
            await context.Output.WriteLineAsync($"Issued {issued.SerialHex} ({issued.Profile}) for {issued.Subject}");
            await context.Output.WriteLineAsync($"  valid {Describe.Time(issued.NotBefore)} to {Describe.Time(issued.NotAfter)}");
            await context.Output.WriteLineAsync($"  chain written to {Path.GetFullPath(outPath)}");
            return 0;
        }));
        return command;
    }

    private static Dictionary<IdentityExtensionType, string>? ParseIdentity(string[]? values)
    {
        if (values is null || values.Length == 0)
        {
            return null;
        }

        var result = new Dictionary<IdentityExtensionType, string>();
        foreach (var value in values)
        {
            var separator = value.IndexOf('=', StringComparison.Ordinal);
            var type = separator > 0 ? IdentityExtensions.Parse(value[..separator]) : null;
            if (type is null)
            {
                throw Errors.RequestInvalid.With($"--identity '{value}' must be NAME=VALUE with a GM/T 0015 extension name.");
            }

            result[type.Value] = value[(separator + 1)..];
        }

        return result;
    }
}
