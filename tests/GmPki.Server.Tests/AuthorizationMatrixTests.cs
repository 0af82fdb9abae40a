using System.Net.Http.Json;
using GmPki.Core.Errors;
using GmPki.Core.Security;
using GmPki.Registration.Operators;
using Microsoft.Extensions.DependencyInjection;

namespace GmPki.Server.Tests;

/// <summary>
/// The role × endpoint matrix of <c>docs/api.md</c>, checked for every role, and the 三员
/// separation (administrator, security officer and audit officer are distinct people).
/// </summary>
public class AuthorizationMatrixTests(Sm2ServerFixture fixture) : IClassFixture<Sm2ServerFixture>
{
    private const string Alice = "11010519491231002X";
    private const string Bob = "110101199003071233";

    private RunningServer Server => fixture.Server;

    /// <summary>
    /// Expected status per endpoint, in the order of <see cref="Probes"/>: list certificates, list
    /// applications, list agencies, publish a document (invalid body, so 400 once authorized),
    /// register a subscriber (invalid body, so 400 once authorized), read a subscriber's personal
    /// data and an evidence file (unknown ids, so 404 once authorized).
    /// </summary>
    [Theory]
    [InlineData("registrar", 200, 200, 403, 403, 400, 404)]
    [InlineData("reviewer", 200, 200, 403, 403, 403, 404)]
    [InlineData("ca-administrator", 200, 200, 200, 400, 403, 403)]
    [InlineData("security-officer", 200, 200, 403, 403, 403, 403)]
    [InlineData("audit-officer", 200, 200, 200, 403, 403, 403)]
    [InlineData("inspector", 200, 200, 200, 403, 403, 403)]
    [InlineData("kmc-officer", 200, 200, 403, 403, 403, 403)]
    [InlineData(null, 401, 401, 401, 401, 401, 401)]
    public async Task Role_EachEndpoint_AllowedOrRefusedAsDocumented(string? role, int certificates, int applications, int agencies, int publish, int register, int personalData)
    {
        using var client = Server.Authorized(role is null ? null : await KeyForAsync(role));
        var expected = new[] { certificates, applications, agencies, publish, register, personalData, personalData };

        var actual = new List<int>();
        foreach (var probe in Probes)
        {
            using var response = await probe(client);
            actual.Add((int)response.StatusCode);
        }

        actual.ToArray().ShouldBe(expected, $"role {role ?? "anonymous"}");
    }

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

    private static readonly Func<HttpClient, Task<HttpResponseMessage>>[] Probes =
    [
        c => c.GetAsync("/api/v1/certificates"),
        c => c.GetAsync("/api/v1/applications"),
        c => c.GetAsync("/api/v1/agencies"),
        c => c.PostAsJsonAsync("/api/v1/documents/notice", new { }),
        c => c.PostAsJsonAsync("/api/v1/subscribers", new { }),
        c => c.GetAsync("/api/v1/subscribers/" + Guid.NewGuid()),
        c => c.GetAsync("/api/v1/evidence/" + Guid.NewGuid()),
    ];

    private async Task<string> KeyForAsync(string role)
    {
        OperatorRoles.TryParse(role, out var parsed).ShouldBeTrue();
        var name = "matrix-" + role + "-" + Guid.NewGuid().ToString("N")[..6];
        var identity = parsed!.Value is OperatorRole.SecurityOfficer or OperatorRole.AuditOfficer or OperatorRole.CaAdministrator or OperatorRole.KmcOfficer
            ? IdentityFor(parsed.Value)
            : null;
        return await Server.CreateOperatorAsync(new NewOperator(name, parsed.Value, IdentityNumber: identity));
    }

    /// <summary>A distinct valid identity number per 三员 role (check characters computed per GB 11643).</summary>
    private static string IdentityFor(OperatorRole role) => role switch
    {
        OperatorRole.CaAdministrator => "110101198001010010",
        OperatorRole.SecurityOfficer => "110101198001010037",
        _ => "110101198001010053",
    };
}
