using System.CommandLine;
using GmPki.Core.Errors;
using GmPki.Core.Registration;
using GmPki.Registration.Workflow;

namespace GmPki.Cli.Commands;

/// <summary>
/// <c>gmpki revoke</c>, <c>gmpki suspend</c> and <c>gmpki resume</c>: a holder's request at the
/// counter (柜台), recorded step by step like <c>gmpki issue</c>, for one certificate
/// (<c>--serial</c>), every certificate of a subscriber (<c>--subscriber</c>) or every certificate
/// of a compromised key (<c>--key-of</c>); and, for revoke, the urgent report by telephone
/// (<c>--urgent</c>, 挂失, M09 §31) that puts the certificate on hold at once, and the revocation on
/// the CA's own grounds (<c>--ground</c>, D §25) that a reviewer approves.
/// </summary>
internal static class StatusChangeCommand
{
    public static Command Create(CliContext context, ApplicationKind kind)
    {
        var data = CliContext.DataOption();
        var passphraseFile = CliContext.PassphraseFileOption();
        var operatorName = CliContext.OperatorOption();
        var serial = new Option<string?>("--serial") { Description = "The certificate, serial number in hex (colons allowed)." };
        var subscriber = new Option<Guid?>("--subscriber") { Description = "Every certificate of this subscriber (instead of --serial)." };
        var keyOf = new Option<string?>("--key-of") { Description = "Every certificate of this certificate's holder with the same public key (instead of --serial)." };
        var evidence = new Option<string[]>("--evidence") { Description = "Identity evidence file (scan of the holder's ID document); repeatable.", AllowMultipleArgumentsPerToken = false };
        var forms = new Option<string[]>("--paper-form") { Description = "Scan of the signed request form (and, for revoke, the notices and agreement); repeatable.", AllowMultipleArgumentsPerToken = false };
        var method = new Option<string>("--identity-method") { Description = "in-person, id-card-reader, online-verification, organization-documents.", DefaultValueFactory = _ => "in-person" };
        var will = new Option<string>("--will") { Description = "The holder's declared will.", DefaultValueFactory = _ => WillOf(kind) };
        var command = new Command(KebabNames.Of(kind), Summary(kind)) { data, passphraseFile, operatorName, serial, subscriber, keyOf, evidence, forms, method, will };
        var revoke = kind == ApplicationKind.Revoke ? new RevokeOptions(command) : null;
        command.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            await using var installation = await context.OpenAsync(parse.GetValue(data)!, parse.GetValue(passphraseFile), cancellationToken);
            var registrar = await CliContext.ActorAsync(installation, operatorName.Of(parse), cancellationToken);
            var reason = revoke is null ? null : parse.GetValue(revoke.Reason);
            if (revoke is not null && parse.GetValue(revoke.Urgent))
            {
                var opened = await installation.Get<UrgentRevocationDesk>().ReportByPhoneAsync(
                    parse.GetValue(serial) ?? throw Errors.RequestInvalid.With("an urgent report names the certificate with --serial."),
                    reason,
                    new PhoneCaller(Required(parse.GetValue(revoke.CallerName), "--caller-name"), Required(parse.GetValue(revoke.CallerIdNumber), "--caller-id-number"), parse.GetValue(revoke.Note)),
                    registrar, cancellationToken);
                var application = opened.Application;
                await context.Output.WriteLineAsync($"Certificate {application.TargetSerial} is on hold (certificateHold) from now; CRLs and OCSP show it at the next publication.");
                await context.Output.WriteLineAsync($"Revocation application {application.Id} is open: complete it with the holder's identity, materials, notices, agreement and will");
                await context.Output.WriteLineAsync($"(POST /api/v1/applications/{application.Id}/…, or the holder online with access token {opened.AccessToken}).");
                return 0;
            }

            var identity = await CliFiles.EvidenceAsync(parse.GetValue(evidence), cancellationToken);
            var scope = new CertificateScope(parse.GetValue(serial), parse.GetValue(subscriber), parse.GetValue(keyOf));
            if (revoke is not null && parse.GetValue(revoke.Ground) is { } ground)
            {
                var opened = await installation.Get<AuthorityRevocationDesk>().OpenAsync(
                    new AuthorityRevocationRequest(scope, ground, reason, parse.GetValue(revoke.Statement) ?? string.Empty, identity), registrar, cancellationToken);
                foreach (var application in opened)
                {
                    await context.Output.WriteLineAsync($"Application {application.Id} ({application.TargetSerial}, {ground}) awaits a reviewer: "
                        + $"gmpki application approve {application.Id} --operator <reviewer> --comment <remarks> --data …, then gmpki application fulfil {application.Id} --data … .");
                }

                return 0;
            }

            var paper = await CliFiles.EvidenceAsync(parse.GetValue(forms), cancellationToken);
            if (identity.Count == 0 || (kind == ApplicationKind.Revoke && paper.Count == 0))
            {
                throw Errors.RequestInvalid.With($"the holder's request at the counter needs --evidence{(kind == ApplicationKind.Revoke ? " and --paper-form" : string.Empty)}"
                    + (kind == ApplicationKind.Revoke ? "; for an urgent report by telephone use --urgent --caller-name … --caller-id-number …" : string.Empty) + ".");
            }

            var applications = await installation.Get<CounterStatusChanges>().RunAsync(new CounterStatusRequest(
                kind,
                scope,
                reason,
                parse.GetValue(method)!,
                identity,
                null,
                paper,
                parse.GetValue(will)!,
                revoke is null ? null : parse.GetValue(revoke.NoticeVersion),
                revoke is null ? null : parse.GetValue(revoke.AgreementVersion)), registrar, cancellationToken);
            foreach (var application in applications)
            {
                await context.Output.WriteLineAsync(application.State == ApplicationState.AwaitingApproval
                    ? $"Application {application.Id} ({application.TargetSerial}) awaits a reviewer: gmpki application approve {application.Id} --operator <reviewer> --comment <remarks> --data …"
                    : $"Application {application.Id} is {KebabNames.Of(application.State)}: certificate {application.TargetSerial} {Done(kind)}{(application.Reason is { } r && kind == ApplicationKind.Revoke ? $" ({r})" : string.Empty)}.");
            }

            return 0;
        }));
        return command;
    }

    private static string Required(string? value, string option) => value ?? throw Errors.RequestInvalid.With($"an urgent report by telephone needs {option}.");

    private static string Summary(ApplicationKind kind) => kind switch
    {
        ApplicationKind.Revoke => "Revoke certificates at the holder's request (every step recorded), or put one on hold at once on an urgent report (--urgent).",
        ApplicationKind.Suspend => "Suspend certificates (certificateHold) at the holder's request (every step recorded).",
        _ => "Resume suspended certificates at the holder's request (every step recorded); revoked certificates never return.",
    };

    private static string WillOf(ApplicationKind kind) => kind switch
    {
        ApplicationKind.Revoke => "本人申请撤销证书 / I ask for my certificate to be revoked.",
        ApplicationKind.Suspend => "本人申请冻结证书 / I ask for my certificate to be suspended.",
        _ => "本人申请解冻证书 / I ask for my certificate to be resumed.",
    };

    private static string Done(ApplicationKind kind) => kind switch
    {
        ApplicationKind.Revoke => "revoked",
        ApplicationKind.Suspend => "suspended",
        _ => "resumed",
    };

    /// <summary>The options only <c>gmpki revoke</c> has.</summary>
    private sealed class RevokeOptions
    {
        public RevokeOptions(Command command)
        {
            command.Options.Add(Reason);
            command.Options.Add(NoticeVersion);
            command.Options.Add(AgreementVersion);
            command.Options.Add(Urgent);
            command.Options.Add(CallerName);
            command.Options.Add(CallerIdNumber);
            command.Options.Add(Note);
            command.Options.Add(Ground);
            command.Options.Add(Statement);
        }

        public Option<string?> Ground { get; } = new("--ground")
        {
            Description = "Revoke on the CA's own grounds (D §25), without the holder: false-information, breach-of-agreement, security-not-assured, legal-order; with --statement and --evidence (the documents). A reviewer approves afterwards.",
        };

        public Option<string?> Statement { get; } = new("--statement") { Description = "With --ground: the facts (what was found, which order)." };

        public Option<string?> Reason { get; } = new("--reason") { Description = "RFC 5280 reason: unspecified, keyCompromise, affiliationChanged, superseded, cessationOfOperation, privilegeWithdrawn (urgent reports: keyCompromise when omitted)." };

        public Option<int?> NoticeVersion { get; } = new("--notice-version") { Description = "Version of the notices on the paper the holder signed; the version in force when omitted." };

        public Option<int?> AgreementVersion { get; } = new("--agreement-version") { Description = "Version of the agreement on the paper the holder signed; the version in force when omitted." };

        public Option<bool> Urgent { get; } = new("--urgent") { Description = "Record an urgent report by telephone (挂失): the certificate goes on hold at once and a revocation application opens, to be completed afterwards." };

        public Option<string?> CallerName { get; } = new("--caller-name") { Description = "With --urgent: the caller's name (must be the holder's)." };

        public Option<string?> CallerIdNumber { get; } = new("--caller-id-number") { Description = "With --urgent: the caller's identity number (must be the holder's)." };

        public Option<string?> Note { get; } = new("--note") { Description = "With --urgent: call reference and circumstances." };
    }
}
