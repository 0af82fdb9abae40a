using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GmPki.Core.Security;
using GmPki.Registration.Operators;
using GmPki.Server.Http;
using GmPki.Testing;

namespace GmPki.Server.Tests;

/// <summary>
/// The authorization matrix, generated from the served OpenAPI document: every operation it lists
/// × every caller (anonymous, an applicant's access token, one operator of each role), each
/// answered as docs/api.md's "Route × policy" and "Policies" tables say — the one place the matrix
/// is kept. An operation without a row there fails, so a new endpoint cannot skip the matrix.
/// "Allowed" means the operator gate lets the caller through (what the endpoint then does with
/// the dummy request is its own business); "refused" means the gate's own 401 (anonymous:
/// <c>WWW-Authenticate: Bearer</c>) or 403 (<c>forbidden</c>, "is not allowed to do this").
/// </summary>
public partial class RouteRoleMatrixTests(Sm2ServerFixture fixture) : IClassFixture<Sm2ServerFixture>
{
    private const string Anonymous = "anonymous";
    private const string Applicant = "applicant";

    private RunningServer Server => fixture.Server;

    [Fact]
    public async Task EveryOperation_EveryRole_AnsweredAsTheMatrixSays()
    {
        var markdown = await File.ReadAllLinesAsync(RepositoryRoot.Of("docs/api.md"));
        var policies = PolicyTable(markdown);
        var routes = RouteTable(markdown);
        var document = JsonNode.Parse(await Server.Client.GetStringAsync("/openapi/v1.json"))!;
        var callers = await CallersAsync(policies.Values.First().Keys);

        var failures = new List<string>();
        var operations = Operations(document).ToList();
        foreach (var (method, path, operation) in operations)
        {
            var id = operation["operationId"]!.GetValue<string>();
            if (!routes.TryGetValue(id, out var row))
            {
                failures.Add($"{id} ({method} {path}) has no row in docs/api.md's route × policy table");
                continue;
            }

            if (row.Route != $"{method} {path}" || !policies.TryGetValue(row.Policy, out var allowed))
            {
                failures.Add($"{id}: docs/api.md says `{row.Route}` with policy '{row.Policy}', the document serves {method} {path}");
                continue;
            }

            foreach (var (role, client) in callers)
            {
                using var response = await client.SendAsync(Probe(method, path, operation));
                var refusal = await GateRefusalAsync(response);
                var expected = allowed[role] ? null : role == Anonymous ? "401" : "403";
                if (refusal != expected)
                {
                    failures.Add($"{id} {method} {path} as {role}: expected {expected ?? "through the gate"}, got {refusal ?? "through the gate"} ({(int)response.StatusCode})");
                }
            }
        }

        var stale = routes.Keys.Except(operations.Select(o => o.Operation["operationId"]!.GetValue<string>())).ToList();
        failures.AddRange(stale.Select(id => $"docs/api.md lists {id}, which the OpenAPI document does not serve"));
        failures.ShouldBeEmpty(string.Join("\n", failures));
        operations.Count.ShouldBeGreaterThan(90);
    }

    /// <summary>"401" or "403" when the operator gate refused, null when it let the request through.</summary>
    private static async Task<string?> GateRefusalAsync(HttpResponseMessage response)
    {
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            return response.Headers.WwwAuthenticate.Any(h => h.Scheme == "Bearer") ? "401" : null;
        }

        if (response.StatusCode != HttpStatusCode.Forbidden)
        {
            return null;
        }

