using System.CommandLine;
using GmPki.Core.Errors;
using GmPki.Core.Keys;
using GmPki.Cryptography.Keys;
using GmPki.Cryptography.Sm;
using GmPki.Hosting;
using GmPki.Hosting.Configuration;
using GmPki.Issuance.Authorities;

namespace GmPki.Cli.Commands;

/// <summary><c>gmpki init</c>: create an installation with its CA hierarchy and first administrator.</summary>
internal static class InitCommand
{
    public static Command Create(CliContext context)
    {
        var data = CliContext.DataOption();
        var passphraseFile = CliContext.PassphraseFileOption();
        var algorithm = new Option<string>("--algorithm") { Description = "Key algorithm of the CAs: " + string.Join(", ", KeyAlgorithms.Names) + ".", DefaultValueFactory = _ => "sm2" };
        var organization = new Option<string>("--organization") { Description = "The CA institution's name (O of both CA names, M24 §19(1)).", DefaultValueFactory = _ => "GmPki Certificate Authority" };
        var country = new Option<string>("--country") { Description = "Two-letter country code.", DefaultValueFactory = _ => "CN" };
        var rootName = new Option<string>("--root-name") { Description = "CN of the root CA.", DefaultValueFactory = _ => "GmPki Root CA" };
        var issuingName = new Option<string>("--issuing-name") { Description = "CN of the issuing CA.", DefaultValueFactory = _ => "GmPki Issuing CA" };
        var baseUrl = new Option<string>("--base-url") { Description = "Public base URL written into certificates (CRL, OCSP, caIssuers).", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var rootYears = new Option<int>("--root-years") { Description = "Root CA lifetime in years.", DefaultValueFactory = _ => 20 };
        var issuingYears = new Option<int>("--issuing-years") { Description = "Issuing CA lifetime in years.", DefaultValueFactory = _ => 10 };
        var sm2Id = new Option<string>("--sm2-id") { Description = "SM2 signer ID of the CAs.", DefaultValueFactory = _ => Sm2UserId.DefaultText };
        var admin = new Option<string>("--admin") { Description = "Name of the first operator (role ca-administrator).", DefaultValueFactory = _ => "admin" };
        var adminId = new Option<string?>("--admin-id-number") { Description = "The administrator's resident identity number, so the 三员 separation covers them (recommended)." };
        var databaseProvider = new Option<string>("--database-provider") { Description = "Ledger database: sqlite (in the data directory) or postgresql.", DefaultValueFactory = _ => "sqlite" };
        var databaseConnection = new Option<string>("--database-connection") { Description = "ADO.NET connection string.", DefaultValueFactory = _ => "Data Source=gmpki.db" };
        var command = new Command("init", "Create a CA hierarchy (root + issuing CA) and the first administrator in a new data directory.")
        {
            data, passphraseFile, algorithm, organization, country, rootName, issuingName, baseUrl, rootYears, issuingYears, sm2Id, admin, adminId, databaseProvider, databaseConnection,
        };
        command.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            if (!KeyAlgorithms.TryParse(parse.GetValue(algorithm), out var keyAlgorithm))
            {
                throw Errors.RequestInvalid.With($"--algorithm must be one of {string.Join(", ", KeyAlgorithms.Names)}.");
            }

            var directory = DataDirectory.At(parse.GetValue(data)!);
            var passphrase = Passphrase.Resolve(parse.GetValue(passphraseFile), allowPrompt: true);
            var options = new InitOptions(
                new HierarchyOptions(keyAlgorithm.Value, parse.GetValue(organization)!, parse.GetValue(country)!, parse.GetValue(rootName)!,
                    parse.GetValue(issuingName)!, parse.GetValue(rootYears), parse.GetValue(issuingYears), parse.GetValue(sm2Id)!),
                parse.GetValue(baseUrl)!.TrimEnd('/'),
                parse.GetValue(admin)!,
                new DatabaseSettings { Provider = parse.GetValue(databaseProvider)!, ConnectionString = parse.GetValue(databaseConnection)! },
                AdministratorIdentityNumber: parse.GetValue(adminId));
            await context.Output.WriteLineAsync($"Creating a {keyAlgorithm.Value.ToName()} CA hierarchy in {directory.Path} …");
            foreach (var shared in KeyDuties.Separate.Where(d => PassphraseSources.FromEnvironment(d) is null))
            {
                await context.Error.WriteLineAsync($"WARNING: {Passphrase.VariableOf(shared)} is not set: the {KeyDuties.NameOf(shared)} key will be protected by the CA passphrase (docs/cryptography.md, \"Keys per duty\").");
            }

            var passphrases = new KeyPassphrases(() => passphrase, PassphraseSources.FromEnvironment);
            var result = await Initializer.InitializeAsync(directory, options, passphrases, CliContext.CliActor, TimeProvider.System, cancellationToken);
            await context.Output.WriteLineAsync(Describe.Authority(result.Root));
            await context.Output.WriteLineAsync(Describe.Authority(result.Issuing));
            await context.Output.WriteLineAsync($"Operator '{options.AdministratorName}' (ca-administrator) API key, shown only once:");
            await context.Output.WriteLineAsync("  " + result.AdministratorApiKey);
            await context.Output.WriteLineAsync($"Start the service: gmpki serve --data {directory.Path} --urls {options.BaseUrl}");
            return 0;
        }));
        return command;
    }
}
