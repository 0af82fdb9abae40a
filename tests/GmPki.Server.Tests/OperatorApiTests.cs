using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GmPki.Core.Keys;
using GmPki.Core.Security;
using GmPki.Registration.Operators;
using GmPki.Server.Http;

namespace GmPki.Server.Tests;

/// <summary>
/// Operator accounts over REST (<c>/api/v1/operators</c>, administrators only, audited), and the
/// protocol-account rule that an agency operator disables and enables only its own agency's accounts.
/// </summary>
public class OperatorApiTests(Sm2ServerFixture fixture) : IClassFixture<Sm2ServerFixture>
{
    private RunningServer Server => fixture.Server;

    [Fact]
    public async Task DisableEnableRotate_CredentialRefusedWithItsCode_AndEveryChangeAudited()
    {
        var key = await Server.CreateOperatorAsync("rest-alice", OperatorRole.Registrar);
        using var alice = Server.Authorized(key);
        (await alice.GetAsync("/api/v1/certificates")).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var disabled = await Server.Client.PostAsync("/api/v1/operators/rest-alice/disable", null);
        var (whileDisabled, disabledCode) = await StatusAsync(alice.GetAsync("/api/v1/certificates"));
        using var enabled = await Server.Client.PostAsync("/api/v1/operators/rest-alice/enable", null);
        var (afterEnable, _) = await StatusAsync(alice.GetAsync("/api/v1/certificates"));
        var expiresAt = DateTime.UtcNow.AddDays(1);
        using var rotated = await Server.Client.PostAsJsonAsync("/api/v1/operators/rest-alice/rotate", new OperatorRotationBody(expiresAt), Counter.Web);
        var view = (await rotated.Content.ReadFromJsonAsync<RotatedOperatorKeyView>(Counter.Web))!;
        var (oldKey, oldCode) = await StatusAsync(alice.GetAsync("/api/v1/certificates"));
        using var renewed = Server.Authorized(view.ApiKey);
        var (newKey, _) = await StatusAsync(renewed.GetAsync("/api/v1/certificates"));
        var operators = (await Server.Client.GetFromJsonAsync<List<OperatorView>>("/api/v1/operators", Counter.Web))!;

        disabled.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        whileDisabled.ShouldBe(HttpStatusCode.Unauthorized);
        disabledCode.ShouldBe("operator-disabled");
        enabled.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        afterEnable.ShouldBe(HttpStatusCode.OK);
        rotated.StatusCode.ShouldBe(HttpStatusCode.OK);
        view.ApiKey.ShouldStartWith("gmpki_");
        oldKey.ShouldBe(HttpStatusCode.Unauthorized);
        oldCode.ShouldBe("unauthenticated");
        newKey.ShouldBe(HttpStatusCode.OK);
        operators.Single(o => o.Name == "rest-alice").ExpiresAt!.Value.ShouldBe(expiresAt, TimeSpan.FromMilliseconds(1));
        var actions = (await Server.RecentAuditAsync(40)).Where(e => e.Target == "operator:rest-alice").Select(e => e.Action).ToList();
        actions.ShouldContain("operator.disabled");
        actions.ShouldContain("operator.enabled");
        actions.ShouldContain("operator.key-rotated");
        (await Server.RecentAuditAsync(40)).ShouldContain(e => e.Action == "auth.rejected" && (e.Details ?? "").Contains("operator-disabled"));
    }

    [Fact]
    public async Task Lifecycle_NotAnAdministratorOrUnknownOperator_Refused()
    {
        await Server.CreateOperatorAsync("rest-bob", OperatorRole.Reviewer);

        var (byRegistrar, registrarCode) = await StatusAsync(Server.Registrar.PostAsync("/api/v1/operators/rest-bob/disable", null));
        var (unknown, unknownCode) = await StatusAsync(Server.Client.PostAsync("/api/v1/operators/nobody/disable", null));
        var (pastExpiry, pastCode) = await StatusAsync(Server.Client.PostAsJsonAsync("/api/v1/operators/rest-bob/rotate", new OperatorRotationBody(DateTime.UtcNow.AddDays(-1)), Counter.Web));

        byRegistrar.ShouldBe(HttpStatusCode.Forbidden);
        registrarCode.ShouldBe("forbidden");
        unknown.ShouldBe(HttpStatusCode.NotFound);
        unknownCode.ShouldBe("operator-not-found");
        pastExpiry.ShouldBe(HttpStatusCode.BadRequest);
        pastCode.ShouldBe("request-invalid");
    }

    [Fact]
    public async Task ProtocolAccount_AgencyOperatorOnTheCasOwnAccount_403AndAudited_RegistrarMay()
    {
        var agencyKey = await AgencyOperatorAsync("pa-agency");
        using var agency = Server.Authorized(agencyKey);
        var basis = await Counter.IssueAsync(Server.Registrar, Counter.New(Counter.Person("协议账户"), "personal", Csrs.Pem(Csrs.Der(KeyAlgorithm.Sm2, "CN=协议账户"))));
        using var created = await Server.Registrar.PostAsJsonAsync("/api/v1/protocol-accounts", new ProtocolAccountBody("est", "ca-own-est", "personal", basis.Application.Id), Counter.Web);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());

        var (byAgency, agencyCode) = await StatusAsync(agency.PostAsync("/api/v1/protocol-accounts/est/ca-own-est/disable", null));
        var (enableByAgency, _) = await StatusAsync(agency.PostAsync("/api/v1/protocol-accounts/est/ca-own-est/enable", null));
        var accounts = (await Server.Registrar.GetFromJsonAsync<List<ProtocolAccountView>>("/api/v1/protocol-accounts", Counter.Web))!;
        var (byRegistrar, _) = await StatusAsync(Server.Registrar.PostAsync("/api/v1/protocol-accounts/est/ca-own-est/disable", null));

        byAgency.ShouldBe(HttpStatusCode.Forbidden);
        agencyCode.ShouldBe("agency-scope-violated");
        enableByAgency.ShouldBe(HttpStatusCode.Forbidden);
        accounts.Single(a => a.Name == "ca-own-est").Disabled.ShouldBeFalse();
        byRegistrar.ShouldBe(HttpStatusCode.NoContent);
        (await Server.RecentAuditAsync(20)).ShouldContain(e => e.Action == "request.rejected" && e.Actor == "operator:op-pa-agency" && (e.Details ?? "").Contains("agency-scope-violated"));
    }

    private async Task<string> AgencyOperatorAsync(string code)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        using var response = await Server.Client.PostAsJsonAsync("/api/v1/agencies",
            new AgencyBody(code, "杭州市某受理点", "张三", ["杭州市西湖区某路1号"], ["personal"], ["individual"], ["330100"], today.AddDays(-3)), Counter.Web);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await Server.CreateOperatorAsync(new NewOperator("op-" + code, OperatorRole.AgencyOperator, code));
    }

    private static async Task<(HttpStatusCode Status, string? Code)> StatusAsync(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        var raw = await response.Content.ReadAsStringAsync();
        string? code = null;
        if (raw.StartsWith('{'))
        {
            using var json = JsonDocument.Parse(raw);
            code = json.RootElement.TryGetProperty("code", out var value) ? value.GetString() : null;
        }

        return (response.StatusCode, code);
    }
}
