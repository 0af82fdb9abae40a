using System.CommandLine;
using GmPki.Core.Errors;
using GmPki.Core.Keys;
using GmPki.Core.Ledger;
using GmPki.Issuance.Formats;

namespace GmPki.Cli.Commands;

/// <summary><c>gmpki show SERIAL</c>: one certificate from the ledger, in any state.</summary>
internal static class ShowCommand
{
    public static Command Create(CliContext context)
    {
        var data = CliContext.DataOption();
        var serial = new Argument<string>("serial") { Description = "Serial number in hex (colons allowed)." };
        var pem = new Option<bool>("--pem") { Description = "Also print the certificate in PEM." };
        var json = CliOutput.JsonOption();
        var command = new Command("show", "Show a certificate by serial number.") { serial, data, pem, json };
        command.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            var hex = SerialText.Normalize(parse.GetValue(serial)!);
            await using var installation = await context.OpenAsync(parse.GetValue(data)!, null, cancellationToken);
            var record = await installation.Get<ICertificateDirectory>().FindAsync(hex, cancellationToken)
                ?? throw Errors.CertificateNotFound.With($"no certificate with serial {hex}.");
            var output = context.Output;
            var certificatePem = parse.GetValue(pem) && record.CertificateDer is { } der ? CertificateEncodings.ToPem([der]) : null;
            if (parse.GetValue(json))
            {
                await CliOutput.WriteJsonAsync(output, new ShownCertificateJson(CertificateJson.From(record), certificatePem));
                return 0;
            }

            var reservation = record.Reservation;
            await output.WriteLineAsync($"Serial:        {reservation.SerialHex}");
            await output.WriteLineAsync($"State:         {Core.Registration.KebabNames.Of(record.State)}{(record.FailureReason is null ? string.Empty : " — " + record.FailureReason)}");
            await output.WriteLineAsync($"Status:        {Core.Registration.KebabNames.Of(record.Status)}");
            await output.WriteLineAsync($"Issuer:        {reservation.IssuerLabel}");
            await output.WriteLineAsync($"Subject:       {reservation.SubjectDn}");
            await output.WriteLineAsync($"Profile:       {reservation.Profile}");
            await output.WriteLineAsync($"Key:           {reservation.KeyAlgorithm.ToName()}");
            await output.WriteLineAsync($"Not before:    {Describe.Time(reservation.NotBefore)}");
            await output.WriteLineAsync($"Not after:     {Describe.Time(reservation.NotAfter)}");
            await output.WriteLineAsync($"CRL shard:     {reservation.CrlShard}");
            await output.WriteLineAsync($"Requested by:  {reservation.RequestedBy} at {Describe.Time(reservation.ReservedAt)}");
            if (record.IssuedAt is { } issuedAt)
            {
                await output.WriteLineAsync($"Issued at:     {Describe.Time(issuedAt)}");
            }

            if (certificatePem is not null)
            {
                await output.WriteAsync(certificatePem);
            }

            return 0;
        }));
        return command;
    }
}
