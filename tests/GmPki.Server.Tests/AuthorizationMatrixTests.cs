using GmPki.Core.Errors;
using GmPki.Core.Security;
using GmPki.Registration.Operators;
using Microsoft.Extensions.DependencyInjection;

namespace GmPki.Server.Tests;

/// <summary>
/// The 三员 separation (administrator, security officer and audit officer are distinct people) and
/// the rules of creating operators. The role × route matrix itself: <see cref="RouteRoleMatrixTests"/>.
/// </summary>
public class AuthorizationMatrixTests(Sm2ServerFixture fixture) : IClassFixture<Sm2ServerFixture>
{
    private const string Alice = "11010519491231002X";
    private const string Bob = "110101199003071233";

    private RunningServer Server => fixture.Server;

    [Fact]
    public async Task SecurityOfficer_WithoutIdentityNumber_Refused()
    {
        var error = await Should.ThrowAsync<GmPkiException>(() => Server.CreateOperatorAsync(new NewOperator("so-anonymous", OperatorRole.SecurityOfficer)));

        error.Error.ShouldBe(Errors.SeparationOfDuties);
    }

    [Fact]
    public async Task KmcOfficer_WithoutIdentityNumber_Refused()
    {
        var error = await Should.ThrowAsync<GmPkiException>(() => Server.CreateOperatorAsync(new NewOperator("kmc-anonymous", OperatorRole.KmcOfficer)));

        error.Error.ShouldBe(Errors.SeparationOfDuties);
        error.Message.ShouldContain("two people");
    }

    [Fact]
    public async Task SamePerson_AdministratorThenAuditOfficer_RefusedAndNotStored()
    {
        await Server.CreateOperatorAsync(new NewOperator("alice-admin", OperatorRole.CaAdministrator, IdentityNumber: Alice));

        var error = await Should.ThrowAsync<GmPkiException>(() => Server.CreateOperatorAsync(new NewOperator("alice-audit", OperatorRole.AuditOfficer, IdentityNumber: Alice.ToLowerInvariant())));
        var other = await Server.CreateOperatorAsync(new NewOperator("bob-audit", OperatorRole.AuditOfficer, IdentityNumber: Bob));
        var sameRoleAgain = await Server.CreateOperatorAsync(new NewOperator("alice-admin2", OperatorRole.CaAdministrator, IdentityNumber: Alice));

        error.Error.ShouldBe(Errors.SeparationOfDuties);
        error.Message.ShouldContain("alice-admin");
        other.ShouldStartWith("gmpki_");
        sameRoleAgain.ShouldStartWith("gmpki_");
        var names = (await Server.Services.GetRequiredService<Core.Ledger.IOperatorStore>().ListAsync(CancellationToken.None)).Select(o => o.Name);
        names.ShouldNotContain("alice-audit");
    }

    [Fact]
    public async Task AgencyOperator_WithoutAgencyOrWithUnknownOne_Refused()
    {
        var none = await Should.ThrowAsync<GmPkiException>(() => Server.CreateOperatorAsync(new NewOperator("agency-none", OperatorRole.AgencyOperator)));
        var unknown = await Should.ThrowAsync<GmPkiException>(() => Server.CreateOperatorAsync(new NewOperator("agency-ghost", OperatorRole.AgencyOperator, "ghost")));
        var registrarWithAgency = await Should.ThrowAsync<GmPkiException>(() => Server.CreateOperatorAsync(new NewOperator("registrar-agency", OperatorRole.Registrar, "ghost")));

        none.Error.ShouldBe(Errors.AgencyNotFound);
        unknown.Error.ShouldBe(Errors.AgencyNotFound);
        registrarWithAgency.Error.ShouldBe(Errors.RequestInvalid);
    }
}
