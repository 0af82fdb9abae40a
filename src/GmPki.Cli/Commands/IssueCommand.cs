using System.CommandLine;
using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Core.Profiles;
using GmPki.Core.Registration;
using GmPki.Hosting;
using GmPki.Hosting.Delivery;
using GmPki.Issuance;
using GmPki.Issuance.Formats;
using GmPki.Registration.Subscribers;
using GmPki.Registration.Workflow;

namespace GmPki.Cli.Commands;

/// <summary>
/// <c>gmpki issue</c>: the registration counter (柜台) flow for a new certificate. The operator
/// records every workflow step for an applicant present in person (identity with evidence,
/// materials, the paper notices and agreement in force, the will, subject consistency) and, unless
/// the profile's two-person rule needs a reviewer, approves, issues and hands over, writing the
/// full chain in PEM (leaf, issuing CA, root) to <c>--out</c>. With <c>--dual</c> it issues a pair
/// (双证书, docs/kmc.md) and writes <c>sign.pem</c>, <c>enc.pem</c> (each the full chain, leaf first),
/// <c>enc-key.der</c> (the encryption private key as a DER GM/T 0009 SM2EnvelopedKey to the
/// signing key) and <c>enc-key.skf</c> (the same envelope as a GM/T 0016 ENVELOPEDKEYBLOB) to <c>--out-dir</c>.
/// </summary>
internal static class IssueCommand
{
    public static Command Create(CliContext context)
    {
        var data = CliContext.DataOption();
        var passphraseFile = CliContext.PassphraseFileOption();
        var operatorName = CliContext.OperatorOption();
        var csr = new Option<string>("--csr") { Description = "PKCS#10 request file, PEM or DER.", Required = true };
        var profile = new Option<string>("--profile") { Description = "Profile name (personal, organization, government-staff, server-tls, …).", Required = true };
        var output = new Option<string?>("--out") { Description = "Where to write the certificate chain (PEM: leaf, issuing CA, root)." };
        var dual = new Option<bool>("--dual") { Description = "Issue a signing and an encryption certificate (双证书); the KMC generates and escrows the encryption key. Needs --out-dir." };
        var outDir = new Option<string?>("--out-dir") { Description = "With --dual: the directory for sign.pem, enc.pem, enc-key.der and enc-key.skf." };
        var subscriber = new Option<Guid?>("--subscriber") { Description = "A registered subscriber's id (instead of --name/--id-number)." };
        var name = new Option<string?>("--name") { Description = "The applicant's legal name, as on the identity document (must be what the certificate names)." };
        var type = new Option<string>("--subscriber-type") { Description = "individual, enterprise, public-institution, social-group, government-department.", DefaultValueFactory = _ => "individual" };
        var idType = new Option<string?>("--id-type") { Description = "resident-identity-card (default for individuals), passport, military-officer-card, unified-social-credit-code (default for organisations), other." };
        var idNumber = new Option<string?>("--id-number") { Description = "The identity document number checked at the counter." };
        var region = new Option<string>("--region") { Description = "Six-digit GB/T 2260 administrative division code.", DefaultValueFactory = _ => "110000" };
        var organization = new Option<Guid?>("--organization") { Description = "For staff: the subscriber id of their organisation or department." };
        var method = new Option<string>("--identity-method") { Description = "in-person, id-card-reader, online-verification, organization-documents.", DefaultValueFactory = _ => "in-person" };
        var evidence = new Option<string[]>("--evidence") { Description = "Identity evidence file (scan of the ID document); repeatable.", Required = true, AllowMultipleArgumentsPerToken = false };
        var forms = new Option<string[]>("--paper-form") { Description = "Scan of the signed application form, notices and agreement; repeatable.", Required = true, AllowMultipleArgumentsPerToken = false };
        var noticeVersion = new Option<int?>("--notice-version") { Description = "Version of the notices (告知事项) on the paper the applicant signed; the version in force when omitted (another version is refused)." };
        var agreementVersion = new Option<int?>("--agreement-version") { Description = "Version of the service agreement on the signed paper; the version in force when omitted." };
        var will = new Option<string>("--will") { Description = "The applicant's declared will.", DefaultValueFactory = _ => "本人申请签发电子签名认证证书 / I apply for a certificate." };
        var command = new Command("issue", "Issue a new certificate through the registration counter flow (every step recorded).")
        {
            data, passphraseFile, operatorName, csr, profile, output, dual, outDir, subscriber, name, type, idType, idNumber, region, organization, method, evidence, forms, will, noticeVersion, agreementVersion,
        };
        command.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            var destination = (parse.GetValue(dual) ? parse.GetValue(outDir) : parse.GetValue(output))
                ?? throw Errors.RequestInvalid.With(parse.GetValue(dual) ? "--dual needs --out-dir." : "--out is required.");
            var request = new CounterRequest(
                parse.GetValue(subscriber) is null ? SubscriberOf(parse.GetValue(type)!, parse.GetValue(name), parse.GetValue(idType), parse.GetValue(idNumber), parse.GetValue(region)!, parse.GetValue(organization)) : null,
                parse.GetValue(subscriber),
                ApplicationKind.New,
                parse.GetValue(profile),
                await CliFiles.ReadAsync(parse.GetValue(csr)!, cancellationToken),
                null,
                null,
                parse.GetValue(method)!,
                await CliFiles.EvidenceAsync(parse.GetValue(evidence), cancellationToken),
                MaterialsOf(parse.GetValue(type)!, parse.GetValue(organization) is not null),
                await CliFiles.EvidenceAsync(parse.GetValue(forms), cancellationToken),
                parse.GetValue(will)!,
                parse.GetValue(noticeVersion),
                parse.GetValue(agreementVersion),
                parse.GetValue(dual));
            await using var installation = await context.OpenAsync(parse.GetValue(data)!, parse.GetValue(passphraseFile), cancellationToken);
            var registrar = await CliContext.ActorAsync(installation, operatorName.Of(parse), cancellationToken);
            var application = await installation.Get<CounterFlow>().RunAsync(request, registrar, cancellationToken);
            return await ReportAsync(context, installation, application, destination, cancellationToken);
        }));
        return command;
    }

    /// <summary>Prints where the application stands and, once issued, writes the chain to <paramref name="outPath"/>, or for a dual pair the pair's files into the directory <paramref name="outPath"/>.</summary>
    public static async Task<int> ReportAsync(CliContext context, Installation installation, CertificateApplication application, string outPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(installation);
        ArgumentNullException.ThrowIfNull(application);
        await context.Output.WriteLineAsync($"Application {application.Id} is {KebabNames.Of(application.State)} ({application.Steps.Count} steps recorded).");
        if (application.State == ApplicationState.Rejected)
        {
            var failed = application.Steps.Last(s => !s.Passed);
            await context.Error.WriteLineAsync($"error: {KebabNames.Of(failed.Step)} failed: {failed.Details}");
            return CliContext.Failed;
        }

        if (application.State == ApplicationState.AwaitingApproval)
        {
            await context.Output.WriteLineAsync($"Profile '{application.Profile}' needs a second person: gmpki application approve {application.Id} --operator <reviewer> --comment <remarks> --data …,");
            await context.Output.WriteLineAsync($"then gmpki application fulfil {application.Id} --receiver-id-number <applicant's identity number> --out … --data … .");
            return 0;
        }

        if (application.ResultSerial is { } serial && await installation.Get<ICertificateDirectory>().FindAsync(serial, cancellationToken) is { CertificateDer: { } der } record)
        {
            var chain = await installation.Get<AuthorityDirectory>().ChainAsync(cancellationToken);
            await context.Output.WriteLineAsync($"Issued {serial} ({record.Reservation.Profile}) for {record.Reservation.SubjectDn}");
            await context.Output.WriteLineAsync($"  valid {Describe.Time(record.Reservation.NotBefore)} to {Describe.Time(record.Reservation.NotAfter)}");
            if (await IssuedPair.OfAsync(application, installation.Get<IRegistrationLedger>(), installation.Get<ICertificateDirectory>(), installation.Get<AuthorityDirectory>(),
                cancellationToken) is { } pair)
            {
                await WritePairAsync(context, pair, installation.Get<IReadOnlyDictionary<string, CertificateProfile>>()[application.Profile].EncryptionProfile, outPath, cancellationToken);
            }
            else
            {
                await File.WriteAllTextAsync(outPath, CertificateEncodings.ToPem([der, .. chain]), cancellationToken);
                await context.Output.WriteLineAsync($"  chain written to {Path.GetFullPath(outPath)}");
            }
        }

        return 0;
    }

    /// <summary>Writes <c>sign.pem</c>, <c>enc.pem</c> and (when the pair has one) <c>enc-key.der</c> and <c>enc-key.skf</c> into <paramref name="directory"/>.</summary>
    private static async Task WritePairAsync(CliContext context, IssuedPair pair, string? encryptionProfile, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "sign.pem"), CertificateEncodings.ToPem([pair.SigningCertificate, .. pair.Chain]), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, "enc.pem"), CertificateEncodings.ToPem([pair.EncryptionCertificate, .. pair.Chain]), cancellationToken);
        await context.Output.WriteLineAsync($"  encryption certificate {pair.EncryptionSerial} ({encryptionProfile}), key escrowed at the KMC as {pair.KmcKeyId}");
        if (pair is { EnvelopedKey: { } envelope, EnvelopedKeyBlob: { } blob })
        {
            await File.WriteAllBytesAsync(Path.Combine(directory, "enc-key.der"), envelope, cancellationToken);
            await File.WriteAllBytesAsync(Path.Combine(directory, "enc-key.skf"), blob, cancellationToken);
        }

        await context.Output.WriteLineAsync($"  sign.pem, enc.pem{(pair.EnvelopedKey is null ? string.Empty : ", enc-key.der (SM2EnvelopedKey to the signing key) and enc-key.skf (its SKF ENVELOPEDKEYBLOB)")} written to {Path.GetFullPath(directory)}");
    }

    private static SubscriberInput SubscriberOf(string type, string? name, string? idType, string? idNumber, string region, Guid? organization)
    {
        var subscriberType = KebabNames.TryParse<SubscriberType>(type, out var parsed) ? parsed.Value
            : throw Errors.RequestInvalid.With($"--subscriber-type must be one of {string.Join(", ", KebabNames.All<SubscriberType>())}.");
        var document = idType is null
            ? subscriberType == SubscriberType.Individual ? IdentityDocumentType.ResidentIdentityCard : IdentityDocumentType.UnifiedSocialCreditCode
            : KebabNames.TryParse<IdentityDocumentType>(idType, out var documentType) ? documentType.Value
            : throw Errors.RequestInvalid.With($"--id-type must be one of {string.Join(", ", KebabNames.All<IdentityDocumentType>())}.");
        return new SubscriberInput(subscriberType,
            name ?? throw Errors.RequestInvalid.With("--name (or --subscriber) is required."),
            document,
            idNumber ?? throw Errors.RequestInvalid.With("--id-number (or --subscriber) is required."),
            region,
            organization);
    }

    /// <summary>The checklist as the operator attests by running the command: every item present.</summary>
    private static Dictionary<string, bool> MaterialsOf(string type, bool staff)
        => MaterialsChecklist.For(KebabNames.TryParse<SubscriberType>(type, out var parsed) ? parsed.Value : SubscriberType.Individual, staff)
            .ToDictionary(item => item, _ => true);
}
