using GmPki.Compliance.Checkpoints;
using GmPki.Core.Issuance;
using GmPki.Core.Keys;
using GmPki.Cryptography.Keys;
using GmPki.Hosting.Configuration;
using GmPki.Hosting.Keys;
using GmPki.Hosting.Kmc;
using GmPki.Hosting.Status;
using GmPki.Hosting.Timestamping;
using GmPki.Issuance;
using GmPki.Kmc;
using GmPki.Registration.Agencies;
using GmPki.Registration.Documents;
using GmPki.Registration.Operators;
using GmPki.Registration.Retention;
using GmPki.Registration.Subscribers;
using GmPki.Registration.Workflow;
using GmPki.Status.Authenticity;
using GmPki.Storage;

namespace GmPki.Hosting;

/// <summary>Registers everything an installation needs: ledger, key store, personal data key, profiles, CAs, operators, the audit key and the registration authority.</summary>
public static class InstallationServices
{
    /// <summary>Adds the installation's services.</summary>
    /// <param name="services">The collection to add to.</param>
    /// <param name="data">The data directory.</param>
    /// <param name="configuration">Validated configuration.</param>
    /// <param name="passphrase">Supplies the key store passphrase when a CA key is first opened.</param>
    /// <param name="clock">Time source (the system clock in production).</param>
    public static IServiceCollection AddGmPkiInstallation(
        this IServiceCollection services,
        DataDirectory data,
        InstallationConfiguration.Validated configuration,
        Func<string> passphrase,
        TimeProvider clock)
        => services.AddGmPkiInstallation(data, configuration, new KeyPassphrases(passphrase), clock);

    /// <summary>Adds the installation's services, with a passphrase per key duty (<c>docs/cryptography.md</c>, "Keys per duty").</summary>
    /// <param name="services">The collection to add to.</param>
    /// <param name="data">The data directory.</param>
    /// <param name="configuration">Validated configuration.</param>
    /// <param name="passphrases">Supply the CA passphrase and those of the audit, TSA and OCSP responder keys when first needed.</param>
    /// <param name="clock">Time source (the system clock in production).</param>
    public static IServiceCollection AddGmPkiInstallation(
        this IServiceCollection services,
        DataDirectory data,
        InstallationConfiguration.Validated configuration,
        KeyPassphrases passphrases,
        TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton(data);
        services.AddSingleton(configuration);
        services.AddSingleton(clock);
        services.AddGmPkiStorage(configuration.Storage);
        var keys = new SoftwareKeyStore(data.KeysDirectory, passphrases);
        services.AddSingleton<IKeyStore>(keys);
        services.AddMemoryCache();
        services.AddSingleton<OperatorAccounts>();
        services.AddSingleton<AuditKeys>();
        services.AddSingleton<AuditCheckpointer>();
        services.AddSingleton<TimestampKeys>();
        services.AddSingleton<TimestampService>();
        services.AddSingleton<IPersonalDataProtector>(new Sm4GcmDataProtector(() => keys.OpenSecret(PersonalDataKey.Reference)));
        services.AddSingleton(configuration.Issuance);
        services.AddSingleton<AuthorityDirectory>();
        services.AddSingleton<ICertificateAuthority>(provider => provider.GetRequiredService<AuthorityDirectory>());
        services.AddSingleton(configuration.Profiles);
        services.AddSingleton(configuration.Delegation);
        services.AddSingleton<AgencyGate>();
        services.AddSingleton<AgencyRegistry>();
        services.AddSingleton(configuration.Retention);
        services.AddSingleton<RetentionPurge>();
        services.AddSingleton<EscrowedKeyState>();
        services.AddSingleton<StepWriter>();
        services.AddSingleton<EvidenceDesk>();
        services.AddSingleton<ApplicantCertificate>();
        services.AddSingleton<SubscriberRegistry>();
        services.AddSingleton<DocumentDesk>();
        services.AddSingleton<ApplicationDesk>();
        services.AddSingleton<StepDesk>();
        services.AddSingleton<DecisionDesk>();
        services.AddSingleton(configuration.Kmc);
        services.AddSingleton<EmbeddedKmc>();
        if (configuration.Kmc.Remote is { } remote)
        {
            services.AddSingleton(remote);
            services.AddSingleton<IKeyManagementCentre, RemoteKmc>();
        }
        else
        {
            services.AddSingleton<IKeyManagementCentre>(provider => provider.GetRequiredService<EmbeddedKmc>());
        }

        services.AddSingleton(provider => new KmcLink(provider.GetRequiredService<IKeyManagementCentre>(), configuration.Kmc.CaId));

        services.AddSingleton<DualIssuance>();
        services.AddSingleton<EscrowedKeyRecovery>();
        services.AddSingleton<FulfilmentDesk>();
        services.AddSingleton<CounterFlow>();
        services.AddSingleton<CertificateScopes>();
        services.AddSingleton<CounterStatusChanges>();
        services.AddSingleton<UrgentRevocationDesk>();
        services.AddSingleton<AuthorityRevocationDesk>();
        services.AddSingleton<JudicialKeyRecoveryDesk>();
        services.AddSingleton<PinUnlockDesk>();
        services.AddSingleton<Registration.Protocols.ProtocolAccounts>();
        services.AddSingleton<Registration.Protocols.ProtocolEnrollment>();
        services.AddSingleton<ResponderKeys>();
        services.AddSingleton<StatusDirectory>();
        services.AddSingleton<AuthenticityCheck>();
        return services;
    }
}
