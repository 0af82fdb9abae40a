using GmPki.Enrollment;
using GmPki.Enrollment.Cmp;
using GmPki.Enrollment.Est;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GmPki.Server.Enrollment;

/// <summary>Registers the enrollment engines (EST, CMP, ACME; docs/protocols.md) and the issuing CA they see; <see cref="CmpOptions"/> registered before are kept.</summary>
internal static class EnrollmentServices
{
    public static void Add(IServiceCollection services)
    {
        services.AddSingleton<IEnrollmentAuthority, EnrollmentAuthority>();
        services.AddSingleton<EstEngine>();
        services.TryAddSingleton(new CmpOptions());
        services.AddSingleton<CmpEngine>();
    }
}
