using System.Reflection;
using GmPki.Core.Identity;
using GmPki.Core.Issuance;
using GmPki.Core.Keys;
using GmPki.Core.Ledger;
using GmPki.Core.Registration;
using GmPki.Core.Security;
using GmPki.Cryptography.Keys;
using GmPki.Issuance;
using GmPki.Issuance.Authorities;
using GmPki.Issuance.Profiles;
using GmPki.Kmc;
using GmPki.Registration.Agencies;
using GmPki.Registration.Documents;
using GmPki.Registration.Subscribers;
using GmPki.Registration.Workflow;
using GmPki.Storage;
using GmPki.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GmPki.Registration.Tests;

/// <summary>
/// The registration authority as the host composes it, over the real ledger on SQLite in a
/// temporary directory, a real SM2 CA hierarchy with the default profiles (government-staff has the
/// two-person rule) and the default notices, agreement and CPS published. The key management
/// centre is absent: a call to it fails the test.
/// </summary>
internal sealed class TestRegistry : IAsyncDisposable
{
    public static readonly RegistrationActor Registrar = RegistrationActor.Operator("operator:registrar-li", OperatorRole.Registrar, null, "req-1");
    public static readonly RegistrationActor Reviewer = RegistrationActor.Operator("operator:reviewer-wang", OperatorRole.Reviewer, null, "req-2");

    private static int _sequence;
    private readonly TempDirectory _directory;
    private readonly ServiceProvider _services;

    private TestRegistry(TempDirectory directory, ServiceProvider services)
    {
        _directory = directory;
        _services = services;
    }

    public ApplicationDesk Applications => Get<ApplicationDesk>();

    public StepDesk Steps => Get<StepDesk>();

    public DecisionDesk Decisions => Get<DecisionDesk>();

    public FulfilmentDesk Fulfilment => Get<FulfilmentDesk>();

    public CounterFlow Counter => Get<CounterFlow>();

    public DocumentDesk Documents => Get<DocumentDesk>();

    public SubscriberRegistry Subscribers => Get<SubscriberRegistry>();

    public AgencyRegistry Agencies => Get<AgencyRegistry>();

    public IRegistrationLedger Ledger => Get<IRegistrationLedger>();

    public IOperatorStore Operators => Get<IOperatorStore>();

    public IAgencyStore AgencyStore => Get<IAgencyStore>();

    public IAuditLog Audit => Get<IAuditLog>();

    public ICertificateDirectory Certificates => Get<ICertificateDirectory>();

    public IPublicDirectory Directory => Get<IPublicDirectory>();

    public static async Task<TestRegistry> CreateAsync(bool delegation = true, Action<Dictionary<string, ProfileOptions>>? profiles = null)
    {
        var options = ProfileLoader.DefaultOptions();
        profiles?.Invoke(options);
        var directory = new TempDirectory("gmpki-registration-");
        var services = new ServiceCollection();
        services.AddGmPkiStorage(new StorageOptions(StorageOptions.SqliteProvider, $"Data Source={directory.File("ledger.db")}"));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IPersonalDataProtector>(new Sm4GcmDataProtector(() => new byte[16]));
        services.AddSingleton<IKeyStore>(new SoftwareKeyStore(directory.File("keys"), () => "test passphrase", iterations: 1000));
        services.AddSingleton(ProfileLoader.Load(options));
        services.AddSingleton(new DelegationPolicy(delegation));
        services.AddSingleton(new KmcLink(DispatchProxy.Create<IKeyManagementCentre, AbsentKmc>(), "ca"));
        services.AddSingleton<ICertificateAuthority>(provider => provider.GetRequiredService<CertificateIssuer>());
        services.AddSingleton(provider => CreateIssuerAsync(provider).GetAwaiter().GetResult());
        foreach (var desk in new[]
        {
            typeof(AgencyGate), typeof(AgencyRegistry), typeof(EscrowedKeyState), typeof(StepWriter), typeof(ApplicantCertificate), typeof(SubscriberRegistry),
            typeof(DocumentDesk), typeof(ApplicationDesk), typeof(StepDesk), typeof(DecisionDesk), typeof(DualIssuance), typeof(EscrowedKeyRecovery),
            typeof(FulfilmentDesk), typeof(CounterFlow),
        })
        {
            services.AddSingleton(desk);
        }

        var provider = services.BuildServiceProvider();
        await GmPkiStorage.MigrateAsync(provider, CancellationToken.None);
        var documents = provider.GetRequiredService<DocumentDesk>();
        foreach (var (kind, title, sections, cps) in DefaultDocuments.All)
        {
            await documents.PublishAsync(kind, title, sections, cps, Actor.System, CancellationToken.None);
        }

        return new TestRegistry(directory, provider);
    }

