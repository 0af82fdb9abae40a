using System.Net;
using System.Net.Http.Json;
using GmPki.Core.Keys;
using GmPki.Core.Security;
using GmPki.Registration.Operators;
using GmPki.Server.Http;

namespace GmPki.Server.Tests;

/// <summary>
/// Delegated registration agencies (受委托机构, M24 §25) over the REST API: registration and
/// filing deadlines, agency operators inside and outside their scope, suspension, no
/// sub-delegation, the activity report, and the deployment switch (D §22).
/// </summary>
public class AgencyApiTests(Sm2ServerFixture fixture) : IClassFixture<Sm2ServerFixture>
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private RunningServer Server => fixture.Server;

    [Fact]
    public async Task AgencyOperator_WithinScope_CounterFlowCompletesInTheCasNameAndIsAttributed()
    {
        using var agency = await AgencyOperatorAsync("hz-within");
        var person = Counter.Person("杭州用户") with { Region = "330106" };

        var issued = await Counter.IssueAsync(agency, Counter.New(person, "personal", Csr("杭州用户")));

        issued.Application.State.ShouldBe("completed");
        issued.Application.Steps.ShouldAllBe(s => s.Agency == "hz-within");
        var audit = await Server.RecentAuditAsync(40);
        audit.Where(e => e.Target == "application:" + issued.Application.Id).ShouldAllBe(e => e.Agency == "hz-within");
        var report = (await Server.Client.GetFromJsonAsync<AgencyReportView>($"/api/v1/agencies/hz-within/report?from={Today.AddDays(-1):yyyy-MM-dd}&to={Today:yyyy-MM-dd}", Counter.Web))!;
        report.SubscribersRegistered.ShouldBe(1);
        report.Applications.ShouldBe([new ApplicationCountView("new", "completed", 1)]);
    }

    [Fact]
    public async Task AgencyOperator_AnotherAgencysPersonalData_403OwnIs200()
    {
        using var owner = await AgencyOperatorAsync("hz-owner");
        using var other = await AgencyOperatorAsync("hz-other");
        var issued = await Counter.IssueAsync(owner, Counter.New(Counter.Person("隐私人") with { Region = "330106" }, "personal", Csr("隐私人")));
        var evidence = issued.Application.Steps.SelectMany(s => s.Evidence).First().Id;

        using var ownSubscriber = await owner.GetAsync($"/api/v1/subscribers/{issued.Application.SubscriberId}");
        using var otherSubscriber = await other.GetAsync($"/api/v1/subscribers/{issued.Application.SubscriberId}");
        using var ownEvidence = await owner.GetAsync($"/api/v1/evidence/{evidence}");
        using var otherEvidence = await other.GetAsync($"/api/v1/evidence/{evidence}");

        ownSubscriber.StatusCode.ShouldBe(HttpStatusCode.OK);
        otherSubscriber.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        ownEvidence.StatusCode.ShouldBe(HttpStatusCode.OK);
        otherEvidence.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Server.RecentAuditAsync(10)).ShouldContain(e => e.Action == "evidence.read" && e.Agency == "hz-owner");
    }

    [Theory]
    [InlineData("organization", "individual", "330106", "profile 'organization'")]
    [InlineData("personal", "individual", "110105", "region 110105")]
    [InlineData("personal", "enterprise", "330106", "may not register enterprise")]
    public async Task AgencyOperator_OutsideScope_403AndNothingRecorded(string profile, string type, string region, string message)
    {
        using var agency = await AgencyOperatorAsync("hz-" + profile[..3] + type[..3] + region[..2]);
        var subscriber = type == "individual"
            ? Counter.Person("越权申请人") with { Region = region }
            : Counter.Organization("越权企业") with { Region = region };
        var before = await CountRecordsAsync();

        var (status, _, raw) = await Counter.PostAsync(agency, Counter.New(subscriber, profile, Csr(subscriber.Name, profile == "organization" ? "某单位" : type == "individual" ? null : subscriber.Name)));

        status.ShouldBe(HttpStatusCode.Forbidden, raw);
        raw.ShouldContain("agency-scope-violated");
        raw.ShouldContain(message);
        (await CountRecordsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task AgencyOperator_CannotRegisterAgencies_NoSubDelegation()
    {
        using var agency = await AgencyOperatorAsync("hz-nosub");

        using var response = await agency.PostAsJsonAsync("/api/v1/agencies", Body("hz-child", Today), Counter.Web);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Server.RecentAuditAsync(5)).ShouldContain(e => e.Action == "auth.forbidden" && e.Actor == "operator:op-hz-nosub" && e.Agency == "hz-nosub");
    }

    [Fact]
    public async Task SuspendedAgency_OperatorsCannotAct_ResumedTheyCan()
    {
        using var agency = await AgencyOperatorAsync("hz-suspend");
        var person = Counter.Person("暂停期间") with { Region = "330106" };

        (await Server.Client.PostAsJsonAsync("/api/v1/agencies/hz-suspend/suspension", new SuspensionBody(true, "检查整改"), Counter.Web)).EnsureSuccessStatusCode();
        var refused = await Counter.PostAsync(agency, Counter.New(person, "personal", Csr("暂停期间")));
        (await Server.Client.PostAsJsonAsync("/api/v1/agencies/hz-suspend/suspension", new SuspensionBody(false, "整改完成"), Counter.Web)).EnsureSuccessStatusCode();
        var accepted = await Counter.PostAsync(agency, Counter.New(person, "personal", Csr("暂停期间")));

        refused.Status.ShouldBe(HttpStatusCode.Forbidden, refused.Raw);
        refused.Raw.ShouldContain("suspended");
        accepted.Status.ShouldBe(HttpStatusCode.Created, accepted.Raw);
    }

    [Theory]
    [InlineData(40, "overdue", true)]
    [InlineData(25, "due-soon", true)]
    [InlineData(5, "due", false)]
    public async Task Filing_DeadlineThirtyDaysAfterAgreement_StateAndWarning(int daysAgo, string state, bool warns)
    {
        var code = "filing-" + daysAgo;

        var created = await RegisterAsync(code, Today.AddDays(-daysAgo));

        created.Filing.ShouldBe(state);
        created.FilingDeadline.ShouldBe(Today.AddDays(30 - daysAgo));
        (created.Warning is not null).ShouldBe(warns);
        if (warns)
        {
            created.Warning!.ShouldContain("M24 §25");
        }
    }

    [Fact]
    public async Task Filing_AgreementFiledThenChanged_ChangeMustBeFiledAgain()
    {
        await RegisterAsync("filing-change", Today.AddDays(-10));

        var filed = await MustAsync<AgencyView>(Server.Client.PostAsJsonAsync("/api/v1/agencies/filing-change/filings", new FilingBody(Today.AddDays(-2)), Counter.Web));
        var changed = await MustAsync<AgencyView>(Server.Client.PutAsJsonAsync("/api/v1/agencies/filing-change", Body(null, Today.AddDays(-10)) with { ResponsiblePerson = "李四" }, Counter.Web));
        var refiled = await MustAsync<AgencyView>(Server.Client.PostAsJsonAsync("/api/v1/agencies/filing-change/filings", new FilingBody(Today), Counter.Web));
        using var nothingDue = await Server.Client.PostAsJsonAsync("/api/v1/agencies/filing-change/filings", new FilingBody(Today), Counter.Web);

        filed.Filing.ShouldBe("filed");
        changed.Filing.ShouldBe("due");
        changed.ChangedOn.ShouldBe(Today);
        changed.FilingDeadline.ShouldBe(Today.AddDays(30));
        refiled.Filing.ShouldBe("filed");
        nothingDue.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await nothingDue.Content.ReadAsStringAsync()).ShouldContain("nothing to file");
        var actions = (await Server.RecentAuditAsync(10)).Where(e => e.Target == "agency:filing-change").Select(e => e.Action);
        actions.ShouldBe(["agency.filed", "agency.changed", "agency.filed", "agency.registered"]);
    }

    [Theory]
    [InlineData("""{"code":"Bad Code","name":"x","responsiblePerson":"y","serviceAddresses":["z"],"profiles":["personal"],"subscriberTypes":["individual"],"regions":["330100"],"agreementDate":"2026-01-01"}""", "must match")]
    [InlineData("""{"code":"no-scope","name":"x","responsiblePerson":"y","serviceAddresses":["z"],"profiles":[],"subscriberTypes":["individual"],"regions":["330100"],"agreementDate":"2026-01-01"}""", "at least one profile")]
    [InlineData("""{"code":"bad-profile","name":"x","responsiblePerson":"y","serviceAddresses":["z"],"profiles":["vip"],"subscriberTypes":["individual"],"regions":["3301"],"agreementDate":"2026-01-01"}""", "profile 'vip' does not exist")]
    [InlineData("""{"code":"future","name":"x","responsiblePerson":"y","serviceAddresses":["z"],"profiles":["personal"],"subscriberTypes":["individual"],"regions":["330100"],"agreementDate":"2999-01-01"}""", "in the future")]
    public async Task Register_InvalidAgency_400AgencyInvalidAndNothingStored(string json, string message)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");

        using var response = await Server.Client.PostAsync("/api/v1/agencies", content);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var raw = await response.Content.ReadAsStringAsync();
        raw.ShouldContain("agency-invalid");
        raw.ShouldContain(message);
        var codes = (await Server.Client.GetFromJsonAsync<List<AgencyView>>("/api/v1/agencies", Counter.Web))!.Select(a => a.Code);
        codes.ShouldNotContain(System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task DelegationSwitchedOff_NoAgencyCanBeRegistered()
    {
        await using var server = await RunningServer.StartAsync(configure: (json, _) => json["Registration"] = new System.Text.Json.Nodes.JsonObject { ["DelegationEnabled"] = false });

        using var response = await server.Client.PostAsJsonAsync("/api/v1/agencies", Body("any", Today), Counter.Web);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).ShouldContain("D §22");
    }

    private static AgencyBody Body(string? code, DateOnly agreement)
        => new(code, "杭州市某受理点", "张三", ["杭州市西湖区某路1号"], ["personal"], ["individual"], ["330100"], agreement);

    private async Task<AgencyView> RegisterAsync(string code, DateOnly agreement)
    {
        using var response = await Server.Client.PostAsJsonAsync("/api/v1/agencies", Body(code, agreement), Counter.Web);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<AgencyView>(Counter.Web))!;
    }

    private async Task<HttpClient> AgencyOperatorAsync(string code)
    {
        await RegisterAsync(code, Today.AddDays(-3));
        return Server.Authorized(await Server.CreateOperatorAsync(new NewOperator("op-" + code, OperatorRole.AgencyOperator, code)));
    }

    /// <summary>Applications stored plus subscribers registered (as their audit events tell).</summary>
    private async Task<int> CountRecordsAsync()
        => (await Server.Client.GetFromJsonAsync<ApplicationPage>("/api/v1/applications?pageSize=1", Counter.Web))!.Total
            + (await Server.RecentAuditAsync(500)).Count(e => e.Action == "subscriber.registered");

    private static async Task<T> MustAsync<T>(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<T>(Counter.Web))!;
    }

    private static string Csr(string commonName, string? organization = null)
        => Csrs.Pem(Csrs.Der(KeyAlgorithm.Sm2, organization is null ? $"CN={commonName}" : $"CN={commonName},O={organization}"));
}
