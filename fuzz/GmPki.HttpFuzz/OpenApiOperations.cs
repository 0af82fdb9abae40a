using System.Text.Json.Nodes;

namespace GmPki.HttpFuzz;

/// <summary>A parameter of an operation: its name, where it goes (<c>path</c>, <c>query</c>, <c>header</c>) and its JSON schema.</summary>
public sealed record Parameter(string Name, string In, bool Required, JsonObject? Schema);

/// <summary>
/// One operation of the OpenAPI document: method, path template, parameters, the request body's
/// media type and schema (null without a body) and the security schemes it accepts (empty: anonymous).
/// </summary>
public sealed record Operation(string Method, string Path, string Id, IReadOnlyList<Parameter> Parameters, string? MediaType, JsonObject? BodySchema,
    IReadOnlySet<string> Security)
{
    /// <summary><c>METHOD /path</c>, the key of the tallies.</summary>
    public string Name => $"{Method} {Path}";
}

/// <summary>Reads every operation of an OpenAPI 3.1 document (docs/openapi.json), resolving <c>$ref</c>s to component schemas.</summary>
public sealed class OpenApiOperations
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    private readonly JsonObject _document;

    /// <summary>Parses the document at <paramref name="path"/>.</summary>
    public OpenApiOperations(string path)
    {
        _document = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        Operations = Read();
    }

    /// <summary>Every operation, in document order.</summary>
    public IReadOnlyList<Operation> Operations { get; }

    /// <summary>The schema itself, or the component schema a <c>$ref</c> names.</summary>
    public JsonObject? Resolve(JsonNode? schema)
    {
        if (schema is not JsonObject obj)
        {
            return null;
        }

        return obj["$ref"]?.GetValue<string>() is { } reference
            ? _document["components"]!["schemas"]![reference.Split('/')[^1]]!.AsObject()
            : obj;
    }

    private List<Operation> Read()
    {
        var operations = new List<Operation>();
        foreach (var (path, item) in _document["paths"]!.AsObject())
        {
            foreach (var method in Methods)
            {
                if (item![method] is not JsonObject operation)
                {
                    continue;
                }

                var parameters = ((item["parameters"] as JsonArray) ?? []).Concat((operation["parameters"] as JsonArray) ?? [])
                    .Select(node => node!.AsObject())
                    .Select(p => new Parameter(p["name"]!.GetValue<string>(), p["in"]!.GetValue<string>(), p["required"]?.GetValue<bool>() ?? false, Resolve(p["schema"])))
                    .ToList();
                var content = operation["requestBody"]?["content"] as JsonObject;
                var media = content?.FirstOrDefault();
                var security = ((operation["security"] as JsonArray) ?? [])
                    .SelectMany(requirement => requirement!.AsObject().Select(scheme => scheme.Key))
                    .ToHashSet();
                operations.Add(new Operation(method.ToUpperInvariant(), path, operation["operationId"]?.GetValue<string>() ?? path, parameters,
                    media?.Key, Resolve(media?.Value?["schema"]), security));
            }
        }

        return operations;
    }
}
