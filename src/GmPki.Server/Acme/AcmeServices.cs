using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GmPki.Server.Acme;

/// <summary>Registers the ACME server's services.</summary>
internal static class AcmeServices
{
    /// <summary>Adds the settings (validated), nonces, objects, the challenge validator and the system DNS resolver unless one is registered already.</summary>
    /// <exception cref="Core.Errors.ConfigurationException">The <c>Acme</c> section is invalid.</exception>
    public static void Add(IServiceCollection services, AcmeSettings settings)
    {
        services.AddSingleton(settings.Validated());
        services.TryAddSingleton<IDnsTxtResolver, SystemDnsTxtResolver>();
        services.AddSingleton<AcmeNonces>();
        services.AddSingleton<AcmeObjects>();
        services.AddSingleton<AcmeValidator>();
    }
}
