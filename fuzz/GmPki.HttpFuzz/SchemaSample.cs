using System.Text.Json.Nodes;

namespace GmPki.HttpFuzz;

/// <summary>
/// Builds a valid-looking JSON value from a schema: the schema's first example when it has one,
/// otherwise a value of its type (first enum value, formats uuid / date / date-time, one array
/// item, every property); a property named in <c>known</c> gets that real value instead.
/// </summary>
public sealed class SchemaSample(OpenApiOperations document, IReadOnlyDictionary<string, JsonNode?> known)
{
    private const int MaxDepth = 6;

    /// <summary>A value for <paramref name="schema"/>.</summary>
    public JsonNode? Of(JsonObject? schema) => Of(schema, 0);

    private JsonNode? Of(JsonNode? node, int depth)
    {
        var schema = document.Resolve(node);
        if (schema is null || depth > MaxDepth)
        {
            return null;
        }

        if (schema["examples"] is JsonArray { Count: > 0 } examples)
        {
            return WithKnownValues(examples[0]!.DeepClone());
        }

        if ((schema["oneOf"] ?? schema["anyOf"]) is JsonArray { Count: > 0 } choices)
        {
            return Of(choices.FirstOrDefault(c => document.Resolve(c)?["type"]?.ToString() != "null"), depth + 1);
        }

        if (schema["enum"] is JsonArray { Count: > 0 } values)
        {
            return values[0]!.DeepClone();
        }

        return TypeOf(schema) switch
        {
            "object" => ObjectOf(schema, depth),
            "array" => new JsonArray(Of(schema["items"], depth + 1)),
            "integer" or "number" => 1,
            "boolean" => true,
            "string" => StringOf(schema["format"]?.GetValue<string>()),
            _ => schema["properties"] is not null ? ObjectOf(schema, depth) : null,
        };
    }

    /// <summary>The schema's type; the first non-null one of a type list.</summary>
    public static string? TypeOf(JsonObject schema) => schema["type"] switch
    {
        JsonArray types => types.Select(t => t!.GetValue<string>()).FirstOrDefault(t => t != "null"),
        JsonValue type => type.GetValue<string>(),
        _ => null,
    };

    private JsonObject ObjectOf(JsonObject schema, int depth)
    {
        var result = new JsonObject();
        foreach (var (name, property) in (schema["properties"] as JsonObject) ?? [])
        {
            result[name] = known.TryGetValue(name, out var value) ? value?.DeepClone() : Of(property, depth + 1);
        }

        return result;
    }

    private JsonNode? WithKnownValues(JsonNode? example)
    {
        if (example is JsonObject obj)
        {
            foreach (var name in obj.Select(member => member.Key).ToList())
            {
                obj[name] = known.TryGetValue(name, out var value) ? value?.DeepClone() : WithKnownValues(obj[name]?.DeepClone());
            }
        }

        return example;
    }

    private static JsonNode StringOf(string? format) => format switch
    {
        "uuid" => "5b1d0a1e-7c3f-4e2a-9d61-0f8e2c4a6b10",
        "date" => DateTime.UtcNow.ToString("yyyy-MM-dd"),
        "date-time" => DateTime.UtcNow.ToString("O"),
        "byte" => "AAAA",
        _ => "fuzz",
    };
}
