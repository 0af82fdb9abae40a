using System.CommandLine;
using GmPki.Core.Errors;
using GmPki.Core.Registration;
using GmPki.Registration.Protocols;

namespace GmPki.Cli.Commands;

/// <summary>
/// <c>gmpki protocol-account add|list|disable|enable</c>: protocol accounts (协议接入账户) with which
/// machines enroll through EST (docs/protocols.md), each bound at the desk to a completed application.
/// </summary>
internal static class ProtocolAccountCommand
{
    public static Command Create(CliContext context)
    {
        var data = CliContext.DataOption();
        var operatorName = CliContext.OperatorOption();
        var protocol = new Option<string>("--protocol") { Description = "est, cmp or acme.", DefaultValueFactory = _ => "est" };
        var name = new Option<string>("--name") { Description = "Account name: 1–64 of a-z 0-9 . _ - (the EST user name, the CMP senderKID, the ACME EAB key id).", Required = true };
        var profile = new Option<string>("--profile") { Description = "The one profile the account enrolls for.", Required = true };
        var basis = new Option<Guid>("--basis") { Description = "A completed new, renew or change application of the subscriber, done at the desk.", Required = true };
        var add = new Command("add", "Create an account; prints its secret once.") { data, operatorName, protocol, name, profile, basis };
        add.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            await using var installation = await context.OpenAsync(parse.GetValue(data)!, null, cancellationToken);
            var registrar = await CliContext.ActorAsync(installation, operatorName.Of(parse), cancellationToken);
            var (account, secret) = await installation.Get<ProtocolAccounts>().CreateAsync(
                new ProtocolAccountInput(ProtocolOf(parse.GetValue(protocol)!), parse.GetValue(name)!, parse.GetValue(profile)!, parse.GetValue(basis)), registrar, cancellationToken);
            await context.Output.WriteLineAsync($"{KebabNames.Of(account.Protocol)} account '{account.Name}' for subscriber {account.SubscriberId}, profile {account.Profile}, basis {account.BasisApplicationId}.");
            await context.Output.WriteLineAsync($"Secret, shown only once: {secret}");
            return 0;
        }));

        var listData = CliContext.DataOption();
        var list = new Command("list", "List the accounts.") { listData };
        list.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            await using var installation = await context.OpenAsync(parse.GetValue(listData)!, null, cancellationToken);
            var accounts = await installation.Get<ProtocolAccounts>().ListAsync(cancellationToken);
            foreach (var account in accounts)
            {
                await context.Output.WriteLineAsync($"{KebabNames.Of(account.Protocol),-5} {account.Name,-24} {(account.Disabled ? "disabled" : "enabled"),-8} {account.Profile,-16} subscriber {account.SubscriberId}");
            }

            await context.Output.WriteLineAsync($"{accounts.Count} account(s).");
            return 0;
        }));
        return new Command("protocol-account", "Protocol accounts (协议接入账户) for EST, CMP and ACME enrollment.") { add, list, Toggle(context, "disable", true), Toggle(context, "enable", false) };
    }

    private static Command Toggle(CliContext context, string verb, bool disabled)
    {
        var data = CliContext.DataOption();
        var operatorName = CliContext.OperatorOption();
        var protocol = new Option<string>("--protocol") { Description = "est, cmp or acme.", DefaultValueFactory = _ => "est" };
        var name = new Option<string>("--name") { Description = "Account name.", Required = true };
        var command = new Command(verb, disabled ? "Disable an account: it authenticates nothing." : "Enable a disabled account.") { data, operatorName, protocol, name };
        command.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            await using var installation = await context.OpenAsync(parse.GetValue(data)!, null, cancellationToken);
            var registrar = await CliContext.ActorAsync(installation, operatorName.Of(parse), cancellationToken);
            await installation.Get<ProtocolAccounts>().SetDisabledAsync(ProtocolOf(parse.GetValue(protocol)!), parse.GetValue(name)!, disabled, registrar, cancellationToken);
            await context.Output.WriteLineAsync($"Account '{parse.GetValue(name)}' {verb}d.");
            return 0;
        }));
        return command;
    }

    private static EnrollmentProtocol ProtocolOf(string name)
        => KebabNames.TryParse<EnrollmentProtocol>(name, out var protocol) ? protocol.Value
            : throw Errors.RequestInvalid.With($"--protocol must be one of {string.Join(", ", KebabNames.All<EnrollmentProtocol>())}.");
}
