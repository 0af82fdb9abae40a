using GmPki.Hosting.Audit;
using GmPki.Hosting.Configuration;
using GmPki.Hosting.Kmc;
using GmPki.Hosting.Status;
using GmPki.Hosting.Timestamping;

namespace GmPki.Hosting;

/// <summary>The background services of a running installation (<c>gmpki serve</c>), registered in one place.</summary>
public static class BackgroundServices
{
    /// <summary>
    /// Adds the audit checkpoint writer, the timestamp authority's start-up, CRL and pre-signed OCSP
    /// publication, the KMC's expiry archive and, when <c>Directory:Ldap</c> is configured, LDAP
    /// publication from the directory outbox. Needs <see cref="InstallationServices.AddGmPkiInstallation(IServiceCollection, DataDirectory, InstallationConfiguration.Validated, Cryptography.Keys.KeyPassphrases, TimeProvider)"/>.
    /// </summary>
    /// <param name="services">The collection to add to.</param>
    /// <param name="configuration">Validated configuration.</param>
    public static IServiceCollection AddGmPkiBackgroundServices(this IServiceCollection services, InstallationConfiguration.Validated configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddHostedService<AuditCheckpointService>();
        services.AddHostedService(provider => provider.GetRequiredService<TimestampService>());
        services.AddHostedService<StatusPublicationService>();
        services.AddHostedService<KmcArchiveService>();
        if (configuration.Ldap is { } ldap)
        {
            services.AddHostedService(provider => ActivatorUtilities.CreateInstance<DirectoryPublicationService>(provider, ldap));
        }

        return services;
    }
}
