using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GmPki.Core.Keys;
using GmPki.Server.Http;

namespace GmPki.Server.Tests;

/// <summary>
/// Malformed counter bodies (issue 15: <c>"content": null</c>, no <c>materials</c>, no
/// <c>identityMethod</c>, CR/LF in an evidence file's name or media type) get a 400 with a specific
/// code, never a 500, and leave no application behind. Members the contract requires, missing or
/// null, are refused by the body reader (<c>request-invalid</c>) before any desk runs; the error
/// names where the reader stopped, never the body's text.
/// </summary>
public class CounterIntakeTests(Sm2ServerFixture fixture) : IClassFixture<Sm2ServerFixture>
{
    private RunningServer Server => fixture.Server;

    [Theory]
    [InlineData("content null", "request-invalid")]
    [InlineData("no materials", "request-invalid")]
    [InlineData("materials null", "request-invalid")]
    [InlineData("no identityMethod", "request-invalid")]
    [InlineData("CR LF in name", "evidence-invalid")]
    [InlineData("LF in media type", "evidence-invalid")]
    public async Task A_malformed_counter_body_is_a_400_and_records_nothing(string malformation, string code)
    {
        var body = JsonSerializer.SerializeToNode(Counter.New(Counter.Person("柜台用户"), "personal", Csrs.Pem(Csrs.Der(KeyAlgorithm.Sm2, "CN=柜台用户"))), Counter.Web)!.AsObject();
        var scan = body["identityEvidence"]![0]!.AsObject();
        switch (malformation)
        {
            case "content null": scan["content"] = null; break;
            case "no materials": body.Remove("materials"); break;
            case "materials null": body["materials"] = null; break;
            case "no identityMethod": body.Remove("identityMethod"); break;
            case "CR LF in name": scan["name"] = "id.pdf\r\nSet-Cookie: x=1"; break;
            default: scan["mediaType"] = "application/pdf\nX-Injected: 1"; break;
        }

        var before = await ApplicationCountAsync();
        using var response = await Server.Registrar.PostAsJsonAsync("/api/v1/counter/applications", body, Counter.Web);
        var raw = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, raw);
        JsonDocument.Parse(raw).RootElement.GetProperty("code").GetString().ShouldBe(code, raw);
        (await ApplicationCountAsync()).ShouldBe(before);
    }

    [Theory]
    [InlineData("/api/v1/urgent-revocations")]
    [InlineData("/api/v1/authority-revocations")]
    [InlineData("/api/v1/counter/status-changes")]
    public async Task An_empty_object_is_a_400_request_invalid(string path)
    {
        using var response = await Server.Registrar.PostAsJsonAsync(path, new { }, Counter.Web);
        var raw = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, raw);
        JsonDocument.Parse(raw).RootElement.GetProperty("code").GetString().ShouldBe("request-invalid", raw);
    }

    [Fact]
    public async Task A_malformed_body_is_refused_without_echoing_its_personal_data()
    {
        const string body = "{\"serial\":\"01\",\"callerName\":\"张三\",\"callerIdentityNumber\":\"11010519491231002X\" \"reason\":1}";
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await Server.Registrar.PostAsync("/api/v1/urgent-revocations", content);
        var raw = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, raw);
        JsonDocument.Parse(raw).RootElement.GetProperty("code").GetString().ShouldBe("request-invalid", raw);
        raw.ShouldNotContain("11010519491231002X");
        raw.ShouldNotContain("张三");
        raw.ShouldNotContain("\\u5F20");
    }

    private async Task<int> ApplicationCountAsync()
        => (await Server.Registrar.GetFromJsonAsync<ApplicationPage>("/api/v1/applications?pageSize=1", Counter.Web))!.Total;
}