        var body = await response.Content.ReadAsStringAsync();
        return body.Contains("\"code\":\"forbidden\"", StringComparison.Ordinal) && body.Contains("is not allowed to do this", StringComparison.Ordinal) ? "403" : null;
    }

    private static HttpRequestMessage Probe(string method, string path, JsonNode operation)
    {
        var parameters = operation["parameters"]?.AsArray().Where(p => p!["in"]!.GetValue<string>() == "path")
            .ToDictionary(p => p!["name"]!.GetValue<string>(), p => p!["schema"]?["format"]?.GetValue<string>()) ?? [];
        var url = PathParameter().Replace(path, m => parameters.GetValueOrDefault(m.Groups[1].Value) == "uuid" ? Guid.NewGuid().ToString("D") : "no-such-" + m.Groups[1].Value.ToLowerInvariant());
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (operation["requestBody"]?["content"]?.AsObject().Select(c => c.Key).FirstOrDefault() is { } mediaType)
        {
            request.Content = new StringContent(mediaType.Contains("json", StringComparison.Ordinal) ? "{}" : string.Empty, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
        }

        return request;
    }

    private static IEnumerable<(string Method, string Path, JsonNode Operation)> Operations(JsonNode document)
        => document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Where(o => o.Value?["operationId"] is not null)
            .Select(o => (o.Key.ToUpperInvariant(), path.Key, o.Value!)));

    /// <summary>Policy → role → allowed, from the "| policy | anonymous | …" table.</summary>
    private static Dictionary<string, Dictionary<string, bool>> PolicyTable(string[] markdown)
    {
        var (header, rows) = Table(markdown, "| policy | anonymous |");
        return rows.ToDictionary(r => r[0].Trim('`'), r => header.Skip(1).Select((role, i) => (role, allowed: r[i + 1] == "✓")).ToDictionary(x => x.role, x => x.allowed));
    }

    /// <summary>operationId → (route, policy), from the "| operation | route | policy |" table.</summary>
    private static Dictionary<string, (string Route, string Policy)> RouteTable(string[] markdown)
        => Table(markdown, "| operation | route | policy |").Rows.ToDictionary(r => r[0].Trim('`'), r => (r[1].Trim('`').Replace("\\|", "|", StringComparison.Ordinal), r[2].Trim('`')));

    private static (string[] Header, List<string[]> Rows) Table(string[] markdown, string headerStart)
    {
        var start = Array.FindIndex(markdown, l => l.StartsWith(headerStart, StringComparison.Ordinal));
        start.ShouldBeGreaterThanOrEqualTo(0, $"docs/api.md has no table starting '{headerStart}'");
        var rows = markdown.Skip(start + 2).TakeWhile(l => l.StartsWith('|')).Select(Cells).ToList();
        return (Cells(markdown[start]), rows);
    }

    private static string[] Cells(string line) => [.. line.Trim().Trim('|').Split(" | ").Select(c => c.Trim())];

    /// <summary>One client per caller of the policy table's columns.</summary>
    private async Task<List<(string Role, HttpClient Client)>> CallersAsync(IEnumerable<string> roles)
    {
        var callers = new List<(string, HttpClient)>();
        foreach (var role in roles)
        {
            callers.Add((role, role switch
            {
                Anonymous => Server.Authorized(null),
                Applicant => Server.Authorized(await ApplicantTokenAsync()),
                _ => Server.Authorized(await OperatorKeyAsync(role)),
            }));
        }

        return callers;
    }

    private async Task<string> OperatorKeyAsync(string role)
    {
        OperatorRoles.TryParse(role, out var parsed).ShouldBeTrue($"docs/api.md names an unknown role '{role}'");
        var name = "matrix-" + role;
        return parsed!.Value switch
        {
            OperatorRole.AgencyOperator => await Server.CreateOperatorAsync(new NewOperator(name, parsed.Value, await AgencyAsync())),
            OperatorRole.CaAdministrator => await Server.CreateOperatorAsync(new NewOperator(name, parsed.Value, IdentityNumber: "110101198001010010")),
            OperatorRole.SecurityOfficer => await Server.CreateOperatorAsync(new NewOperator(name, parsed.Value, IdentityNumber: "110101198001010037")),
            OperatorRole.AuditOfficer => await Server.CreateOperatorAsync(new NewOperator(name, parsed.Value, IdentityNumber: "110101198001010053")),
            OperatorRole.KmcOfficer => await Server.CreateOperatorAsync(new NewOperator(name, parsed.Value, IdentityNumber: "11010519491231002X")),
            _ => await Server.CreateOperatorAsync(name, parsed.Value),
        };
    }

    private async Task<string> AgencyAsync()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        using var response = await Server.Client.PostAsJsonAsync("/api/v1/agencies",
            new AgencyBody("matrix", "某受理点", "张三", ["某路1号"], ["personal"], ["individual"], ["330100"], today.AddDays(-3)), Counter.Web);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return "matrix";
    }

    private async Task<string> ApplicantTokenAsync()
    {
        using var anonymous = Server.Authorized(null);
        using var response = await anonymous.PostAsJsonAsync("/api/v1/applications",
            new OpenApplicationBody("new", Subscriber: Counter.Person("矩阵"), Profile: "personal", Csr: Csrs.Pem(Csrs.Der(Core.Keys.KeyAlgorithm.Sm2, "CN=矩阵"))), Counter.Web);
        var raw = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, raw);
        return JsonSerializer.Deserialize<OpenedApplicationView>(raw, Counter.Web)!.AccessToken;
    }

    [GeneratedRegex(@"\{([^}:*]+)[^}]*\}")]
    private static partial Regex PathParameter();
}
