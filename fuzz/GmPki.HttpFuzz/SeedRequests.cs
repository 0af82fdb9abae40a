using System.Text;

namespace GmPki.HttpFuzz;

/// <summary>Builds the valid seed request of an operation: real path values, required query parameters, the right credentials and a real body.</summary>
public sealed class SeedRequests(SeedState seeds, SchemaSample samples, IReadOnlyDictionary<string, string> apiKeys)
{
    /// <summary>The operator roles whose API keys the seeds use, in a fixed order.</summary>
    public static readonly string[] Roles = ["admin", "registrar", "reviewer"];

    /// <summary>A seed request for <paramref name="operation"/>; <paramref name="random"/> picks the role, header form and body among the valid ones.</summary>
    public FuzzRequest For(Operation operation, Random random)
    {
        var path = operation.Path;
        foreach (var parameter in operation.Parameters.Where(p => p.In == "path"))
        {
            path = path.Replace("{" + parameter.Name + "}", PathValue(operation.Path, parameter), StringComparison.Ordinal);
        }

        var query = string.Join('&', operation.Parameters.Where(p => p.In == "query" && p.Required)
            .Select(p => p.Name + "=" + Uri.EscapeDataString(samples.Of(p.Schema)?.ToString() ?? "1")));
        var headers = Credentials(operation, random);
        byte[]? body = null;
        if (operation.MediaType is { } mediaType)
        {
            headers.Add(new("Content-Type", mediaType));
            body = mediaType == "application/json"
                ? Encoding.UTF8.GetBytes(samples.Of(operation.BodySchema)?.ToJsonString() ?? "{}")
                : seeds.Bodies.TryGetValue(mediaType, out var bodies) ? bodies[random.Next(bodies.Count)] : [];
        }

        return new FuzzRequest(operation, "seed", operation.Method, query.Length > 0 ? path + "?" + query : path, headers, body);
    }

    /// <summary>The credentials a valid caller of <paramref name="operation"/> sends (none for an anonymous operation).</summary>
    public List<KeyValuePair<string, string>> Credentials(Operation operation, Random random)
    {
        var headers = new List<KeyValuePair<string, string>>();
        if (operation.Security.Contains("estAccount") && seeds.EstAccount is { } account)
        {
            headers.Add(new("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(account))));
        }
        else if (operation.Security.Contains("accessToken") && seeds.AccessToken is { } token && random.Next(3) == 0)
        {
            headers.Add(new("Authorization", "Bearer " + token));
        }
        else if (operation.Security.Contains("apiKey"))
        {
            var key = apiKeys[Roles[random.Next(Roles.Length)]];
            headers.Add(random.Next(4) == 0 ? new("X-API-Key", key) : new("Authorization", "Bearer " + key));
        }

        return headers;
    }

    private string PathValue(string template, Parameter parameter)
    {
        var specific = seeds.PathValues.Keys.FirstOrDefault(key => key.EndsWith("|" + parameter.Name, StringComparison.Ordinal)
            && template.StartsWith(key[..key.IndexOf('|')], StringComparison.Ordinal));
        if (specific is not null)
        {
            return seeds.PathValues[specific];
        }

        return seeds.PathValues.TryGetValue(parameter.Name, out var value) ? value : Uri.EscapeDataString(samples.Of(parameter.Schema)?.ToString() ?? "x");
    }
}
