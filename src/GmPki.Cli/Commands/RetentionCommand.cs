using System.CommandLine;
using GmPki.Registration.Retention;

namespace GmPki.Cli.Commands;

/// <summary>
/// <c>gmpki retention purge</c>: removes registration records whose retention period has ended
/// (M09 §24; <c>Registration:RetentionYears</c>, <c>GovernmentRetentionYears</c>). Meant to be run
/// from a daily schedule (cron, systemd timer); nothing younger than the period is touched.
/// </summary>
internal static class RetentionCommand
{
    public static Command Create(CliContext context)
    {
        var data = CliContext.DataOption();
        var purge = new Command("purge", "Remove closed applications (with steps and evidence) and subscribers whose retention period has ended.") { data };
        purge.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            await using var installation = await context.OpenAsync(parse.GetValue(data)!, null, cancellationToken);
            var policy = installation.Get<RetentionPolicy>();
            await context.Output.WriteLineAsync($"Purging records older than their retention ({policy.Years} years, {policy.GovernmentYears} for government departments) …");
            var result = await installation.Get<RetentionPurge>().RunAsync(CliContext.CliActor, cancellationToken);
            await context.Output.WriteLineAsync($"Removed {result.Applications} application(s) and {result.Subscribers} subscriber(s); kept {result.Kept} closed application(s) still within retention.");
            return 0;
        }));
        return new Command("retention", "Record retention (M09 §24).") { purge };
    }
}