    /// <summary>A person (resident identity card) not registered before, as registrar input.</summary>
    public static SubscriberInput Person(string name = "张三", Guid? organization = null) => new(SubscriberType.Individual, name,
        IdentityDocumentType.ResidentIdentityCard, NextResidentId(), "110105", organization);

    /// <summary>A government department with a unified social credit code of its own.</summary>
    public static SubscriberInput Department(string name = "某市人民政府办公室")
    {
        var body = $"11350100M{Interlocked.Increment(ref _sequence):D8}";
        return new(SubscriberType.GovernmentDepartment, name, IdentityDocumentType.UnifiedSocialCreditCode, body + ChineseIdentifiers.UnifiedSocialCreditCheck(body), "350100");
    }

    public static EvidenceInput Scan(string name) => new(name, "application/pdf", System.Text.Encoding.UTF8.GetBytes("%PDF-1.4 scan of " + name));

    /// <summary>Registers <paramref name="input"/> and opens a <paramref name="kind"/> application for it under <paramref name="profile"/>.</summary>
    public async Task<(Subscriber Subscriber, CertificateApplication Application)> OpenAsync(
        SubscriberInput input, string profile = "personal", string subject = "CN=张三", ApplicationKind kind = ApplicationKind.New)
    {
        var subscriber = await Subscribers.RegisterAsync(input, Registrar, selfService: false, CancellationToken.None);
        var opened = await Applications.OpenAsync(new ApplicationInput(kind, subscriber.Id, profile, Csrs.Der(subject), null, null), Registrar, selfService: false, CancellationToken.None);
        return (subscriber, opened.Application);
    }

    /// <summary>Records identity, materials, notices, agreement and will at the desk (paper scans), leaving subject consistency next.</summary>
    public async Task<CertificateApplication> ThroughWillAsync(Subscriber subscriber, CertificateApplication application, RegistrationActor? verifier = null)
    {
        var id = application.Id;
        var by = verifier ?? Registrar;
        var forms = new[] { Scan("forms.pdf") };
        await Steps.VerifyIdentityAsync(id, new IdentityVerificationInput("in-person", true, "resident identity card"), [Scan("identity.pdf")], by, CancellationToken.None);
        await Steps.ReviewMaterialsAsync(id, new MaterialsReviewInput(MaterialsChecklist.For(subscriber).ToDictionary(i => i, _ => true)), forms, by, CancellationToken.None);
        await Steps.AcknowledgeNoticesAsync(id, new DocumentConsentInput(await InForceAsync(DocumentKind.Notice), "paper-scan"), forms, by, CancellationToken.None);
        await Steps.SignAgreementAsync(id, new DocumentConsentInput(await InForceAsync(DocumentKind.Agreement), "paper-scan"), forms, by, CancellationToken.None);
        return await Steps.ConfirmWillAsync(id, new WillConfirmationInput("in-person", "本人申请数字证书。"), null, by, CancellationToken.None);
    }

    public async Task<int> InForceAsync(DocumentKind kind) => (await Documents.GetAsync(kind, null, CancellationToken.None)).Version;

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    private T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    private static async Task<CertificateIssuer> CreateIssuerAsync(IServiceProvider provider)
    {
        var clock = provider.GetRequiredService<TimeProvider>();
        var urls = new PublicationUrls("http://ca.test", 4);
        var (root, issuing) = await CaHierarchy.CreateAsync(new HierarchyOptions(KeyAlgorithm.Sm2, "测试认证中心", "CN", "测试根CA", "测试签发CA"),
            urls, provider.GetRequiredService<IKeyStore>(), provider.GetRequiredService<IAuthorityRegistry>(), clock, Actor.System, CancellationToken.None);
        return new CertificateIssuer(issuing, [issuing.Record.CertificateDer, root.Record.CertificateDer], provider.GetRequiredService<IReadOnlyDictionary<string, Core.Profiles.CertificateProfile>>(),
            provider.GetRequiredService<IIssuanceLedger>(), provider.GetRequiredService<IAuditLog>(), clock, new IssuanceSettings(urls, IssuanceSettings.DefaultBackdate));
    }

    private static string NextResidentId()
    {
        var n = Interlocked.Increment(ref _sequence);
        var body = $"110105{new DateOnly(1960, 1, 1).AddDays(n):yyyyMMdd}{n % 1000:D3}";
        return body + ChineseIdentifiers.CitizenIdentityCheck(body);
    }
}

/// <summary>The key management centre of an installation without one: any call fails the test.</summary>
public class AbsentKmc : DispatchProxy
{
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        => throw new InvalidOperationException($"the test called the KMC ({targetMethod?.Name}) where no KMC is involved.");
}
