using System.CommandLine;
using System.Globalization;
using GmPki.Core.Errors;
using GmPki.Verification.Encoding;
using GmPki.Verification.Paths;

namespace GmPki.Cli.Commands;

/// <summary>
/// <c>gmpki validate</c>: certification path validation (RFC 5280 §6) of a certificate file
/// against trust anchor files, offline. Exit code 0 when valid, 1 when not (the reason is printed).
/// </summary>
internal static class ValidateCommand
{
    public static Command Create(CliContext context)
    {
        var leaf = new Argument<string>("certificate") { Description = "The certificate to validate (PEM or DER file)." };
        var anchors = new Option<string[]>("--anchor") { Description = "Trust anchor certificate file(s), PEM (several blocks allowed) or DER; repeatable.", Required = true };
        var intermediates = new Option<string[]>("--intermediate") { Description = "Untrusted intermediate certificate file(s); repeatable." };
        var crls = new Option<string[]>("--crl") { Description = "CRL file(s), complete or delta, PEM or DER; repeatable." };
        var ocsp = new Option<string[]>("--ocsp") { Description = "DER OCSP response file(s); repeatable." };
        var at = new Option<string?>("--at") { Description = "Validation time, ISO 8601 (UTC unless an offset is given); default now." };
        var revocation = new Option<string?>("--revocation") { Description = "none, leaf or chain; default chain when --crl or --ocsp is given, else none." };
        var profile = new Option<string>("--profile") { Description = "rfc5280 (default; a non-critical basicConstraints in a CA certificate is a warning), strict (it is refused) or webpki.", DefaultValueFactory = _ => "rfc5280" };
        var policies = new Option<string[]>("--policy") { Description = "Acceptable certificate policy OID(s) (user-initial-policy-set); default anyPolicy." };
        var explicitPolicy = new Option<bool>("--require-explicit-policy") { Description = "Require a valid policy (initial-explicit-policy)." };
        var purposes = new Option<string[]>("--purpose") { Description = "extKeyUsage OID(s) the certificate must allow." };
        var dns = new Option<string?>("--dns") { Description = "Host name the certificate must be for (subjectAltName)." };
        var ip = new Option<string?>("--ip") { Description = "IP address the certificate must be for (subjectAltName)." };
        var email = new Option<string?>("--email") { Description = "E-mail address the certificate must be for (subjectAltName)." };
        var command = new Command("validate", "Validate a certificate's path to trust anchors (RFC 5280 §6); exit 0 valid, 1 invalid.")
        {
            leaf, anchors, intermediates, crls, ocsp, at, revocation, profile, policies, explicitPolicy, purposes, dns, ip, email,
        };
        command.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            var crlFiles = parse.GetValue(crls) ?? [];
            var ocspFiles = parse.GetValue(ocsp) ?? [];
            var request = new PathValidationRequest
            {
                Certificate = (await ReadAsync(parse.GetValue(leaf)!, PkixEncoding.Certificate, cancellationToken))[0],
                TrustAnchors = await ReadAllAsync(parse.GetValue(anchors), PkixEncoding.Certificate, cancellationToken),
                Intermediates = await ReadAllAsync(parse.GetValue(intermediates), PkixEncoding.Certificate, cancellationToken),
                Crls = await ReadAllAsync(crlFiles, PkixEncoding.Crl, cancellationToken),
                OcspResponses = [.. await Task.WhenAll(ocspFiles.Select(f => File.ReadAllBytesAsync(Existing(f), cancellationToken)))],
                ValidationTime = parse.GetValue(at) is { } time ? ParseTime(time) : null,
                Revocation = ParseEnum<RevocationMode>(parse.GetValue(revocation) ?? (crlFiles.Length + ocspFiles.Length > 0 ? "chain" : "none"), "--revocation"),
                Profile = ParseEnum<ValidationProfile>(parse.GetValue(profile)!, "--profile"),
                InitialPolicies = parse.GetValue(policies) is { Length: > 0 } oids ? oids : [PathValidationRequest.AnyPolicy],
                RequireExplicitPolicy = parse.GetValue(explicitPolicy),
                RequiredExtendedKeyUsages = parse.GetValue(purposes) ?? [],
                PeerName = parse.GetValue(dns) is { } host ? new PeerName(PeerName.Dns, host)
                    : parse.GetValue(ip) is { } address ? new PeerName(PeerName.Ip, address)
                    : parse.GetValue(email) is { } mailbox ? new PeerName(PeerName.Email, mailbox) : null,
            };
            var result = PathValidator.Validate(request, TimeProvider.System);
            var output = context.Output;
            await output.WriteLineAsync(result.Valid
                ? $"valid at {Describe.Time(result.ValidationTime)}"
                : $"invalid: {result.Failure!.Value.ToCode()}: {result.Reason}");
            foreach (var element in result.Path)
            {
                await output.WriteLineAsync($"  {element.Role,-12} {element.Subject}  serial {element.Serial}  revocation {element.Revocation}");
            }

            foreach (var warning in result.Warnings)
            {
                await output.WriteLineAsync("  warning: " + warning);
            }

            if (result.Valid && result.Policies.Count > 0)
            {
                await output.WriteLineAsync("  policies: " + string.Join(", ", result.Policies));
            }

            return result.Valid ? 0 : CliContext.Failed;
        }));
        return command;
    }

    private static async Task<List<byte[]>> ReadAllAsync(string[]? files, string label, CancellationToken cancellationToken)
    {
        var all = new List<byte[]>();
        foreach (var file in files ?? [])
        {
            all.AddRange(await ReadAsync(file, label, cancellationToken));
        }

        return all;
    }

    private static async Task<IReadOnlyList<byte[]>> ReadAsync(string file, string label, CancellationToken cancellationToken)
    {
        var content = await File.ReadAllBytesAsync(Existing(file), cancellationToken);
        try
        {
            return PkixEncoding.Decode(content, label);
        }
        catch (FormatException e)
        {
            throw Errors.RequestInvalid.With($"{file}: {e.Message}");
        }
    }

    private static string Existing(string file) => File.Exists(file) ? file : throw Errors.RequestInvalid.With($"file {file} does not exist.");

    private static DateTimeOffset ParseTime(string text)
        => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : throw Errors.RequestInvalid.With($"--at '{text}' is not an ISO 8601 time.");

    private static T ParseEnum<T>(string text, string option)
        where T : struct, Enum
        => OptionNames.TryParse<T>(text, out var value) ? value : throw Errors.RequestInvalid.With($"{option} '{text}' is not one of {OptionNames.List<T>()}.");
}
