using System.CommandLine;
using GmPki.Core.Errors;
using GmPki.Core.Keys;
using GmPki.Core.Ledger;
using GmPki.Core.Registration;

namespace GmPki.Cli.Commands;

/// <summary><c>gmpki list</c>: certificates in the ledger, newest first, one page at a time.</summary>
internal static class ListCommand
{
    public static Command Create(CliContext context)
    {
        var data = CliContext.DataOption();
        var state = new Option<string?>("--state") { Description = "Only reserved, intended, issued or failed." };
        var page = new Option<int>("--page") { Description = "1-based page.", DefaultValueFactory = _ => 1 };
        var pageSize = new Option<int>("--page-size") { Description = "Rows per page (1–500).", DefaultValueFactory = _ => 50 };
        var json = CliOutput.JsonOption();
        var command = new Command("list", "List certificates, newest first.") { data, state, page, pageSize, json };
        command.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            CertificateState? filter = null;
            if (parse.GetValue(state) is { } name)
            {
                filter = Enum.TryParse<CertificateState>(name, ignoreCase: true, out var parsed)
                    ? parsed
                    : throw Errors.RequestInvalid.With($"--state '{name}' is not one of reserved, intended, issued, failed.");
            }

            await using var installation = await context.OpenAsync(parse.GetValue(data)!, null, cancellationToken);
            var result = await installation.Get<ICertificateDirectory>().ListAsync(filter, parse.GetValue(page), parse.GetValue(pageSize), cancellationToken);
            if (parse.GetValue(json))
            {
                await CliOutput.WriteJsonAsync(context.Output, new CertificatePageJson(result.PageNumber, result.PageSize, result.Total, [.. result.Items.Select(CertificateJson.From)]));
                return 0;
            }

            var table = CliOutput.Table("Serial", "State", "Profile", "Key", "Subject", "Not after (UTC+8)");
            foreach (var record in result.Items)
            {
                var r = record.Reservation;
                table.Row(r.SerialHex, KebabNames.Of(record.State), r.Profile, r.KeyAlgorithm.ToName(), r.SubjectDn, Describe.Time(r.NotAfter));
            }

            CliOutput.Write(context.Output, table);
            await context.Output.WriteLineAsync($"Page {result.PageNumber} of {Math.Max(1, (result.Total + result.PageSize - 1) / result.PageSize)}, {result.Total} certificate(s).");
            return 0;
        }));
        return command;
    }
}
