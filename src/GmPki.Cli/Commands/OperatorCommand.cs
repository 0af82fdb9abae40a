using System.CommandLine;
using System.Globalization;
using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Core.Security;
using GmPki.Registration.Operators;

namespace GmPki.Cli.Commands;

/// <summary><c>gmpki operator add|list|disable|enable|rotate</c>: operator accounts and their API keys.</summary>
internal static class OperatorCommand
{
    public static Command Create(CliContext context)
    {
        var data = CliContext.DataOption();
        var name = new Option<string>("--name") { Description = "Account name, [a-z0-9._-]{1,64}.", Required = true };
        var role = new Option<string>("--role") { Description = "One of: " + string.Join(", ", OperatorRoles.Names) + ".", Required = true };
        var agency = new Option<string?>("--agency") { Description = "For agency-operator: the code of its delegated agency (受委托机构)." };
        var idNumber = new Option<string?>("--id-number") { Description = "The holder's resident identity number; required for security-officer and audit-officer, so one person cannot hold two 三员 roles, and for kmc-officer, so a judicial key recovery's two approvals are known to come from two people." };
        var certificate = new Option<string?>("--client-certificate") { Description = "A TLS client certificate (PEM or DER; SM2, ECDSA or RSA) the operator may authenticate with instead of the API key." };
        var expires = ExpiresOption();
        var add = new Command("add", "Create an operator; prints its API key once.") { data, name, role, agency, idNumber, certificate, expires };
        add.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            if (!OperatorRoles.TryParse(parse.GetValue(role), out var parsedRole))
            {
                throw Errors.RequestInvalid.With($"--role must be one of {string.Join(", ", OperatorRoles.Names)}.");
            }

            await using var installation = await context.OpenAsync(parse.GetValue(data)!, null, cancellationToken);
            var key = await installation.Get<OperatorAccounts>().CreateAsync(
                new NewOperator(parse.GetValue(name)!, parsedRole.Value, parse.GetValue(agency), parse.GetValue(idNumber),
                    await CliFiles.CertificateAsync(parse.GetValue(certificate), cancellationToken), Expiry(parse.GetValue(expires))),
                CliContext.CliActor, cancellationToken);
            await context.Output.WriteLineAsync($"Operator '{parse.GetValue(name)}' ({parsedRole.Value.ToName()}) created. API key, shown only once:");
            await context.Output.WriteLineAsync("  " + key);
            return 0;
        }));

        var listData = CliContext.DataOption();
        var list = new Command("list", "List operators.") { listData };
        list.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            await using var installation = await context.OpenAsync(parse.GetValue(listData)!, null, cancellationToken);
            foreach (var account in await installation.Get<IOperatorStore>().ListAsync(cancellationToken))
            {
                await context.Output.WriteLineAsync($"{account.Name,-24} {account.Role.ToName(),-18} {(account.Disabled ? "disabled" : "enabled"),-9} {account.Agency ?? "-",-16} created {Describe.Time(account.CreatedAt)}{(account.ExpiresAt is { } e ? " expires " + Describe.Time(e) : "")}");
            }

            return 0;
        }));
        return new Command("operator", "Manage operator accounts.")
        {
            add, list, SetDisabled(context, "disable", true), SetDisabled(context, "enable", false), Rotate(context),
        };
    }

    private static Option<string?> ExpiresOption() => new("--expires")
    {
        Description = "When the API key stops working (ISO 8601, UTC unless an offset is given: 2027-06-30 or 2027-06-30T08:00:00+08:00); none if omitted.",
    };

    /// <exception cref="GmPkiException"><c>request-invalid</c> for a text that is not a date and time.</exception>
    private static DateTime? Expiry(string? text) => text is null ? null
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time.UtcDateTime
        : throw Errors.RequestInvalid.With($"--expires '{text}' is not an ISO 8601 date and time.");

    private static Command SetDisabled(CliContext context, string verb, bool disabled)
    {
        var data = CliContext.DataOption();
        var name = new Option<string>("--name") { Description = "The operator account.", Required = true };
        var command = new Command(verb, disabled
            ? "Disable an operator: its API key and client certificate are refused (every running node within 30 s)."
            : "Enable a disabled operator again.") { data, name };
        command.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            await using var installation = await context.OpenAsync(parse.GetValue(data)!, null, cancellationToken);
            await installation.Get<OperatorAccounts>().SetDisabledAsync(parse.GetValue(name)!, disabled, CliContext.CliActor, cancellationToken);
            await context.Output.WriteLineAsync($"Operator '{parse.GetValue(name)}' {verb}d.");
            return 0;
        }));
        return command;
    }

    private static Command Rotate(CliContext context)
    {
        var data = CliContext.DataOption();
        var name = new Option<string>("--name") { Description = "The operator account.", Required = true };
        var expires = ExpiresOption();
        var command = new Command("rotate", "Give an operator a new API key (printed once); the old key stops working.") { data, name, expires };
        command.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            await using var installation = await context.OpenAsync(parse.GetValue(data)!, null, cancellationToken);
            var key = await installation.Get<OperatorAccounts>().RotateAsync(parse.GetValue(name)!, Expiry(parse.GetValue(expires)), CliContext.CliActor, cancellationToken);
            await context.Output.WriteLineAsync($"Operator '{parse.GetValue(name)}' has a new API key, shown only once:");
            await context.Output.WriteLineAsync("  " + key);
            return 0;
        }));
        return command;
    }
}
