using System.CommandLine;
using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Core.Security;
using GmPki.Registration.Operators;

namespace GmPki.Cli.Commands;

/// <summary><c>gmpki operator add|list</c>: operator accounts and their API keys.</summary>
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
        var add = new Command("add", "Create an operator; prints its API key once.") { data, name, role, agency, idNumber, certificate };
        add.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            if (!OperatorRoles.TryParse(parse.GetValue(role), out var parsedRole))
            {
                throw Errors.RequestInvalid.With($"--role must be one of {string.Join(", ", OperatorRoles.Names)}.");
            }

            await using var installation = await context.OpenAsync(parse.GetValue(data)!, null, cancellationToken);
            var key = await installation.Get<OperatorAccounts>().CreateAsync(
                new NewOperator(parse.GetValue(name)!, parsedRole.Value, parse.GetValue(agency), parse.GetValue(idNumber),
                    await CliFiles.CertificateAsync(parse.GetValue(certificate), cancellationToken)),
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
                await context.Output.WriteLineAsync($"{account.Name,-24} {account.Role.ToName(),-18} {(account.Disabled ? "disabled" : "enabled"),-9} {account.Agency ?? "-",-16} created {Describe.Time(account.CreatedAt)}");
            }

            return 0;
        }));
        return new Command("operator", "Manage operator accounts.") { add, list };
    }
}
