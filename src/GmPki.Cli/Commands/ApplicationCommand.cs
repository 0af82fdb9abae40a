using System.CommandLine;
using GmPki.Core.Errors;
using GmPki.Core.Registration;
using GmPki.Registration.Workflow;

namespace GmPki.Cli.Commands;

/// <summary><c>gmpki application show|list|approve|fulfil</c>: applications after the counter, e.g. under the two-person rule.</summary>
internal static class ApplicationCommand
{
    public static Command Create(CliContext context) => new("application", "Inspect and move applications of the registration workflow.")
    {
        Show(context), List(context), Approve(context), Fulfil(context),
    };

    private static Command Show(CliContext context)
    {
        var data = CliContext.DataOption();
        var id = new Argument<Guid>("id") { Description = "Application id." };
        var json = CliOutput.JsonOption();
        var command = new Command("show", "Show an application and its recorded steps.") { id, data, json };
        command.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            await using var installation = await context.OpenAsync(parse.GetValue(data)!, null, cancellationToken);
            var application = await installation.Get<ApplicationDesk>().ReadAsync(parse.GetValue(id), await CliContext.ActorAsync(installation, null, cancellationToken), cancellationToken);
            if (parse.GetValue(json))
            {
                await CliOutput.WriteJsonAsync(context.Output, ApplicationJson.From(application, withSteps: true));
                return 0;
            }

            await context.Output.WriteLineAsync($"Application {application.Id}: {KebabNames.Of(application.Kind)}, {KebabNames.Of(application.State)}, profile {application.Profile}, subscriber {application.SubscriberId}");
            var steps = CliOutput.Table("Recorded (UTC+8)", "Step", "Result", "Method", "By", "Evidence");
            foreach (var step in application.Steps)
            {
                steps.Row(Describe.Time(step.RecordedAt), KebabNames.Of(step.Step), step.Passed ? "passed" : "FAILED", step.Method, step.Actor, string.Join(", ", step.Evidence.Select(e => e.Name)));
            }

            CliOutput.Write(context.Output, steps);
            if (ApplicationJson.NextStepOf(application) is { } next)
            {
                await context.Output.WriteLineAsync($"next: {KebabNames.Of(next)}");
            }

            return 0;
        }));
        return command;
    }

    private static Command List(CliContext context)
    {
        var data = CliContext.DataOption();
        var state = new Option<string?>("--state") { Description = "Only applications in this state (open, awaiting-approval, approved, fulfilled, completed, rejected, withdrawn)." };
        var json = CliOutput.JsonOption();
        var command = new Command("list", "List applications, newest first.") { data, state, json };
        command.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            var filter = parse.GetValue(state) is { } name ? KebabNames.TryParse<ApplicationState>(name, out var parsed) ? parsed
                : throw Errors.RequestInvalid.With($"--state must be one of {string.Join(", ", KebabNames.All<ApplicationState>())}.") : null;
            await using var installation = await context.OpenAsync(parse.GetValue(data)!, null, cancellationToken);
            var page = await installation.Get<IRegistrationLedger>().ListApplicationsAsync(filter, null, 1, 100, cancellationToken);
            if (parse.GetValue(json))
            {
                await CliOutput.WriteJsonAsync(context.Output, new ApplicationPageJson(page.Total, [.. page.Items.Select(a => ApplicationJson.From(a, withSteps: false))]));
                return 0;
            }

            var table = CliOutput.Table("Id", "Kind", "State", "Profile", "Opened (UTC+8)");
            foreach (var application in page.Items)
            {
                table.Row(application.Id.ToString(), KebabNames.Of(application.Kind), KebabNames.Of(application.State), application.Profile, Describe.Time(application.CreatedAt));
            }

            CliOutput.Write(context.Output, table);
            await context.Output.WriteLineAsync($"{page.Total} application(s).");
            return 0;
        }));
        return command;
    }

    private static Command Approve(CliContext context)
    {
        var data = CliContext.DataOption();
        var operatorName = CliContext.OperatorOption();
        var id = new Argument<Guid>("id") { Description = "Application id." };
        var reject = new Option<bool>("--reject") { Description = "Reject instead of approving." };
        var comment = new Option<string>("--comment") { Description = "The reviewer's remarks.", Required = true };
        var command = new Command("approve", "Approve (or --reject) an application awaiting approval, as a reviewer.") { id, data, operatorName, reject, comment };
        command.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            await using var installation = await context.OpenAsync(parse.GetValue(data)!, null, cancellationToken);
            var reviewer = await CliContext.ActorAsync(installation, operatorName.Of(parse), cancellationToken);
            var application = await installation.Get<DecisionDesk>().DecideAsync(parse.GetValue(id), new ApprovalInput(!parse.GetValue(reject), parse.GetValue(comment)!), reviewer, cancellationToken);
            await context.Output.WriteLineAsync($"Application {application.Id} is {KebabNames.Of(application.State)}.");
            return 0;
        }));
        return command;
    }

    private static Command Fulfil(CliContext context)
    {
        var data = CliContext.DataOption();
        var passphraseFile = CliContext.PassphraseFileOption();
        var operatorName = CliContext.OperatorOption();
        var id = new Argument<Guid>("id") { Description = "Application id." };
        var receiver = new Option<string?>("--receiver-id-number") { Description = "For applications that issue: identity number of the person receiving the certificate (must be the applicant's)." };
        var output = new Option<string?>("--out") { Description = "For applications that issue: where to write the certificate chain (PEM)." };
        var command = new Command("fulfil", "Have the CA act on an approved application and record the hand-over at the counter.") { id, data, passphraseFile, operatorName, receiver, output };
        command.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            await using var installation = await context.OpenAsync(parse.GetValue(data)!, parse.GetValue(passphraseFile), cancellationToken);
            var registrar = await CliContext.ActorAsync(installation, operatorName.Of(parse), cancellationToken);
            var issues = StepTable.Issues((await installation.Get<ApplicationDesk>().ReadAsync(parse.GetValue(id), registrar, cancellationToken)).Kind);
            if (issues && (parse.GetValue(receiver) is null || parse.GetValue(output) is null))
            {
                throw Errors.RequestInvalid.With("an application that issues a certificate needs --receiver-id-number (the hand-over) and --out.");
            }

            var desk = installation.Get<FulfilmentDesk>();
            var application = await desk.FulfilAsync(parse.GetValue(id), registrar, cancellationToken);
            if (application.State == ApplicationState.Fulfilled)
            {
                application = await desk.AcceptAsync(application.Id, new AcceptanceInput("in-person", parse.GetValue(receiver)), null, registrar, cancellationToken);
            }

            return await IssueCommand.ReportAsync(context, installation, application, parse.GetValue(output) ?? string.Empty, cancellationToken);
        }));
        return command;
    }
}
