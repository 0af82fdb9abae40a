using GmPki.Enrollment;
using GmPki.Enrollment.Acme;
using GmPki.Enrollment.Cmp;
using GmPki.Enrollment.Est;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GmPki.Hosting.Enrollment;

/// <summary>Registers the enrollment engines (EST, CMP, ACME; docs/protocols.md) and the issuing CA they see; <see cref="CmpOptions"/> registered before are kept.</summary>
public static class EnrollmentServices
{
    /// <summary>Adds the engines to <paramref name="services"/>, with the validated <paramref name="acme"/> settings.</summary>
    /// <exception cref="Core.Errors.ConfigurationException">The <c>Acme</c> section is invalid.</exception>
    public static void Add(IServiceCollection services, AcmeSettings acme)
    {
        services.AddSingleton(acme.Validated());
        services.TryAddSingleton<IDnsTxtResolver, SystemDnsTxtResolver>();
        services.AddSingleton<AcmeEngine>();
        services.AddSingleton<CmpProtectionKeys>();
        services.AddSingleton<IEnrollmentAuthority, EnrollmentAuthority>();
        services.AddSingleton<EstEngine>();
        services.TryAddSingleton(new CmpOptions());
        services.AddSingleton<CmpEngine>();
    }
}
