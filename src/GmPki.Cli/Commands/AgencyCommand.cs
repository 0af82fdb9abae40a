using System.CommandLine;
using GmPki.Core.Registration;
using GmPki.Registration.Agencies;

namespace GmPki.Cli.Commands;

/// <summary>
/// <c>gmpki agency list</c>: the delegated registration agencies (受委托机构, M24 §25) with their
/// scope and filing state; a filing due soon or overdue is printed as a warning and makes the
/// exit code 2, so a daily cron job can alert on it. Agencies are managed through the API
/// (<c>docs/registration.md</c>).
/// </summary>
internal static class AgencyCommand
{
    /// <summary>Exit code when a filing is due soon or overdue.</summary>
    public const int FilingWarning = 2;

    public static Command Create(CliContext context)
    {
        var data = CliContext.DataOption();
        var json = CliOutput.JsonOption();
        var list = new Command("list", "List agencies with their scope and filing state; exit 2 when a filing is due soon or overdue.") { data, json };
        list.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            await using var installation = await context.OpenAsync(parse.GetValue(data)!, null, cancellationToken);
            var agencies = await installation.Get<AgencyRegistry>().ListAsync(cancellationToken);
            var table = CliOutput.Table("Code", "Filing", "State", "Name", "Profiles", "Regions");
            var warnings = 0;
            foreach (var (agency, filing) in agencies)
            {
                table.Row(agency.Code, KebabNames.Of(filing.State), agency.Suspended ? "suspended" : "active", agency.Name,
                    string.Join(",", agency.Scope.Profiles), string.Join(",", agency.Scope.Regions));
                if (filing.Warning(agency.Code) is { } warning)
                {
                    warnings++;
                    await context.Error.WriteLineAsync("warning: " + warning);
                }
            }

            if (parse.GetValue(json))
            {
                await CliOutput.WriteJsonAsync(context.Output, new AgencyListJson([.. agencies.Select(a => AgencyJson.From(a.Agency, a.Filing))], warnings));
            }
            else
            {
                CliOutput.Write(context.Output, table);
                await context.Output.WriteLineAsync($"{agencies.Count} agency(ies), {warnings} filing warning(s).");
            }

            return warnings > 0 ? FilingWarning : 0;
        }));
        return new Command("agency", "Delegated registration agencies (受委托机构).") { list };
    }
}
