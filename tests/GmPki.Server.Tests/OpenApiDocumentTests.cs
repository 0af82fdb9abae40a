using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using GmPki.Testing;

namespace GmPki.Server.Tests;

/// <summary>
/// The OpenAPI document (<c>/openapi/v1.json</c>, docs/api.md "OpenAPI document"): complete (every
/// operation has an operationId, summary, description and security requirement; every body a
/// schema), the same as the checked-in <c>docs/openapi.json</c> the client and the lint read,
/// clean under Redocly's lint, and browsable at <c>/api/docs</c> without anything from outside.
/// </summary>
public class OpenApiDocumentTests(Sm2ServerFixture fixture) : IClassFixture<Sm2ServerFixture>
{
    /// <summary>Set to 1 to rewrite docs/openapi.json from the served document.</summary>
    public const string UpdateVariable = "GMPKI_UPDATE_OPENAPI";

    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head"];

    private static readonly JsonSerializerOptions Written = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string CheckedIn => RepositoryRoot.Of("docs/openapi.json");

    [Fact]
    public async Task Served_SameAsCheckedInCopy()
    {
        var served = await ServedAsync();
        var text = served.ToJsonString(Written) + "\n";
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            await File.WriteAllTextAsync(CheckedIn, text);
        }

        var checkedIn = File.Exists(CheckedIn) ? JsonNode.Parse(await File.ReadAllTextAsync(CheckedIn)) : null;
        JsonNode.DeepEquals(served, checkedIn).ShouldBeTrue(
            $"docs/openapi.json differs from the served /openapi/v1.json. Refresh it with: {UpdateVariable}=1 dotnet test tests/GmPki.Server.Tests --filter FullyQualifiedName~OpenApiDocumentTests, then review and commit the diff.");
    }

    [Fact]
    public async Task EveryOperation_HasIdSummaryDescriptionSecurityAndBodySchema()
    {
        var operations = Operations(await ServedAsync()).ToList();

        operations.Count.ShouldBeGreaterThan(90);
        operations.Where(o => o.Operation["operationId"] is null).Select(o => o.Name).ShouldBeEmpty("operations without operationId");
        operations.GroupBy(o => (string)o.Operation["operationId"]!).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty("operationIds used twice");
        operations.Where(o => !char.IsLower(((string)o.Operation["operationId"]!)[0])).Select(o => o.Name).ShouldBeEmpty("operationIds not camelCase");
        operations.Where(o => o.Operation["summary"] is null).Select(o => o.Name).ShouldBeEmpty("operations without summary");
        operations.Where(o => o.Operation["description"] is null).Select(o => o.Name).ShouldBeEmpty("operations without description");
        operations.Where(o => o.Operation["security"] is null).Select(o => o.Name).ShouldBeEmpty("operations without a security requirement");
        operations.Where(o => o.Operation["requestBody"]?["content"] is JsonObject content && content.Any(c => c.Value?["schema"] is null))
            .Select(o => o.Name).ShouldBeEmpty("request bodies without schema");
    }

    [Fact]
    public async Task Counter_DocumentsBodyProblemsAndCredentials()
    {
        var counter = (await ServedAsync())["paths"]!["/api/v1/counter/applications"]!["post"]!;

        ((string)counter["operationId"]!).ShouldBe("createCounterApplication");
        ((string)counter["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!).ShouldBe("#/components/schemas/CounterBody");
        counter["responses"]!.AsObject().Select(r => r.Key).ShouldBe(["201", "400", "401", "403", "404", "409", "413", "503"], ignoreOrder: true);
        ((string)counter["responses"]!["409"]!["content"]!["application/problem+json"]!["schema"]!["$ref"]!).ShouldBe("#/components/schemas/ProblemDetails");
        counter["security"]!.AsArray().Select(r => r!.AsObject().Single().Key).ShouldBe(["apiKey", "apiKeyHeader", "clientCertificate"]);
    }

    [Fact]
    public async Task Anonymous_EmptySecurity_ApplicantTokenWhereParticipant()
    {
        var paths = (await ServedAsync())["paths"]!;

        paths["/api/v1/directory/certificates"]!["get"]!["security"]!.AsArray().ShouldBeEmpty();
        paths["/api/v1/applications/{id}"]!["get"]!["security"]!.AsArray().Select(r => r!.AsObject().Single().Key).ShouldContain("accessToken");
        paths["/api/v1/applications"]!["get"]!["security"]!.AsArray().Select(r => r!.AsObject().Single().Key).ShouldNotContain("accessToken");
    }

    [Fact]
    public async Task ReferencePage_ServedWithLocalScript()
    {
        using var anonymous = fixture.Server.Authorized(null);

        using var page = await anonymous.GetAsync("/api/docs");
        var html = await page.Content.ReadAsStringAsync();
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var scripts = System.Text.RegularExpressions.Regex.Matches(html, "<script[^>]*\\bsrc=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        scripts.ShouldNotBeEmpty(html);
        scripts.ShouldAllBe(src => !src.Contains("//"), "every script is served by the GmPki server itself");
        using var script = await anonymous.GetAsync(new Uri(new Uri(fixture.Server.BaseUrl + "/api/docs/"), scripts[0]));
        script.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await script.Content.ReadAsByteArrayAsync()).Length.ShouldBeGreaterThan(100_000);
    }

    [SkippableFact]
    public void CheckedInCopy_PassesRedoclyLint()
    {
        var (exitCode, output) = OpenApiLint.Run(CheckedIn);

        exitCode.ShouldBe(0, output);
    }

    private async Task<JsonNode> ServedAsync()
    {
        using var anonymous = fixture.Server.Authorized(null);
        return JsonNode.Parse(await anonymous.GetStringAsync("/openapi/v1.json"))!;
    }

    private static IEnumerable<(string Name, JsonNode Operation)> Operations(JsonNode document)
        => document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Where(o => Methods.Contains(o.Key))
            .Select(o => ($"{o.Key.ToUpperInvariant()} {path.Key}", o.Value!)));
}
